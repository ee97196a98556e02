package dev.passkeys.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every query on the audit trail, on the reactive SQL client directly: an event is written outside the
 * ceremony's Hibernate session and transaction, so that it can neither roll back nor be rolled back with it.
 */
@ApplicationScoped
public class AuditStore {

    private static final int MAX_CREDENTIAL_ID = 1366;
    private static final int MAX_REASON = 64;
    private static final int MAX_IP = 64;

    private final Pool pool;

    AuditStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes the events with one statement (the rows travel as arrays, unnested by PostgreSQL): one message, one
     * statement and one commit however many there are.
     */
    public Uni<Void> insertAll(List<AuditTrail.Occurrence> events) {
        int size = events.size();
        OffsetDateTime[] occurredAt = new OffsetDateTime[size];
        String[] type = new String[size];
        UUID[] userId = new UUID[size];
        String[] credentialId = new String[size];
        String[] reason = new String[size];
        String[] clientIp = new String[size];
        String[] userAgent = new String[size];
        for (int i = 0; i < size; i++) {
            AuditEvent event = events.get(i).event();
            occurredAt[i] = OffsetDateTime.ofInstant(events.get(i).at(), ZoneOffset.UTC);
            type[i] = event.type().code();
            userId[i] = event.userId();
            credentialId[i] = cut(event.credentialId(), MAX_CREDENTIAL_ID);
            reason[i] = cut(event.reason(), MAX_REASON);
            clientIp[i] = event.client() == null ? null : cut(event.client().ip(), MAX_IP);
            userAgent[i] = event.client() == null ? null : event.client().userAgent();
        }
        return pool.preparedQuery("INSERT INTO audit_events (occurred_at, type, user_id, credential_id, reason, "
                + "client_ip, user_agent) SELECT * FROM unnest($1::timestamptz[], $2::varchar[], $3::uuid[], "
                + "$4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[])")
                .execute(Tuple.tuple().addArrayOfOffsetDateTime(occurredAt).addArrayOfString(type)
                        .addArrayOfUUID(userId).addArrayOfString(credentialId).addArrayOfString(reason)
                        .addArrayOfString(clientIp).addArrayOfString(userAgent))
                .replaceWithVoid();
    }

    /** Up to {@code limit} of the user's events older than the event {@code before} (any when null), newest first. */
    public Uni<List<AuditEventView>> page(UUID userId, Long before, int limit) {
        return pool.preparedQuery("SELECT id, occurred_at, type, credential_id, reason, client_ip, user_agent "
                + "FROM audit_events WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(userId, before == null ? Long.MAX_VALUE : before, limit))
                .map(rows -> {
                    List<AuditEventView> events = new ArrayList<>();
                    rows.forEach(row -> events.add(view(row)));
                    return events;
                });
    }

    /** Whether the account still exists: the events of a deleted account are no token's to read. */
    public Uni<Boolean> userExists(UUID userId) {
        return pool.preparedQuery("SELECT 1 FROM users WHERE id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.size() > 0);
    }

    /** Deletes the events that occurred before {@code cutoff}; the number deleted. */
    public Uni<Integer> deleteOlderThan(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM audit_events WHERE occurred_at < $1")
                .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    private static AuditEventView view(Row row) {
        return new AuditEventView(String.valueOf(row.getLong("id")), row.getString("type"),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getString("credential_id"),
                row.getString("reason"), row.getString("client_ip"), row.getString("user_agent"));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
