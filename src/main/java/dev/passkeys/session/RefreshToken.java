package dev.passkeys.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A refresh token as stored: its hash, never the token. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "family_id")
    public UUID familyId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When it was rotated; a used token presented again is a stolen one. */
    @Column(name = "used_at")
    public Instant usedAt;

    /** A token of the family, living {@code ttl} but never past the family's end. */
    static RefreshToken of(String tokenHash, SessionFamily family, Instant now, Duration ttl) {
        RefreshToken token = new RefreshToken();
        token.tokenHash = tokenHash;
        token.familyId = family.id;
        token.createdAt = now;
        Instant idleEnd = now.plus(ttl);
        token.expiresAt = idleEnd.isBefore(family.expiresAt) ? idleEnd : family.expiresAt;
        return token;
    }
}
