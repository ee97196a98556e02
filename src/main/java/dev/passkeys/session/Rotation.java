package dev.passkeys.session;

/** What presenting a refresh token came to. */
sealed interface Rotation {

    /** The token was current: it is used now, and {@code next} replaces it. */
    record Rotated(SessionFamily family, RefreshToken next) implements Rotation {
    }

    /** The token had already been rotated: its family is revoked now. */
    record Reused(SessionFamily family) implements Rotation {
    }

    /** Not a live token: unknown, expired, or of an ended or revoked family. */
    record Refused(String reason) implements Rotation {
    }
}
