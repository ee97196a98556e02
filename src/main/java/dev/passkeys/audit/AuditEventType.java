package dev.passkeys.audit;

import java.util.Locale;

/** The security events the service records; {@link #code()} is how they are stored and shown. */
public enum AuditEventType {
    SIGN_UP, LOGIN_SUCCESS, LOGIN_FAILURE, PASSKEY_ADDED, PASSKEY_RENAMED, PASSKEY_DELETED, RATE_LIMITED,
    COUNTER_REGRESSION;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
