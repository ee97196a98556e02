package dev.passkeys.audit;

import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.passkeys.config.PasskeyConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Deletes the events older than {@code PASSKEY_AUDIT_RETENTION}; every replica may run it, it is idempotent. */
@Singleton
public class AuditPruning {

    private static final Logger LOG = Logger.getLogger(AuditPruning.class);

    private final AuditStore store;
    private final PasskeyConfig.Audit config;

    AuditPruning(AuditStore store, PasskeyConfig config) {
        this.store = store;
        this.config = config.audit();
    }

    @Scheduled(every = "${passkey.audit.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return store.deleteOlderThan(Instant.now().minus(config.retention()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Deleted %d audit events older than %s", deleted, config.retention());
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Expired audit events could not be deleted: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
