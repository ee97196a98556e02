package dev.passkeys.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * Records security events without holding up the request: the write is started and not waited for, and a
 * failed write is logged, never passed on: an audit failure must not fail a login. Events that occur while a
 * write is in flight are written together by the next one (one round trip and one commit for many events under
 * load, one per event when quiet); while PostgreSQL is unreachable at most {@value #MAX_QUEUED} wait.
 */
@Singleton
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    static final int MAX_QUEUED = 10_000;
    private static final int MAX_BATCH = 500;

    /** An event and when it occurred. */
    public record Occurrence(AuditEvent event, Instant at) {
    }

    private final AuditStore store;
    private final Queue<Occurrence> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    AuditTrail(AuditStore store) {
        this.store = store;
    }

    public void record(AuditEvent event) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            LOG.warnf("An audit event (%s) was dropped: %d events already wait for the database", event.type().code(),
                    MAX_QUEUED);
            return;
        }
        queue.add(new Occurrence(event, Instant.now()));
        writeQueued();
    }

    private void writeQueued() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        List<Occurrence> batch = new ArrayList<>();
        for (Occurrence next; batch.size() < MAX_BATCH && (next = queue.poll()) != null;) {
            batch.add(next);
        }
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            written(); // an event queued after the poll still gets written
            return;
        }
        try {
            store.insertAll(batch).subscribe().with(written -> written(), failure -> notWritten(batch, failure));
        } catch (RuntimeException e) {
            notWritten(batch, e);
        }
    }

    private void notWritten(List<Occurrence> batch, Throwable failure) {
        LOG.warnf("%d audit event(s) could not be written: %s", batch.size(), failure.toString());
        written();
    }

    private void written() {
        writing.set(false);
        if (!queue.isEmpty()) {
            writeQueued();
        }
    }
}
