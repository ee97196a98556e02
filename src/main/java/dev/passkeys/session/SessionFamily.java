package dev.passkeys.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One sign-in and the refresh tokens rotated from it; ends with its passkey, its user or its lifetime. */
@Entity
@Table(name = "session_families")
public class SessionFamily extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public UUID userId;

    /** The passkey that signed in: deleting it ends the family (ON DELETE CASCADE). */
    @Column(name = "credential_id")
    public String credentialId;

    @Column(name = "user_verified")
    public boolean userVerified;

    @Column(name = "auth_time")
    public Instant authTime;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The absolute end of the family, however often it is refreshed. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    static SessionFamily start(UUID userId, String credentialId, boolean userVerified, Instant now, Duration lifetime) {
        SessionFamily family = new SessionFamily();
        family.id = UUID.randomUUID();
        family.userId = userId;
        family.credentialId = credentialId;
        family.userVerified = userVerified;
        family.authTime = now;
        family.createdAt = now;
        family.expiresAt = now.plus(lifetime);
        return family;
    }
}
