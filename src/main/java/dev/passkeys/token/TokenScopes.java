package dev.passkeys.token;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.passkeys.api.Problem;

/**
 * What a verified access token may do. A sign-in's token has no {@code scope} and may do everything the
 * account endpoints offer; a recovery token (scope {@value AccessTokens#PASSKEY_ADD_SCOPE}) may only add a
 * passkey and list the passkeys: every other endpoint refuses it with 403 {@code insufficient_scope}.
 */
public final class TokenScopes {

    private TokenScopes() {
    }

    /** Whether a token with this {@code scope} claim is a recovery token (any scope at all restricts it). */
    public static boolean restricted(Object scope) {
        return scope != null && !String.valueOf(scope).isBlank();
    }

    /** Refuses a recovery token on an endpoint that needs a full sign-in. */
    public static void requireSignIn(JsonWebToken token) {
        if (token != null && restricted(token.getClaim("scope"))) {
            throw insufficientScope();
        }
    }

    public static Problem insufficientScope() {
        return new Problem(403, "insufficient_scope",
                "This access token was bought with a recovery code: it may add a passkey and list passkeys only; "
                        + "sign in with a passkey for anything else");
    }
}
