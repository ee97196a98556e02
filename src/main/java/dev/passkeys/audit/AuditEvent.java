package dev.passkeys.audit;

import java.util.UUID;

import dev.passkeys.api.Client;

/**
 * A security event to record.
 *
 * @param type what happened
 * @param userId the account, when known
 * @param credentialId the passkey's credential ID, when there is one
 * @param reason {@code login_failure}: the problem's code; {@code rate_limited}: the budget spent
 * @param client who sent the request
 */
public record AuditEvent(AuditEventType type, UUID userId, String credentialId, String reason, Client client) {

    public static AuditEvent of(AuditEventType type, UUID userId, String credentialId, Client client) {
        return new AuditEvent(type, userId, credentialId, null, client);
    }
}
