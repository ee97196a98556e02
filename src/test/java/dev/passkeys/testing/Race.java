package dev.passkeys.testing;

import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.restassured.response.Response;

/** Requests released at the same instant, each from its own thread, to see how many of them win a race. */
public final class Race {

    private Race() {
    }

    /**
     * Sends every request at once and asserts that exactly one is answered {@code winner}, every other with the
     * problem {@code loserStatus} / {@code loserCode}.
     */
    public static void exactlyOneWins(List<Callable<Response>> requests, int winner, int loserStatus, String loserCode)
            throws Exception {
        int won = 0;
        for (Response response : atOnce(requests)) {
            if (response.statusCode() == winner) {
                won++;
            } else {
                assertProblem(response, loserStatus, loserCode);
            }
        }
        assertEquals(1, won, "requests answered " + winner);
    }

    /** The answers of the requests, in their order, all sent at once. */
    public static List<Response> atOnce(List<Callable<Response>> requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (Callable<Response> request : requests) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return request.call();
                }));
            }
            // Released only once every thread is running and waiting, not while some are still being scheduled.
            ready.await();
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
