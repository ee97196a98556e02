package dev.passkeys.admin;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.account.AccountStore;
import dev.passkeys.account.PasskeyView;
import dev.passkeys.account.UserAccount;
import dev.passkeys.api.Client;
import dev.passkeys.api.Problem;
import dev.passkeys.audit.AuditEvent;
import dev.passkeys.audit.AuditEventType;
import dev.passkeys.audit.AuditTrail;
import dev.passkeys.challenge.ChallengeStore;
import dev.passkeys.session.Sessions;
import dev.passkeys.webauthn.ProviderNames;
import dev.passkeys.webauthn.TextFields;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What the admin API does: users of the app created and found by its own id, tickets, erasure, revocation. */
@ApplicationScoped
public class AdminUsers {

    static final int MAX_EXTERNAL_ID = 255;
    private static final int USER_HANDLE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user and whether this request created it (201) or found it by its externalId (200). */
    public record Created(AdminUserView user, boolean created) {
    }

    private final AccountStore accounts;
    private final EnrollmentTickets tickets;
    private final Sessions sessions;
    private final ChallengeStore challenges;
    private final AuditTrail audit;
    private final ProviderNames providers;

    AdminUsers(AccountStore accounts, EnrollmentTickets tickets, Sessions sessions, ChallengeStore challenges,
            AuditTrail audit, ProviderNames providers) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.sessions = sessions;
        this.challenges = challenges;
        this.audit = audit;
        this.providers = providers;
    }

    /** Creates the user, or finds the one with this externalId (idempotent); 409 when the username is another's. */
    @WithSession
    public Uni<Created> create(Client client, CreateUserRequest body) {
        if (body == null) {
            throw Problem.invalidRequest("The body must be a JSON object with username and externalId");
        }
        String externalId = externalId(body.externalId());
        String username = TextFields.username(body.username());
        String displayName = TextFields.displayName(body.displayName(), username);
        return byExternalId(externalId).chain(existing -> {
            if (existing != null) {
                return view(existing).map(view -> new Created(view, false));
            }
            return accounts.userByUsername(username).chain(holder -> {
                if (holder != null) {
                    // Created by a concurrent request for the same externalId since the lookup above.
                    if (externalId.equals(holder.externalId)) {
                        return view(holder).map(view -> new Created(view, false));
                    }
                    throw usernameTaken();
                }
                UserAccount user = UserAccount.create(username, displayName, newUserHandle());
                user.externalId = externalId;
                return Panache.withTransaction(() -> user.persist().call(Panache::flush))
                        .replaceWith(new Created(new AdminUserView(user.id, user.username, user.displayName,
                                user.createdAt, user.externalId, false, java.util.List.of()), true))
                        .invoke(created -> audit.record(AuditEvent.of(AuditEventType.ADMIN_USER_CREATED, user.id, null, client)))
                        .onFailure(AdminUsers::uniqueViolation).recoverWithUni(failure -> raced(failure, externalId));
            });
        });
    }

    /**
     * Two creations racing: when the other one created this externalId, its user is the answer (200), whichever
     * unique constraint fired first; otherwise the username is another user's (409).
     */
    private Uni<Created> raced(Throwable failure, String externalId) {
        boolean username = constraint(failure).contains("username");
        // The failed insert's entity is still in the session: forget it before reading the winner.
        return Panache.getSession().invoke(session -> session.clear()).chain(() -> byExternalId(externalId))
                .chain(existing -> {
                    if (existing != null) {
                        return view(existing).map(view -> new Created(view, false));
                    }
                    return Uni.createFrom().failure(username ? usernameTaken() : failure);
                });
    }

    @WithSession
    public Uni<AdminUserView> get(String id) {
        return user(id).chain(this::view);
    }

    @WithSession
    public Uni<AdminUserView> findByExternalId(String externalId) {
        if (externalId == null || externalId.isEmpty()) {
            throw Problem.invalidRequest("externalId is required: GET /api/admin/users?externalId=...");
        }
        return byExternalId(externalId(externalId)).chain(user -> {
            if (user == null) {
                throw noSuchUser();
            }
            return view(user);
        });
    }

    /** A new enrollment ticket for the user. */
    @WithSession
    public Uni<EnrollmentTicketView> issueTicket(Client client, String id) {
        return user(id).chain(user -> tickets.issue(user.id))
                .map(issued -> new EnrollmentTicketView(issued.ticket(), issued.expiresAt()))
                .invoke(() -> audit.record(AuditEvent.of(AuditEventType.ENROLLMENT_TICKET_CREATED, UUID.fromString(id),
                        null, client)));
    }

    /**
     * Erasure: the user, and with them (by the database's cascades) every passkey, session, refresh token,
     * recovery code and enrollment ticket; then every pending ceremony in Redis.
     */
    @WithSession
    public Uni<Void> delete(Client client, String id) {
        UUID userId = uuid(id);
        return Panache.withTransaction(() -> UserAccount.delete("id", userId)).chain(deleted -> {
            if (deleted == 0) {
                throw noSuchUser();
            }
            return challenges.eraseOf(userId);
        }).invoke(() -> audit.record(AuditEvent.of(AuditEventType.ADMIN_USER_DELETED, userId, null, client)))
                .replaceWithVoid();
    }

    /** logout-all on the user's behalf. */
    @WithSession
    public Uni<Void> revokeSessions(Client client, String id) {
        return user(id).chain(user -> sessions.revokeAll(user.id))
                .invoke(() -> audit.record(AuditEvent.of(AuditEventType.SESSIONS_REVOKED, UUID.fromString(id), null, client)))
                .replaceWithVoid();
    }

    private Uni<UserAccount> user(String id) {
        return accounts.user(uuid(id)).map(user -> {
            if (user == null) {
                throw noSuchUser();
            }
            return user;
        });
    }

    private static Uni<UserAccount> byExternalId(String externalId) {
        return UserAccount.<UserAccount>find("externalId", externalId).firstResult();
    }

    private Uni<AdminUserView> view(UserAccount user) {
        return accounts.passkeysOf(user.id).map(passkeys -> new AdminUserView(user.id, user.username,
                user.displayName, user.createdAt, user.externalId, !passkeys.isEmpty(),
                passkeys.stream().map(passkey -> PasskeyView.of(passkey, providers)).toList()));
    }

    /** A malformed id names no user. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw noSuchUser();
        }
    }

    static String externalId(String value) {
        if (value == null) {
            throw Problem.badRequest("invalid_external_id", "externalId is required");
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        if (normalized.isEmpty() || normalized.length() > MAX_EXTERNAL_ID) {
            throw Problem.badRequest("invalid_external_id", "externalId must be 1 to " + MAX_EXTERNAL_ID + " characters");
        }
        if (normalized.codePoints().anyMatch(Character::isISOControl)) {
            throw Problem.badRequest("invalid_external_id", "externalId must not contain control characters");
        }
        return normalized;
    }

    private static String newUserHandle() {
        byte[] handle = new byte[USER_HANDLE_BYTES];
        RANDOM.nextBytes(handle);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(handle);
    }

    private static boolean uniqueViolation(Throwable failure) {
        return !constraint(failure).isEmpty();
    }

    private static String constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return String.valueOf(pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException hibernate
                    && hibernate.getConstraintName() != null) {
                return hibernate.getConstraintName();
            }
        }
        return "";
    }

    private static Problem usernameTaken() {
        return Problem.conflict("username_taken", "An account with this username already exists");
    }

    private static Problem noSuchUser() {
        return Problem.notFound("No such user");
    }
}
