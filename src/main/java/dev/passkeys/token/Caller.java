package dev.passkeys.token;

import java.util.UUID;

/** The signed-in user a verified bearer token speaks for. */
public record Caller(UUID userId) {
}
