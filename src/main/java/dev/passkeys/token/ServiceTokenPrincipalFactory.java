package dev.passkeys.token;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.passkeys.config.PasskeyConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies bearer tokens against every key this service publishes, its issuer and audience, whatever the
 * {@code mp.jwt.verify.*} settings say: the keys may be generated at start-up, so they cannot be configuration.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class ServiceTokenPrincipalFactory extends JWTCallerPrincipalFactory {

    /** Tokens can't be larger than this; a bigger header is refused before any parsing. */
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final DefaultJWTCallerPrincipalFactory delegate = new DefaultJWTCallerPrincipalFactory();
    private final JWTAuthContextInfo context;

    ServiceTokenPrincipalFactory(SigningKeys keys, PasskeyConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(jwksJson(keys));
        info.setIssuedBy(config.jwt().issuer());
        info.setExpectedAudience(Set.of(config.jwt().audience()));
        info.setSignatureAlgorithm(keys.published().stream().map(PublishedKey::algorithm).distinct()
                .map(SignatureAlgorithm::fromAlgorithm).collect(Collectors.toUnmodifiableSet()));
        info.setRequiredClaims(Set.of("sub", "iat", "exp"));
        info.setExpGracePeriodSecs(0);
        this.context = info;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo ignored) throws ParseException {
        return verify(token);
    }

    /** The verified token; a {@link ParseException} when it is malformed, expired, foreign or tampered. */
    public JWTCallerPrincipal verify(String token) throws ParseException {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new ParseException("The token is missing or too long");
        }
        return delegate.parse(token, context);
    }

    private static String jwksJson(SigningKeys keys) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(keys.jwks());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
