package dev.passkeys.audit;

import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * Records security events without holding up the request: the write is started and not waited for, and a
 * failed write is logged, never passed on: an audit failure must not fail a login.
 */
@Singleton
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditStore store;

    AuditTrail(AuditStore store) {
        this.store = store;
    }

    public void record(AuditEvent event) {
        try {
            store.insert(event, Instant.now()).subscribe().with(
                    written -> {
                    },
                    failure -> LOG.warnf("An audit event (%s) could not be written: %s", event.type().code(), failure.toString()));
        } catch (RuntimeException e) {
            LOG.warnf("An audit event (%s) could not be written: %s", event.type().code(), e.toString());
        }
    }
}
