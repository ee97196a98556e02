package dev.passkeys.session;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Deletes the sessions that have ended, with their refresh tokens. A login clears only its own user's ended
 * sessions; without this, users who never come back would keep theirs forever. Every replica may run it: it is
 * idempotent.
 */
@Singleton
public class SessionPruning {

    private static final Logger LOG = Logger.getLogger(SessionPruning.class);
    static final int BATCH = 1_000;

    private final SessionStore store;

    SessionPruning(SessionStore store) {
        this.store = store;
    }

    @Scheduled(every = "${passkey.session.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return deleteEnded(Instant.now())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Deleted %d ended sessions", deleted);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Ended sessions could not be deleted: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Step after step along the key, never nested: a pass over millions of sessions keeps a flat stack. */
    private Uni<Long> deleteEnded(Instant now) {
        return Multi.createBy().repeating()
                .uni(() -> new AtomicReference<>(new UUID(0, 0)),
                        after -> store.deleteEnded(now, BATCH, after.get()).invoke(step -> after.set(step.last())))
                .whilst(step -> step.seen() == BATCH)
                .collect().with(Collectors.summingLong(SessionStore.PruneStep::deleted));
    }
}
