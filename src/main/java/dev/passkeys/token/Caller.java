package dev.passkeys.token;

import java.util.UUID;

/**
 * The signed-in user a verified bearer token speaks for.
 *
 * @param recovery whether the token is a recovery token (scope {@code passkey:add}): it may add a passkey only
 */
public record Caller(UUID userId, boolean recovery) {

    public Caller(UUID userId) {
        this(userId, false);
    }
}
