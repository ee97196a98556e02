package dev.passkeys.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Records security events without holding up the request: the write is started and not waited for, and a
 * failed write is logged, never passed on: an audit failure must not fail a login. An event waits up to
 * {@value #LINGER_MILLIS} ms for others, and every event that occurs meanwhile or while a write is in flight is
 * written with it in one statement: under load a login then costs the database a share of one insert instead
 * of one of its own. While PostgreSQL is unreachable at most {@value #MAX_QUEUED} wait; what waits at shutdown
 * is written before the service stops.
 */
@Singleton
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    static final int MAX_QUEUED = 10_000;
    private static final int MAX_BATCH = 500;
    static final long LINGER_MILLIS = 20;
    private static final Duration SHUTDOWN_WRITE = Duration.ofSeconds(5);

    /** An event and when it occurred. */
    public record Occurrence(AuditEvent event, Instant at) {
    }

    private final AuditStore store;
    private final Vertx vertx;
    private final Queue<Occurrence> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    AuditTrail(AuditStore store, Vertx vertx) {
        this.store = store;
        this.vertx = vertx;
    }

    public void record(AuditEvent event) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            LOG.warnf("An audit event (%s) was dropped: %d events already wait for the database", event.type().code(),
                    MAX_QUEUED);
            return;
        }
        queue.add(new Occurrence(event, Instant.now()));
        if (writing.compareAndSet(false, true)) {
            lingerThenWrite();
        }
    }

    /** Writes what waits, while this instance holds {@link #writing}. */
    private void writeQueued() {
        List<Occurrence> batch = new ArrayList<>();
        for (Occurrence next; batch.size() < MAX_BATCH && (next = queue.poll()) != null;) {
            batch.add(next);
        }
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            written();
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
        if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            lingerThenWrite(); // what occurred during the write
        }
    }

    private void lingerThenWrite() {
        vertx.setTimer(LINGER_MILLIS, timer -> writeQueued());
    }

    /**
     * Quarkus fires the shutdown event on the thread that stops the application, never on an event loop, so the
     * service may wait here for the last write; were it ever an event loop, the write is started, not waited for.
     */
    void writeBeforeShutdown(@Observes ShutdownEvent shutdown) {
        List<Occurrence> rest = new ArrayList<>();
        for (Occurrence next; (next = queue.poll()) != null;) {
            rest.add(next);
        }
        queued.addAndGet(-rest.size());
        if (rest.isEmpty()) {
            return;
        }
        if (Context.isOnEventLoopThread()) {
            store.insertAll(rest).subscribe().with(written -> { }, failure -> lostAtShutdown(rest, failure));
            return;
        }
        try {
            store.insertAll(rest).await().atMost(SHUTDOWN_WRITE);
        } catch (RuntimeException e) {
            lostAtShutdown(rest, e);
        }
    }

    private static void lostAtShutdown(List<Occurrence> rest, Throwable failure) {
        LOG.warnf("%d audit event(s) could not be written before shutdown: %s", rest.size(), failure.toString());
    }
}
