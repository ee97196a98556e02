package dev.passkeys.token;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.api.Problem;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Reads an optional {@code Authorization: Bearer} header where a token changes what an endpoint does
 * (register-options: sign-up without one, adding a passkey with one). A token that is present but not
 * valid is a 401, never a silent fallback to the anonymous behaviour.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer +([A-Za-z0-9._~+/-]+=*) *");

    private final ServiceTokenPrincipalFactory verifier;

    BearerTokens(ServiceTokenPrincipalFactory verifier) {
        this.verifier = verifier;
    }

    public Optional<Caller> optional(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher matcher = BEARER.matcher(authorization);
        if (!matcher.matches()) {
            throw invalid();
        }
        try {
            var token = verifier.verify(matcher.group(1));
            return Optional.of(new Caller(UUID.fromString(token.getSubject()),
                    TokenScopes.restricted(token.getClaim("scope"))));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    public static Problem invalid() {
        return Problem.unauthorized("invalid_token",
                "The access token is malformed, expired, not signed by this service or not meant for it");
    }
}
