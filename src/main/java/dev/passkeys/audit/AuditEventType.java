package dev.passkeys.audit;

import java.util.Locale;

/** The security events the service records; {@link #code()} is how they are stored and shown. */
public enum AuditEventType {
    SIGN_UP, LOGIN_SUCCESS, LOGIN_FAILURE, PASSKEY_ADDED, PASSKEY_RENAMED, PASSKEY_DELETED, RATE_LIMITED,
    COUNTER_REGRESSION,
    /** A user's recovery codes were (re)generated; the older ones are void. */
    RECOVERY_CODES_CREATED,
    /** A recovery code bought a recovery token. */
    RECOVERY_USED,
    /** A recovery attempt with a wrong code (an unknown username is recorded without a user). */
    RECOVERY_FAILED,
    /** The admin API issued an enrollment ticket. */
    ENROLLMENT_TICKET_CREATED,
    /** An enrollment ticket enrolled a passkey. */
    ENROLLMENT_TICKET_USED,
    /** The admin API created a user. */
    ADMIN_USER_CREATED,
    /** The admin API deleted a user and everything of theirs. */
    ADMIN_USER_DELETED,
    /** The admin API revoked every session of a user. */
    SESSIONS_REVOKED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
