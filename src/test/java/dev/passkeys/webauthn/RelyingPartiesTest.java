package dev.passkeys.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;

import io.quarkus.test.junit.QuarkusTest;

/** The relying party is shared; the credentials each ceremony step sees are its own. */
@QuarkusTest
class RelyingPartiesTest {

    @Inject
    RelyingParties relyingParties;

    @Test
    void aStepSeesItsOwnCredentialsEvenWithinAnotherStepAndOnAnotherThreadAtTheSameTime() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> allowed("bob", "b1", bothInside));

        List<String> outer = relyingParties.over(view("alice", "a1", "a2"), party -> {
            List<String> first = allowedBy(party, "alice");
            bothInside.countDown();
            await(bothInside);
            List<String> nested = relyingParties.over(view("carol", "c1"), inner -> allowedBy(inner, "carol"));
            assertEquals(List.of("c1"), nested);
            assertEquals(first, allowedBy(party, "alice"), "the outer step's view is back after the nested one");
            return first;
        });

        assertEquals(List.of("a1", "a2"), outer);
        assertEquals(List.of("b1"), other.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theRelyingPartyRefusesToAnswerOutsideAStep() {
        RelyingParty kept = relyingParties.over(view("dave", "d1"), party -> party);

        assertThrows(IllegalStateException.class, () -> allowedBy(kept, "dave"));
    }

    private List<String> allowed(String username, String credentialId, CountDownLatch bothInside) {
        return relyingParties.over(view(username, credentialId), party -> {
            bothInside.countDown();
            await(bothInside);
            return allowedBy(party, username);
        });
    }

    private static List<String> allowedBy(RelyingParty party, String username) {
        AssertionRequest request = party.startAssertion(StartAssertionOptions.builder().username(username).build());
        return request.getPublicKeyCredentialRequestOptions().getAllowCredentials().orElseThrow().stream()
                .map(descriptor -> new String(descriptor.getId().getBytes())).toList();
    }

    /** A view offering these credential IDs for the username (the shape a login for an unknown username has). */
    private static CeremonyCredentials view(String username, String... credentialIds) {
        Set<PublicKeyCredentialDescriptor> descriptors = new LinkedHashSet<>();
        for (String id : credentialIds) {
            descriptors.add(PublicKeyCredentialDescriptor.builder().id(new ByteArray(id.getBytes())).build());
        }
        return CeremonyCredentials.decoy(username, descriptors);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The other step never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
