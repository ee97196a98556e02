package dev.passkeys.session;

/** What presenting a refresh token came to. */
sealed interface Rotation {

    /** The token was current: it is used now, and {@code next} replaces it. */
    record Rotated(SessionFamily family, RefreshToken next) implements Rotation {
    }

    /** The token had already been rotated: its family is revoked now. */
    record Reused(SessionFamily family) implements Rotation {
    }

    /** Not a live token. */
    record Refused(Reason reason) implements Rotation {
    }

    /** Why a token is not live. */
    enum Reason {
        /** Never issued, or its family was deleted with its passkey or account. */
        UNKNOWN,
        /** Its family ended between the lookup and the lock: its passkey or account was just deleted. */
        ENDED,
        /** Its family was signed out, or revoked after a reuse. */
        REVOKED,
        /** Past its own expiry or its family's absolute lifetime. */
        EXPIRED
    }
}
