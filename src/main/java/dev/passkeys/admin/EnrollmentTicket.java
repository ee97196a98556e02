package dev.passkeys.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An enrollment ticket, stored as the SHA-256 of its value only. */
@Entity
@Table(name = "enrollment_tickets")
public class EnrollmentTicket extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_hash")
    public String ticketHash;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
