package dev.passkeys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The software authenticator against a real Yubico {@link RelyingParty}: RP ID "localhost", origin http://localhost:8080. */
@SuppressWarnings("deprecation") // Yubico 2.9 marks the backup flag (BE/BS) accessors deprecated as experimental
class SoftwareAuthenticatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryCredentialRepository repository = new InMemoryCredentialRepository();
    private final RelyingParty rp = RelyingParty.builder()
            .identity(RelyingPartyIdentity.builder().id("localhost").name("Passkeys test").build())
            .credentialRepository(repository)
            .origins(Set.of(CeremonyOptions.DEFAULT_ORIGIN))
            .build();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    @Test
    void registrationIsAcceptedAndShapedLikeToJson() throws Exception {
        PublicKeyCredentialCreationOptions request = registrationRequest("alice");
        ObjectNode response = authenticator.create(creationOptionsJson(request));

        assertEquals(Set.of("id", "rawId", "type", "authenticatorAttachment", "response", "clientExtensionResults"), fieldNames(response));
        assertEquals(Set.of("clientDataJSON", "authenticatorData", "transports", "publicKey", "publicKeyAlgorithm", "attestationObject"),
                fieldNames(response.get("response")));
        assertEquals("public-key", response.get("type").asText());
        assertEquals(response.get("id"), response.get("rawId"));
        int idLength = ByteArray.fromBase64Url(response.get("id").asText()).size();
        assertTrue(idLength >= 16 && idLength <= 32, "credential ID length " + idLength);

        RegistrationResult result = finishRegistration("alice", request, response);
        assertEquals(response.get("id").asText(), result.getKeyId().getId().getBase64Url());
        assertEquals(0, result.getSignatureCount());
        assertTrue(result.isUserVerified());
        assertFalse(result.isBackupEligible());
        assertEquals(new ByteArray(new byte[16]), result.getAaguid());
        assertEquals(request.getUser().getId().getBase64Url(), authenticator.credential(response.get("id").asText()).userHandle());
    }

    @Test
    void backupFlagsAndAaguidReachTheRelyingParty() throws Exception {
        UUID aaguid = UUID.randomUUID();
        PublicKeyCredentialCreationOptions request = registrationRequest("alice");
        ObjectNode response = authenticator.create(creationOptionsJson(request),
                CeremonyOptions.defaults().withBackupEligible(true).withBackedUp(true).withAaguid(aaguid));

        RegistrationResult result = finishRegistration("alice", request, response);
        assertTrue(result.isBackupEligible());
        assertTrue(result.isBackedUp());
        assertEquals(aaguid.toString().replace("-", ""), result.getAaguid().getHex());

        AssertionResult assertion = finishAssertion(rp.startAssertion(StartAssertionOptions.builder().username("alice").build()),
                CeremonyOptions.defaults());
        assertTrue(assertion.isBackedUp());
    }

    @Test
    void usernameFirstAssertionsAreAcceptedAndTheCounterIncreases() throws Exception {
        register("alice", CeremonyOptions.defaults());
        register("bob", CeremonyOptions.defaults());

        AssertionResult first = finishAssertion(startAssertion("alice"), CeremonyOptions.defaults());
        AssertionResult second = finishAssertion(startAssertion("alice"), CeremonyOptions.defaults());

        assertTrue(first.isSuccess() && second.isSuccess());
        assertEquals("alice", first.getUsername());
        assertEquals(1, first.getSignatureCount());
        assertEquals(2, second.getSignatureCount());
        assertTrue(second.isSignatureCounterValid());
    }

    @Test
    void usernamelessAssertionUsesTheNewestCredentialOrTheChosenOne() throws Exception {
        String alice = register("alice", CeremonyOptions.defaults());
        register("bob", CeremonyOptions.defaults());
        AssertionRequest usernameless = rp.startAssertion(StartAssertionOptions.builder().build());
        assertTrue(requestOptionsJson(usernameless).path("allowCredentials").isEmpty());

        AssertionResult newest = finishAssertion(usernameless, CeremonyOptions.defaults());
        AssertionResult chosen = finishAssertion(rp.startAssertion(StartAssertionOptions.builder().build()),
                CeremonyOptions.defaults().withCredentialId(alice));

        assertEquals("bob", newest.getUsername());
        assertEquals("alice", chosen.getUsername());
        assertEquals(1, chosen.getSignatureCount());
    }

    @Test
    void corruptedSignatureIsRejected() throws Exception {
        register("alice", CeremonyOptions.defaults());
        assertRejected("Invalid assertion signature",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withCorruptedSignature()));
    }

    @Test
    void wrongRpIdIsRejected() throws Exception {
        register("alice", CeremonyOptions.defaults());
        assertRejected("Wrong RP ID hash",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withRpId("evil.example")));
        PublicKeyCredentialCreationOptions request = registrationRequest("bob");
        ObjectNode response = authenticator.create(creationOptionsJson(request), CeremonyOptions.defaults().withRpId("evil.example"));
        assertRejected("Wrong RP ID hash", () -> finishRegistration("bob", request, response));
    }

    @Test
    void wrongOriginIsRejected() throws Exception {
        register("alice", CeremonyOptions.defaults());
        assertRejected("Incorrect origin",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withOrigin("http://evil.example:8080")));
        PublicKeyCredentialCreationOptions request = registrationRequest("bob");
        ObjectNode response = authenticator.create(creationOptionsJson(request),
                CeremonyOptions.defaults().withOrigin("http://evil.example:8080"));
        assertRejected("Incorrect origin", () -> finishRegistration("bob", request, response));
    }

    @Test
    void otherClientDataFaultsAreRejected() throws Exception {
        register("alice", CeremonyOptions.defaults());
        assertRejected("must be exactly \"webauthn.get\"",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withClientDataType("webauthn.create")));
        assertRejected("Incorrect challenge", () -> finishAssertion(startAssertion("alice"),
                CeremonyOptions.defaults().withChallenge(ByteArray.fromHex("00112233445566778899aabbccddeeff").getBase64Url())));
        assertRejected("User Presence is required",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withUserPresent(false)));
    }

    @Test
    void counterGoingBackwardsIsRejectedAndACounterlessCredentialIsAccepted() throws Exception {
        register("alice", CeremonyOptions.defaults());
        finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withSignCount(5));
        assertRejected("Signature counter must increase",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withSignCount(4)));

        register("carol", CeremonyOptions.defaults().withCounterless(true));
        assertEquals(0, finishAssertion(startAssertion("carol"), CeremonyOptions.defaults()).getSignatureCount());
        assertEquals(0, finishAssertion(startAssertion("carol"), CeremonyOptions.defaults()).getSignatureCount());
    }

    @Test
    void anotherUsersUserHandleOrCredentialIsRejected() throws Exception {
        register("alice", CeremonyOptions.defaults());
        SoftwareAuthenticator bobsAuthenticator = new SoftwareAuthenticator();
        String bob = register("bob", CeremonyOptions.defaults(), bobsAuthenticator);
        String bobsHandle = bobsAuthenticator.credential(bob).userHandle();

        assertRejected("does not match user handle",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withUserHandle(bobsHandle)));

        authenticator.add(bobsAuthenticator.credential(bob).copy());
        assertRejected("Unrequested credential ID",
                () -> finishAssertion(startAssertion("alice"), CeremonyOptions.defaults().withCredentialId(bob)));
        assertEquals("bob", finishAssertion(rp.startAssertion(StartAssertionOptions.builder().build()),
                CeremonyOptions.defaults()).getUsername(), "the copy works for its own user");
    }

    @Test
    void excludedCredentialIsRefusedLikeTheBrowser() throws Exception {
        register("alice", CeremonyOptions.defaults());
        PublicKeyCredentialCreationOptions secondPasskey = registrationRequest("alice");
        assertFalse(secondPasskey.getExcludeCredentials().orElseThrow().isEmpty());

        WebAuthnError error = assertThrows(WebAuthnError.class, () -> authenticator.create(creationOptionsJson(secondPasskey)));
        assertEquals("InvalidStateError", error.name());
        new SoftwareAuthenticator().create(creationOptionsJson(secondPasskey)); // another authenticator may add one
    }

    @Test
    void usernameFirstWithoutAnAllowedCredentialFailsClearly() throws Exception {
        register("alice", CeremonyOptions.defaults(), new SoftwareAuthenticator());
        WebAuthnError error = assertThrows(WebAuthnError.class,
                () -> authenticator.get(requestOptionsJson(startAssertion("alice"))));
        assertEquals("NotAllowedError", error.name());
    }

    // --- relying party plumbing -------------------------------------------------------------------

    /** Fails unless the relying party rejects the ceremony for the expected reason. */
    private static void assertRejected(String reason, Executable ceremony) {
        Exception rejection = assertThrows(Exception.class, ceremony);
        assertTrue(rejection instanceof AssertionFailedException || rejection instanceof RegistrationFailedException,
                () -> "not a ceremony failure: " + rejection);
        assertTrue(rejection.getMessage().contains(reason), () -> "expected \"" + reason + "\" in: " + rejection.getMessage());
    }

    private String register(String username, CeremonyOptions ceremony) throws Exception {
        return register(username, ceremony, authenticator);
    }

    private String register(String username, CeremonyOptions ceremony, SoftwareAuthenticator on) throws Exception {
        PublicKeyCredentialCreationOptions request = registrationRequest(username);
        ObjectNode response = on.create(creationOptionsJson(request), ceremony);
        finishRegistration(username, request, response);
        return response.get("id").asText();
    }

    private PublicKeyCredentialCreationOptions registrationRequest(String username) {
        ByteArray userHandle = repository.getUserHandleForUsername(username).orElseGet(() -> randomBytes(32));
        return rp.startRegistration(StartRegistrationOptions.builder()
                .user(UserIdentity.builder().name(username).displayName(username).id(userHandle).build())
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder().residentKey(ResidentKeyRequirement.REQUIRED).build())
                .build());
    }

    private RegistrationResult finishRegistration(String username, PublicKeyCredentialCreationOptions request, JsonNode response)
            throws Exception {
        RegistrationResult result = rp.finishRegistration(FinishRegistrationOptions.builder()
                .request(request)
                .response(PublicKeyCredential.parseRegistrationResponseJson(JSON.writeValueAsString(response)))
                .build());
        repository.add(username, RegisteredCredential.builder()
                .credentialId(result.getKeyId().getId())
                .userHandle(request.getUser().getId())
                .publicKeyCose(result.getPublicKeyCose())
                .signatureCount(result.getSignatureCount())
                .backupEligible(result.isBackupEligible())
                .backupState(result.isBackedUp())
                .build());
        return result;
    }

    private AssertionRequest startAssertion(String username) {
        return rp.startAssertion(StartAssertionOptions.builder().username(username).build());
    }

    private AssertionResult finishAssertion(AssertionRequest request, CeremonyOptions ceremony) throws Exception {
        ObjectNode response = authenticator.get(requestOptionsJson(request), ceremony);
        assertEquals(Set.of("id", "rawId", "type", "authenticatorAttachment", "response", "clientExtensionResults"), fieldNames(response));
        AssertionResult result = rp.finishAssertion(FinishAssertionOptions.builder()
                .request(request)
                .response(PublicKeyCredential.parseAssertionResponseJson(JSON.writeValueAsString(response)))
                .build());
        assertTrue(result.isSuccess());
        repository.updateSignatureCount(result);
        return result;
    }

    private static JsonNode creationOptionsJson(PublicKeyCredentialCreationOptions request) throws Exception {
        return JSON.readTree(request.toCredentialsCreateJson()).get("publicKey");
    }

    private static JsonNode requestOptionsJson(AssertionRequest request) throws Exception {
        return JSON.readTree(request.toCredentialsGetJson()).get("publicKey");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ByteArray randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return new ByteArray(bytes);
    }

    private static final class InMemoryCredentialRepository implements CredentialRepository {

        private final Map<String, ByteArray> userHandles = new HashMap<>();
        private final Map<ByteArray, RegisteredCredential> credentials = new HashMap<>();

        void add(String username, RegisteredCredential credential) {
            userHandles.put(username, credential.getUserHandle());
            credentials.put(credential.getCredentialId(), credential);
        }

        void updateSignatureCount(AssertionResult result) {
            credentials.computeIfPresent(result.getCredentialId(),
                    (id, credential) -> credential.toBuilder().signatureCount(result.getSignatureCount()).build());
        }

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            ByteArray userHandle = userHandles.get(username);
            return credentials.values().stream()
                    .filter(credential -> credential.getUserHandle().equals(userHandle))
                    .map(credential -> PublicKeyCredentialDescriptor.builder().id(credential.getCredentialId()).build())
                    .collect(Collectors.toSet());
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            return Optional.ofNullable(userHandles.get(username));
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return userHandles.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(userHandle))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return Optional.ofNullable(credentials.get(credentialId))
                    .filter(credential -> credential.getUserHandle().equals(userHandle));
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return Optional.ofNullable(credentials.get(credentialId)).map(Set::of).orElse(Set.of());
        }
    }
}
