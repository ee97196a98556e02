package dev.passkeys.account;

import java.time.Instant;
import java.util.UUID;

/** The contract's User: stable opaque {@code id}, never the user handle. */
public record UserView(UUID id, String username, String displayName, Instant createdAt) {

    public static UserView of(UserAccount user) {
        return new UserView(user.id, user.username, user.displayName, user.createdAt);
    }
}
