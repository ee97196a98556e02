package dev.passkeys.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.api.Problem;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.session.OpaqueTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Enrollment tickets: 32 random bytes (base64url), single use, valid for {@code PASSKEY_ENROLLMENT_TTL}. A ticket
 * stands in for a bearer token in register-options; the register-verify of that ceremony consumes it with a
 * conditional update, so of concurrent uses exactly one wins. Callers run these inside a session.
 */
@ApplicationScoped
public class EnrollmentTickets {

    /** A new ticket: its value, shown once, and when it expires. */
    public record Issued(String ticket, Instant expiresAt) {
    }

    private final Duration ttl;

    EnrollmentTickets(PasskeyConfig config) {
        this.ttl = config.enrollmentTtl();
    }

    /** Stores a new ticket for the user; its user's tickets past their end are cleared first. */
    public Uni<Issued> issue(UUID userId) {
        String ticket = OpaqueTokens.generate();
        Instant now = Instant.now();
        EnrollmentTicket row = new EnrollmentTicket();
        row.ticketHash = OpaqueTokens.hash(ticket);
        row.userId = userId;
        row.createdAt = now;
        row.expiresAt = now.plus(ttl);
        return Panache.withTransaction(() -> EnrollmentTicket.delete("userId = ?1 and (expiresAt <= ?2 or usedAt is not null)",
                userId, now).chain(() -> row.persist()))
                .replaceWith(new Issued(ticket, row.expiresAt));
    }

    /**
     * The hash of a presented ticket, which is what ceremonies carry; 401 {@code enrollment_ticket_invalid}
     * when the value cannot be a ticket at all.
     */
    public static String hashOf(String ticket) {
        if (ticket == null || !OpaqueTokens.wellFormed(ticket)) {
            throw invalid();
        }
        return OpaqueTokens.hash(ticket);
    }

    /** The user of a live (unused, unexpired) ticket; 401 {@code enrollment_ticket_invalid} otherwise. */
    public Uni<UUID> userOf(String ticketHash) {
        return EnrollmentTicket.<EnrollmentTicket>findById(ticketHash).map(ticket -> {
            if (ticket == null || ticket.usedAt != null || !ticket.expiresAt.isAfter(Instant.now())) {
                throw invalid();
            }
            return ticket.userId;
        });
    }

    /**
     * Marks the ticket used, if it is the user's and still live; run in the transaction that adds the passkey,
     * so a refused addition leaves the ticket usable. The conditional update is the arbiter between racing uses.
     */
    public Uni<Void> consume(String ticketHash, UUID userId) {
        Instant now = Instant.now();
        return EnrollmentTicket.update("usedAt = ?1 where ticketHash = ?2 and userId = ?3 and usedAt is null "
                + "and expiresAt > ?1", now, ticketHash, userId).map(updated -> {
                    if (updated != 1) {
                        throw invalid();
                    }
                    return null;
                });
    }

    public static Problem invalid() {
        return Problem.unauthorized("enrollment_ticket_invalid",
                "The enrollment ticket is unknown, expired or already used; ask for a new one");
    }
}
