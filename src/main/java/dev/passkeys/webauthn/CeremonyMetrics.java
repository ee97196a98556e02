package dev.passkeys.webauthn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.passkeys.api.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Counts and times ceremonies by type and outcome ({@code success} or the problem's code), and logs every
 * failure (a success at DEBUG). Never logs a token, challenge, key or credential: only ids that are not secrets.
 */
@Singleton
public class CeremonyMetrics {

    private static final Logger LOG = Logger.getLogger("dev.passkeys.ceremony");

    /** Ceremony types, as the metrics and logs name them. */
    public enum Type {
        REGISTRATION("registration"), AUTHENTICATION("authentication");

        final String tag;

        Type(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    /** Meters are looked up once per type and outcome, not built on every ceremony. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CeremonyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(Type type) {
        counters.computeIfAbsent("started:" + type.tag, key -> Counter.builder("passkey.ceremonies.started")
                .description("Ceremonies started (options issued)").tag("type", type.tag).register(registry))
                .increment();
    }

    /** Runs a ceremony's verify step, recording how it ended and how long it took. */
    <T> Uni<T> completed(Type type, Supplier<Uni<? extends T>> verify) {
        Timer.Sample sample = Timer.start(registry);
        return Uni.createFrom().<T>deferred(verify)
                .onItem().invoke(() -> record(type, sample, "success", null))
                .onFailure().invoke(failure -> record(type, sample,
                        failure instanceof Problem problem ? problem.code() : "error", failure));
    }

    private void record(Type type, Timer.Sample sample, String outcome, Throwable failure) {
        String result = outcome.equals("success") ? "success" : "failure";
        sample.stop(timers.computeIfAbsent(type.tag + ":" + result, key -> Timer.builder("passkey.ceremony.duration")
                .description("Server-side time of a ceremony's verify step").tag("type", type.tag).tag("outcome", result)
                .publishPercentileHistogram().register(registry)));
        counters.computeIfAbsent(type.tag + ":" + outcome, key -> Counter.builder("passkey.ceremonies.completed")
                .description("Ceremonies finished, by outcome (success or code)").tag("type", type.tag)
                .tag("outcome", outcome).register(registry)).increment();
        if (failure == null) {
            // A success is counted and audited already: at INFO it would add a log write to every login.
            LOG.debugf("ceremony=%s outcome=success", type.tag);
        } else if (failure instanceof Problem) {
            LOG.infof("ceremony=%s outcome=%s", type.tag, outcome);
        } else {
            LOG.warnf("ceremony=%s outcome=error cause=%s", type.tag, failure.getClass().getSimpleName());
        }
    }
}
