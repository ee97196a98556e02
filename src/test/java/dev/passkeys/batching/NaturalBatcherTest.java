package dev.passkeys.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The batching itself, on a real event loop, with a statement the test answers by hand: which requests share a
 * statement, and that each gets its own answer (or failure) on its own thread.
 */
class NaturalBatcherTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context eventLoop = vertx.getOrCreateContext();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The statements the batcher ran, not answered yet, in order. */
    private final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final NaturalBatcher<String, String, String> batcher = new NaturalBatcher<>("test", Function.identity(),
            requests -> Uni.createFrom().emitter(emitter -> calls.add(new Call(requests, emitter))), 3,
            Duration.ofMillis(500), () -> new IllegalStateException("timed out"), registry);

    /** One run of the statement, with what it was asked. */
    private record Call(List<String> requests, UniEmitter<? super Map<String, String>> emitter) {

        /** Answers each request with its upper-case form, except those named in {@code without}. */
        void answer(String... without) {
            emitter.complete(requests.stream().filter(request -> !List.of(without).contains(request))
                    .collect(Collectors.toMap(Function.identity(), String::toUpperCase)));
        }
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void requestsArrivingWhileOneIsInFlightShareTheNextStatement() throws Exception {
        CompletableFuture<String> first = submit("a");
        Call alone = next();
        assertEquals(List.of("a"), alone.requests(), "an idle batcher runs a request at once, alone");
        List<CompletableFuture<String>> waiting = List.of(submit("b"), submit("c"), submit("d"), submit("e"));
        Thread.sleep(50);
        assertTrue(calls.isEmpty(), "nothing else runs while a statement is in flight");

        alone.answer();
        assertEquals("A", first.get(5, TimeUnit.SECONDS));
        Call second = next();
        assertEquals(List.of("b", "c", "d"), second.requests(), "the waiting requests, up to the largest batch");
        second.answer("c");
        assertEquals("B", waiting.get(0).get(5, TimeUnit.SECONDS));
        assertNull(waiting.get(1).get(5, TimeUnit.SECONDS), "a key the statement has no answer for");
        assertEquals("D", waiting.get(2).get(5, TimeUnit.SECONDS));
        next().answer();
        assertEquals("E", waiting.get(3).get(5, TimeUnit.SECONDS));
        var sizes = registry.find("passkey.db.batch.size").tag("statement", "test").summary();
        assertEquals(3, sizes.count(), "statements run");
        assertEquals(5, sizes.totalAmount(), "requests answered");
    }

    @Test
    void requestsArrivingInOneTurnOfTheEventLoopShareTheFirstStatement() throws Exception {
        List<CompletableFuture<String>> answers = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                new CompletableFuture<>());
        // As the requests that one wake-up of the event loop reads: submitted one after another in the same turn.
        eventLoop.runOnContext(ignored -> {
            for (int i = 0; i < answers.size(); i++) {
                CompletableFuture<String> answer = answers.get(i);
                batcher.submit(List.of("x", "y", "z").get(i)).subscribe().with(answer::complete, answer::completeExceptionally);
            }
        });
        Call together = next();
        assertEquals(List.of("x", "y", "z"), together.requests(), "an idle batcher sends the whole turn's requests at once");
        together.answer();
        assertEquals("X", answers.get(0).get(5, TimeUnit.SECONDS));
        assertEquals("Z", answers.get(2).get(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertTrue(calls.isEmpty(), "one statement answered them all");
    }

    @Test
    void aBusyLaneHoldsItsNextStatementForTheLingerAndAnIdleOneDoesNot() throws Exception {
        NaturalBatcher<String, String, String> lingering = new NaturalBatcher<>("lingering", Function.identity(),
                requests -> Uni.createFrom().emitter(emitter -> calls.add(new Call(requests, emitter))), 3,
                Duration.ofSeconds(5), () -> new IllegalStateException("timed out"), registry, Duration.ofMillis(300));
        long asked = System.nanoTime();
        CompletableFuture<String> idle = submit(lingering, "a");
        Call alone = next();
        assertTrue(System.nanoTime() - asked < TimeUnit.MILLISECONDS.toNanos(200), "an idle lane does not wait for more");
        alone.answer();
        assertEquals("A", idle.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 6; i++) { // statements of two requests each: the lane is busy
            CompletableFuture<String> secondOfTwo = new CompletableFuture<>();
            eventLoop.runOnContext(ignored -> {
                lingering.submit("c").subscribe().with(answer -> { }, failure -> { });
                lingering.submit("d").subscribe().with(secondOfTwo::complete, secondOfTwo::completeExceptionally);
            });
            Call call = next();
            assertEquals(List.of("c", "d"), call.requests());
            call.answer();
            secondOfTwo.get(5, TimeUnit.SECONDS);
        }

        long sent = System.nanoTime();
        CompletableFuture<String> first = submit(lingering, "e");
        Thread.sleep(100);
        CompletableFuture<String> second = submit(lingering, "f");
        Call held = next();
        assertEquals(List.of("e", "f"), held.requests(), "a request of a later turn joins the held statement");
        assertTrue(System.nanoTime() - sent >= TimeUnit.MILLISECONDS.toNanos(300), "held for the linger");
        held.answer();
        assertEquals("E", first.get(5, TimeUnit.SECONDS));
        assertEquals("F", second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aKeyIsNeverTwiceInOneStatement() throws Exception {
        CompletableFuture<String> first = submit("a");
        Call alone = next();
        CompletableFuture<String> again = submit("a");
        CompletableFuture<String> other = submit("b");
        alone.answer();
        first.get(5, TimeUnit.SECONDS);
        Call second = next();
        assertEquals(List.of("a", "b"), second.requests());
        CompletableFuture<String> thirdA = submit("a");
        CompletableFuture<String> fourthA = submit("a");
        second.answer();
        assertEquals("A", again.get(5, TimeUnit.SECONDS));
        assertEquals("B", other.get(5, TimeUnit.SECONDS));
        Call third = next();
        assertEquals(List.of("a"), third.requests(), "the second request for a key waits for the next statement");
        third.answer();
        assertEquals("A", thirdA.get(5, TimeUnit.SECONDS));
        Call fourth = next();
        assertEquals(List.of("a"), fourth.requests(), "and the third for the one after");
        fourth.answer();
        assertEquals("A", fourthA.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedStatementFailsItsOwnRequestsOnly() throws Exception {
        CompletableFuture<String> first = submit("a");
        Call failing = next();
        CompletableFuture<String> later = submit("b");
        failing.emitter().fail(new IllegalArgumentException("database down"));
        assertInstanceOf(IllegalArgumentException.class, failure(first));
        next().answer();
        assertEquals("B", later.get(5, TimeUnit.SECONDS), "the next statement runs after a failed one");
    }

    @Test
    void aStatementThatNeverAnswersTimesOutAndFreesTheBatcher() throws Exception {
        CompletableFuture<String> stuck = submit("a");
        next();
        CompletableFuture<String> behind = submit("b");
        assertEquals("timed out", failure(stuck).getMessage());
        next().answer();
        assertEquals("B", behind.get(5, TimeUnit.SECONDS));
    }

    @Test
    void answersComeBackOnTheEventLoopOfTheRequest() throws Exception {
        CompletableFuture<Boolean> onEventLoop = new CompletableFuture<>();
        eventLoop.runOnContext(ignored -> batcher.submit("a")
                .subscribe().with(answer -> onEventLoop.complete(Context.isOnEventLoopThread())));
        next().answer();
        assertTrue(onEventLoop.get(5, TimeUnit.SECONDS));
    }

    @Test
    void offTheEventLoopARequestRunsAlone() throws Exception {
        CompletableFuture<String> first = batcher.submit("a").subscribeAsCompletionStage();
        CompletableFuture<String> second = batcher.submit("b").subscribeAsCompletionStage();
        Call one = next();
        Call other = next();
        assertNotEquals(one.requests(), other.requests());
        one.answer();
        other.answer();
        assertEquals("A", first.get(5, TimeUnit.SECONDS));
        assertEquals("B", second.get(5, TimeUnit.SECONDS));
    }

    /** Submits a request from the event loop, as a resource does. */
    private CompletableFuture<String> submit(String request) throws Exception {
        return submit(batcher, request);
    }

    private CompletableFuture<String> submit(NaturalBatcher<String, String, String> batcher, String request)
            throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<Void> submitted = new CompletableFuture<>();
        eventLoop.runOnContext(ignored -> {
            batcher.submit(request).subscribe().with(answer::complete, answer::completeExceptionally);
            submitted.complete(null);
        });
        submitted.get(5, TimeUnit.SECONDS);
        return answer;
    }

    private Call next() throws InterruptedException {
        Call call = calls.poll(5, TimeUnit.SECONDS);
        assertTrue(call != null, "a statement ran");
        return call;
    }

    private static Throwable failure(CompletableFuture<String> answer) throws Exception {
        try {
            answer.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            return failed.getCause();
        }
        throw new AssertionError("expected a failure, got an answer");
    }
}
