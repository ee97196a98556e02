package dev.passkeys.account;

import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.PasskeyApi.Account;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** The ceremonies' lookups, asked together as concurrent requests ask them: each gets its own answer. */
@QuarkusTest
class CeremonyLookupsTest {

    @Inject
    CeremonyLookups lookups;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    @Test
    void usernamesAskedTogetherAreLookedUpInOneStatementEachWithItsOwnAnswer() throws Exception {
        Account first = signUp(uniqueUsername());
        Account second = signUp(uniqueUsername());
        List<String> usernames = List.of(first.username(), second.username().toUpperCase(Locale.ROOT),
                uniqueUsername(), first.username());
        DistributionSummary sizes = registry.find("passkey.db.batch.size").tag("statement", "username_taken").summary();
        long statementsBefore = sizes.count();

        List<Boolean> taken = askAllAtOnce(usernames, lookups::usernameTaken);

        assertEquals(List.of(true, true, false, true), taken,
                "taken, taken however it is cased, free, and taken again when asked twice");
        assertEquals(2, sizes.count() - statementsBefore, "the first alone, then the other three together");
    }

    /** Asks every question in one event-loop task, as concurrent requests on one event loop do. */
    private <T> List<T> askAllAtOnce(List<String> questions, Function<String, Uni<T>> ask) throws Exception {
        List<CompletableFuture<T>> answers = new ArrayList<>();
        questions.forEach(question -> answers.add(new CompletableFuture<>()));
        vertx.getOrCreateContext().runOnContext(ignored -> {
            for (int i = 0; i < questions.size(); i++) {
                CompletableFuture<T> answer = answers.get(i);
                ask.apply(questions.get(i)).subscribe().with(answer::complete, answer::completeExceptionally);
            }
        });
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> answer : answers) {
            results.add(answer.get(10, TimeUnit.SECONDS));
        }
        return results;
    }
}
