package dev.passkeys.bench;

import java.io.IOException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.yubico.internal.util.JacksonCodecs;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * One registered user and a few thousand login-verify bodies signed in advance (each with its own challenge
 * and a growing counter), with the service's settings: RP ID {@code localhost}, origin
 * {@code http://localhost:8080}, ES256/EdDSA/RS256, user verification preferred, and the steps of a login as
 * the service runs them, minus the network, PostgreSQL and Redis.
 */
public abstract class LoginFixture {

    static final String RP_ID = "localhost";
    static final String ORIGIN = "http://localhost:8080";
    static final String USERNAME = "alice@example.com";
    static final String ISSUER = "http://localhost:8080";
    static final String AUDIENCE = "passkey-service";
    static final long TOKEN_TTL_SECONDS = 900;
    static final long TIMEOUT_MILLIS = 300_000;

    /** The service reads request bodies with Quarkus' mapper, then the credential with Yubico's (ResponseJson). */
    static final ObjectMapper HTTP_JSON = new ObjectMapper();
    static final ObjectMapper YUBICO = JacksonCodecs.json();
    static final ObjectReader ASSERTION = YUBICO.readerFor(new TypeReference<
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>>() {
    });
    static final RelyingPartyIdentity IDENTITY = RelyingPartyIdentity.builder().id(RP_ID).name("Passkey Service").build();
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

    /** The login-verify body: {@code {"credential": AuthenticationResponseJSON}}. */
    public record LoginVerifyBody(JsonNode credential) {
    }

    protected UUID userId;
    protected InMemoryCredentials credentials;
    protected RelyingParty relyingParty;
    protected byte[][] bodies;
    protected AssertionRequest[] requests;
    /** Each request as the service keeps it in Redis between the two steps ({@code AssertionRequest.toJson()}). */
    protected String[] storedRequests;
    protected List<PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>> parsed;
    protected PrivateKey tokenKey;
    protected String kid;
    private int next;

    /** Installs the provider set-up first, then makes every key and assertion under it. */
    protected void prepare(String provider, int assertions) throws Exception {
        Providers.use(provider);
        SecureRandom random = new SecureRandom();
        byte[] handle = new byte[32];
        random.nextBytes(handle);
        Passkey passkey = new Passkey(RP_ID, new ByteArray(handle).getBase64Url());
        userId = UUID.randomUUID();
        credentials = new InMemoryCredentials(USERNAME, new ByteArray(handle),
                ByteArray.fromBase64Url(passkey.id()), new ByteArray(passkey.publicKeyCose()));
        relyingParty = relyingParty(credentials);

        bodies = new byte[assertions][];
        requests = new AssertionRequest[assertions];
        storedRequests = new String[assertions];
        parsed = new java.util.ArrayList<>(assertions);
        for (int i = 0; i < assertions; i++) {
            AssertionRequest request = relyingParty.startAssertion(StartAssertionOptions.builder()
                    .username(USERNAME)
                    .userVerification(UserVerificationRequirement.PREFERRED)
                    .timeout(TIMEOUT_MILLIS)
                    .build());
            String challenge = request.getPublicKeyCredentialRequestOptions().getChallenge().getBase64Url();
            var body = HTTP_JSON.createObjectNode();
            body.set("credential", passkey.assertion(challenge, ORIGIN, i + 1));
            bodies[i] = HTTP_JSON.writeValueAsBytes(body);
            requests[i] = request;
            storedRequests[i] = YUBICO.writeValueAsString(request);
            parsed.add(parse(bodies[i]));
        }

        // The token key as PemKeys loads it: PKCS#8 through the default KeyFactory.
        var generated = Es256.generate(null);
        tokenKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded()));
        kid = Base64.getUrlEncoder().withoutPadding().encodeToString(Es256.sha256(generated.getPublic().getEncoded()));

        for (int i = 0; i < Math.min(assertions, 4); i++) {
            if (!finish(relyingParty, requests[i], parsed.get(i)).isSuccess()) {
                throw new IllegalStateException("a prepared assertion does not verify");
            }
        }
    }

    /** The index of the next prepared assertion, round robin. */
    protected int next() {
        int i = next;
        next = i + 1 == bodies.length ? 0 : i + 1;
        return i;
    }

    /** As {@code RelyingParties.over}: the service's settings. */
    static RelyingParty relyingParty(CredentialRepository repository) {
        return RelyingParty.builder()
                .identity(IDENTITY)
                .credentialRepository(repository)
                .origins(Set.of(ORIGIN))
                .preferredPubkeyParams(ALGORITHMS)
                .attestationConveyancePreference(AttestationConveyancePreference.NONE)
                .allowUntrustedAttestation(true)
                .validateSignatureCounter(true)
                .build();
    }

    /** The body as the service reads it: Quarkus' mapper, then {@code ResponseJson.assertion} with Yubico's shared reader. */
    static PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> parse(byte[] body)
            throws IOException {
        JsonNode credential = HTTP_JSON.readValue(body, LoginVerifyBody.class).credential();
        if (credential == null || !credential.isObject()
                || credential.hasNonNull("rawId") && !credential.get("rawId").equals(credential.get("id"))) {
            throw new IllegalArgumentException("not an AuthenticationResponseJSON");
        }
        return ASSERTION.readValue(credential);
    }

    static AssertionResult finish(RelyingParty relyingParty, AssertionRequest request,
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential)
            throws AssertionFailedException {
        AssertionResult result = relyingParty.finishAssertion(
                FinishAssertionOptions.builder().request(request).response(credential).build());
        if (!result.isSuccess()) {
            throw new IllegalStateException("the assertion does not verify");
        }
        return result;
    }

    /** As {@code AccessTokens.issue}: the same claims, ES256 with a kid. */
    static String mint(PrivateKey key, String kid, UUID userId, String username, boolean userVerified) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId.toString())
                .upn(username)
                .preferredUserName(username)
                .groups(Set.of("user"))
                .claim("amr", userVerified ? List.of("pop", "mfa") : List.of("pop", "user"))
                .claim("auth_time", now.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(TOKEN_TTL_SECONDS))
                .jws()
                .keyId(kid)
                .algorithm(SignatureAlgorithm.ES256)
                .sign(key);
    }

    /** One user with one passkey, in memory: what the service loads from PostgreSQL before finishing a login. */
    static final class InMemoryCredentials implements CredentialRepository {

        private final String username;
        private final ByteArray userHandle;
        private final ByteArray credentialId;
        private final ByteArray publicKeyCose;

        InMemoryCredentials(String username, ByteArray userHandle, ByteArray credentialId, ByteArray publicKeyCose) {
            this.username = username;
            this.userHandle = userHandle;
            this.credentialId = credentialId;
            this.publicKeyCose = publicKeyCose;
        }

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String name) {
            return username.equals(name) ? Set.of(PublicKeyCredentialDescriptor.builder().id(credentialId).build()) : Set.of();
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String name) {
            return username.equals(name) ? Optional.of(userHandle) : Optional.empty();
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray handle) {
            return userHandle.equals(handle) ? Optional.of(username) : Optional.empty();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray id, ByteArray handle) {
            return credentialId.equals(id) && userHandle.equals(handle) ? Optional.of(registered()) : Optional.empty();
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray id) {
            return credentialId.equals(id) ? Set.of(registered()) : Set.of();
        }

        /** Counter 0 as stored: every prepared assertion (counter 1, 2, ...) is then ahead of it. */
        private RegisteredCredential registered() {
            return RegisteredCredential.builder()
                    .credentialId(credentialId)
                    .userHandle(userHandle)
                    .publicKeyCose(publicKeyCose)
                    .signatureCount(0)
                    .backupEligible(false)
                    .backupState(false)
                    .build();
        }
    }
}
