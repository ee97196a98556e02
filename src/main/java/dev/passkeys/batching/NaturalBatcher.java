package dev.passkeys.batching;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs the requests for one statement that arrive together as one statement. An idle batcher sends what arrived in
 * the event loop's current turn (the requests its one wake-up read, the answers one batch gave) as soon as the turn
 * ends; those arriving while it is in flight wait for it and then run together, as many as {@code maxBatch} at a time.
 * Idle, a request costs what it did alone; busy, N requests cost one round trip, one statement and one commit, and
 * the busier the database, the larger the batches.
 * <p>
 * Each event loop has a lane of its own, and a lane is only touched on its thread, so there are no locks; every
 * request is answered on its own (request) context. A batch never holds the same key twice: a second request for a
 * key waits for the next batch, so that requests on one key (two logins with one passkey) stay ordered and each sees
 * what the one before it wrote. A batch that has not answered within the timeout fails its requests and frees the
 * lane. Off the event loop (a worker thread), a request runs alone.
 *
 * @param <R> a request
 * @param <K> what a request is about, as the statement's answer names it
 * @param <V> the answer to one request; null when the statement has none for its key
 */
public final class NaturalBatcher<R, K, V> {

    /** The statement that answers a batch: requests with distinct keys in, an answer per key it has one for out. */
    @FunctionalInterface
    public interface Statement<R, K, V> {
        Uni<Map<K, V>> run(List<R> requests);
    }

    private final Function<R, K> keyOf;
    private final Statement<R, K, V> statement;
    private final int maxBatch;
    private final Duration timeout;
    private final Supplier<? extends RuntimeException> timedOut;
    private final DistributionSummary sizes;
    private final ThreadLocal<Lane<R, K, V>> lanes = ThreadLocal.withInitial(Lane::new);

    /**
     * @param name the statement's name in the {@code passkey.db.batch.size} metric
     * @param timedOut the failure of a batch that did not answer within {@code timeout}
     */
    public NaturalBatcher(String name, Function<R, K> keyOf, Statement<R, K, V> statement, int maxBatch,
            Duration timeout, Supplier<? extends RuntimeException> timedOut, MeterRegistry registry) {
        this.keyOf = keyOf;
        this.statement = statement;
        this.maxBatch = maxBatch;
        this.timeout = timeout;
        this.timedOut = timedOut;
        this.sizes = DistributionSummary.builder("passkey.db.batch.size")
                .description("Requests answered by one statement, by statement").tag("statement", name)
                .register(registry);
    }

    /** The answer to this request, from the next batch that can take it. */
    public Uni<V> submit(R request) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context != null && context.isEventLoopContext() ? queued(request, context) : alone(request);
        });
    }

    private Uni<V> alone(R request) {
        sizes.record(1);
        return Uni.createFrom().deferred(() -> statement.run(List.of(request)))
                .ifNoItem().after(timeout).failWith(timedOut)
                .map(answers -> answers.get(keyOf.apply(request)));
    }

    private Uni<V> queued(R request, Context context) {
        return Uni.createFrom().emitter(emitter -> {
            Lane<R, K, V> lane = lanes.get();
            lane.waiting.add(new Waiter<>(request, keyOf.apply(request), emitter, context));
            if (lane.inFlight == null && !lane.flushQueued) {
                // Queued behind the turn's other work rather than sent now: the logins that the same wake-up
                // brought (or the same batch answered) then share this statement instead of waiting a round trip.
                lane.flushQueued = true;
                context.runOnContext(ignored -> {
                    lane.flushQueued = false;
                    if (lane.inFlight == null && !lane.waiting.isEmpty()) {
                        flush(lane, context);
                    }
                });
            }
        });
    }

    /** Sends the next batch of the lane; runs on the lane's thread, and so do the batch's answers. */
    private void flush(Lane<R, K, V> lane, Context context) {
        Map<K, Waiter<R, K, V>> waiters = new LinkedHashMap<>();
        for (Iterator<Waiter<R, K, V>> it = lane.waiting.iterator(); it.hasNext() && waiters.size() < maxBatch; ) {
            Waiter<R, K, V> waiter = it.next();
            if (waiters.putIfAbsent(waiter.key(), waiter) == null) {
                it.remove();
            }
        }
        lane.inFlight = waiters;
        sizes.record(waiters.size());
        Thread thread = Thread.currentThread();
        long timer = context.owner().setTimer(timeout.toMillis(), id -> settle(lane, waiters, context, null, timedOut.get()));
        Uni.createFrom().deferred(() -> statement.run(waiters.values().stream().map(Waiter::request).toList()))
                .subscribe().with(
                        answers -> onLane(thread, context, () -> {
                            context.owner().cancelTimer(timer);
                            settle(lane, waiters, context, answers, null);
                        }),
                        failure -> onLane(thread, context, () -> {
                            context.owner().cancelTimer(timer);
                            settle(lane, waiters, context, null, failure);
                        }));
    }

    /** Answers a batch once (its answer, or its timeout, whichever comes first) and sends the next one. */
    private void settle(Lane<R, K, V> lane, Map<K, Waiter<R, K, V>> batch, Context context, Map<K, V> answers,
            Throwable failure) {
        if (lane.inFlight != batch) {
            return;
        }
        lane.inFlight = null;
        for (Waiter<R, K, V> waiter : batch.values()) {
            if (failure == null) {
                waiter.answer(answers.get(waiter.key()));
            } else {
                waiter.fail(failure);
            }
        }
        if (!lane.waiting.isEmpty()) {
            flush(lane, context);
        }
    }

    private static void onLane(Thread thread, Context context, Runnable step) {
        if (Thread.currentThread() == thread) {
            step.run();
        } else {
            context.runOnContext(ignored -> step.run());
        }
    }

    /** The requests of one event loop: those waiting, and whether a batch of theirs is in flight. */
    private static final class Lane<R, K, V> {
        final ArrayDeque<Waiter<R, K, V>> waiting = new ArrayDeque<>();
        /** The requests of the statement in flight, by key; null when none is. */
        Map<K, Waiter<R, K, V>> inFlight;
        /** Whether a flush is queued on the event loop, to run once its current turn ends. */
        boolean flushQueued;
    }

    /** A request waiting for its answer, with the context it is to be answered on. */
    private record Waiter<R, K, V>(R request, K key, UniEmitter<? super V> emitter, Context context) {

        void answer(V value) {
            context.runOnContext(ignored -> emitter.complete(value));
        }

        void fail(Throwable failure) {
            context.runOnContext(ignored -> emitter.fail(failure));
        }
    }
}
