package dev.passkeys.batching;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * Runs the requests for one statement that arrive together as one statement. An idle batcher sends what arrived in
 * the event loop's current turn (the requests its one wake-up read, the answers one batch gave) as soon as the turn
 * ends; those arriving while it is in flight wait for it and then run together, as many as {@code maxBatch} at a time.
 * Idle, a request costs what it did alone; busy, N requests cost one round trip, one statement and one commit, and
 * the busier the database, the larger the batches. A busy lane (its batches hold more than one request on average)
 * also holds its next statement for {@link #LINGER} before sending it, for the requests of the next few
 * turns: fewer, larger statements then cost PostgreSQL, Redis and the service less CPU per request at the moderate
 * rates where the batches would otherwise stay small; an idle lane never waits.
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

    /**
     * How long a busy lane holds its next statement for more requests. On a 2-core machine shared with PostgreSQL,
     * Redis and the load, at 1,600 logins/s (half of the peak; four alternating pairs of runs), 300 µs took the CPU
     * of a login from 464-502 to 435-461 µs in the service and from 294-303 to 229-241 µs in PostgreSQL + Redis, and
     * the machine from 1.55-1.64 to 1.40-1.49 busy cores.
     */
    public static final Duration LINGER = Duration.ofNanos(300_000);
    /** The average batch size above which a lane counts as busy and lingers. */
    private static final double BUSY_BATCH = 1.2;

    private final Function<R, K> keyOf;
    private final Statement<R, K, V> statement;
    private final int maxBatch;
    private final Duration timeout;
    private final Supplier<? extends RuntimeException> timedOut;
    private final DistributionSummary sizes;
    private final long lingerNanos;
    private final ThreadLocal<Lane<R, K, V>> lanes = ThreadLocal.withInitial(Lane::new);

    /**
     * @param name the statement's name in the {@code passkey.db.batch.size} metric
     * @param timedOut the failure of a batch that did not answer within {@code timeout}
     */
    public NaturalBatcher(String name, Function<R, K> keyOf, Statement<R, K, V> statement, int maxBatch,
            Duration timeout, Supplier<? extends RuntimeException> timedOut, MeterRegistry registry) {
        this(name, keyOf, statement, maxBatch, timeout, timedOut, registry, LINGER);
    }

    /** @param linger how long a busy lane holds its next statement for more requests */
    public NaturalBatcher(String name, Function<R, K> keyOf, Statement<R, K, V> statement, int maxBatch,
            Duration timeout, Supplier<? extends RuntimeException> timedOut, MeterRegistry registry, Duration linger) {
        this.lingerNanos = linger.toNanos();
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
                queueFlush(lane, context);
            }
        });
    }

    /**
     * Sends the lane's next batch once the event loop's current turn ends, or after the linger when the lane is
     * busy. Queued behind the turn's other work rather than sent now: the requests that the same wake-up read (or the
     * same batch answered) then share this statement instead of waiting a round trip.
     */
    private void queueFlush(Lane<R, K, V> lane, Context context) {
        lane.flushQueued = true;
        Handler<Void> send = ignored -> {
            lane.flushQueued = false;
            if (lane.inFlight == null && !lane.waiting.isEmpty()) {
                flush(lane, context);
            }
        };
        if (lingerNanos > 0 && lane.averageBatch > BUSY_BATCH) {
            // Vert.x timers count whole milliseconds; Netty's, on the same event loop, count nanoseconds.
            ((ContextInternal) context).nettyEventLoop()
                    .schedule(() -> context.runOnContext(send), lingerNanos, TimeUnit.NANOSECONDS);
        } else {
            context.runOnContext(send);
        }
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
        lane.averageBatch += (waiters.size() - lane.averageBatch) / 16;
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
        /** Whether the sending of the next batch is queued on the event loop. */
        boolean flushQueued;
        /** The lane's recent batch size: a moving average over about its last 16 batches. */
        double averageBatch = 1;
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
