package dev.passkeys.api;

import java.time.Duration;

import jakarta.inject.Singleton;

import dev.passkeys.config.PasskeyConfig;
import io.smallrye.mutiny.Uni;

/**
 * Bounds how long a request waits on PostgreSQL and Redis: a dependency that is down refuses connections at
 * once, but one that hangs (frozen, partitioned) would otherwise hold the request for minutes.
 */
@Singleton
public class DependencyDeadline {

    private final Duration timeout;

    DependencyDeadline(PasskeyConfig config) {
        this.timeout = config.dependencyTimeout();
    }

    /** The work, failing with 503 {@code dependency_unavailable} when it has not answered within the timeout. */
    public <T> Uni<T> bound(Uni<T> work) {
        return work.ifNoItem().after(timeout).failWith(Problem::dependencyUnavailable);
    }
}
