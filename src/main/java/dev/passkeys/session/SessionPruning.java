package dev.passkeys.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
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
        return deleteEnded(Instant.now(), new UUID(0, 0), 0)
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Deleted %d ended sessions", deleted);
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Ended sessions could not be deleted: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Long> deleteEnded(Instant now, UUID after, long deletedSoFar) {
        return store.deleteEnded(now, BATCH, after).chain(step -> step.seen() < BATCH
                ? Uni.createFrom().item(deletedSoFar + step.deleted())
                : deleteEnded(now, step.last(), deletedSoFar + step.deleted()));
    }
}
