package dev.passkeys.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Calls that arrive together, as concurrent requests on one event loop make them: every call is made in one
 * event-loop task, so a naturally batched statement sees them all waiting at once.
 */
public final class TogetherOnOneEventLoop {

    /** How one call ended: its answer, or its failure. */
    public record Outcome<T>(T answer, Throwable failure) {
    }

    private TogetherOnOneEventLoop() {
    }

    /** The outcome of {@code call} on each input, in the inputs' order. */
    public static <I, T> List<Outcome<T>> call(Vertx vertx, List<I> inputs, Function<I, Uni<T>> call)
            throws Exception {
        List<CompletableFuture<T>> answers = new ArrayList<>();
        inputs.forEach(input -> answers.add(new CompletableFuture<>()));
        vertx.getOrCreateContext().runOnContext(ignored -> {
            for (int i = 0; i < inputs.size(); i++) {
                CompletableFuture<T> answer = answers.get(i);
                call.apply(inputs.get(i)).subscribe().with(answer::complete, answer::completeExceptionally);
            }
        });
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (CompletableFuture<T> answer : answers) {
            try {
                outcomes.add(new Outcome<>(answer.get(10, TimeUnit.SECONDS), null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome<>(null, e.getCause()));
            }
        }
        return outcomes;
    }

    /** The answers of {@code call} on each input, in the inputs' order; fails when one of the calls failed. */
    public static <I, T> List<T> answers(Vertx vertx, List<I> inputs, Function<I, Uni<T>> call) throws Exception {
        List<T> answers = new ArrayList<>();
        for (Outcome<T> outcome : call(vertx, inputs, call)) {
            if (outcome.failure() != null) {
                throw new AssertionError("a call failed", outcome.failure());
            }
            answers.add(outcome.answer());
        }
        return answers;
    }
}
