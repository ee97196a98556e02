package dev.passkeys.token;

import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.refresh;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.Jwts;
import dev.passkeys.testing.PasskeyApi.Account;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;

/**
 * The middle step of a key rotation, on a running service: a new EdDSA key signs, while the retired ES256 key
 * (its private key file) and an older RSA key (its public key only) stay published and accepted.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotating.class)
class KeyRotationTest {

    private static final Path DIR = Path.of("target", "key-rotation-test");
    private static final Path NEXT = DIR.resolve("next-ed25519.pem");
    private static final Path RETIRED = DIR.resolve("retired-p256.pem");
    private static final Path OLDER_PRIVATE = DIR.resolve("older-rsa.pem");
    private static final Path OLDER_PUBLIC = DIR.resolve("older-rsa.pub.pem");

    public static class Rotating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            writeKeys();
            return Map.of("passkey.jwt.algorithm", "EdDSA",
                    "passkey.jwt.signing-key-file", NEXT.toAbsolutePath().toString(),
                    "passkey.jwt.verification-key-files",
                    RETIRED.toAbsolutePath() + "," + OLDER_PUBLIC.toAbsolutePath());
        }
    }

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    @Test
    void theNewKeySignsEveryNewToken() throws Exception {
        Account account = signUp(uniqueUsername());
        Map<String, Object> header = Jwts.header(account.accessToken());
        assertEquals("EdDSA", header.get("alg"));
        assertEquals(kid(NEXT), header.get("kid"));

        String refreshed = json(refresh(account.refreshToken()).then().statusCode(200).extract().response())
                .get("access_token").asText();
        assertEquals(kid(NEXT), Jwts.header(refreshed).get("kid"));
        authorized(refreshed).get("/api/auth/me").then().statusCode(200).body("id", equalTo(account.userId()));
    }

    @Test
    void theJwksPublishesTheSigningKeyFirstThenTheRetiredOnes() throws Exception {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", contains(kid(NEXT), kid(RETIRED), kid(OLDER_PUBLIC)))
                .body("keys.alg", contains("EdDSA", "ES256", "RS256"))
                .body("keys.kty", contains("OKP", "EC", "RSA"))
                .body("keys.use", everyItem(equalTo("sig")))
                .body("keys.d", everyItem(org.hamcrest.Matchers.nullValue()));
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("id_token_signing_alg_values_supported", contains("EdDSA", "ES256", "RS256"));
    }

    @Test
    void tokensOfRetiredKeysValidateUntilTheyExpire() throws Exception {
        Account account = signUp(uniqueUsername());
        String beforeRotation = mint(RETIRED, SignatureAlgorithm.ES256, account.userId(), 600);
        String olderStill = mint(OLDER_PRIVATE, SignatureAlgorithm.RS256, account.userId(), 600);
        authorized(beforeRotation).get("/api/auth/me").then().statusCode(200).body("id", equalTo(account.userId()));
        authorized(olderStill).get("/api/auth/passkeys").then().statusCode(200);

        assertProblem(authorized(mint(RETIRED, SignatureAlgorithm.ES256, account.userId(), -120)).get("/api/auth/me"),
                401, "invalid_token");
        String unpublished = Jwt.issuer("http://localhost:8080").audience("passkey-service").subject(account.userId())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId(kid(RETIRED)).algorithm(SignatureAlgorithm.ES256)
                .sign(JwtAlgorithm.ES256.generate().getPrivate());
        assertProblem(authorized(unpublished).get("/api/auth/me"), 401, "invalid_token");
    }

    @Test
    void aVerifierWithTheJwksAloneAcceptsTokensOfEveryPublishedKey() throws Exception {
        Account account = signUp(uniqueUsername());
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwksUrl.toString(), "http://localhost:8080");
        info.setExpectedAudience(Set.of("passkey-service"));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.EDDSA, SignatureAlgorithm.ES256, SignatureAlgorithm.RS256));
        DefaultJWTParser downstream = new DefaultJWTParser(info);
        assertEquals(account.userId(), downstream.parse(account.accessToken()).getSubject());
        assertEquals(account.userId(),
                downstream.parse(mint(RETIRED, SignatureAlgorithm.ES256, account.userId(), 600)).getSubject());
    }

    private static String kid(Path pem) throws IOException, GeneralSecurityException {
        return PublishedKey.of(PemKeys.readPublicKey(Files.readString(pem))).kid();
    }

    private static String mint(Path privateKey, SignatureAlgorithm algorithm, String subject, long lifetimeSeconds)
            throws IOException, GeneralSecurityException {
        PrivateKey key = PemKeys.readKeyPair(Files.readString(privateKey)).getPrivate();
        Instant now = Instant.now();
        return Jwt.issuer("http://localhost:8080").audience("passkey-service").subject(subject)
                .groups(Set.of("user"))
                .issuedAt(now.minusSeconds(300)).expiresAt(now.plusSeconds(lifetimeSeconds))
                .jws().keyId(kid(privateKey)).algorithm(algorithm).sign(key);
    }

    /** Keys are files, written once: the profile and the test may not share a class loader, but share the disk. */
    private static synchronized void writeKeys() {
        try {
            if (Files.exists(OLDER_PUBLIC)) {
                return;
            }
            Files.createDirectories(DIR);
            Files.writeString(NEXT, PemKeys.toPem(JwtAlgorithm.EdDSA.generate().getPrivate()));
            Files.writeString(RETIRED, PemKeys.toPem(JwtAlgorithm.ES256.generate().getPrivate()));
            var older = JwtAlgorithm.RS256.generate();
            Files.writeString(OLDER_PRIVATE, PemKeys.toPem(older.getPrivate()));
            Files.writeString(OLDER_PUBLIC, PemKeys.toPem(older.getPublic()));
        } catch (IOException | GeneralSecurityException e) {
            throw new UncheckedIOException(new IOException("cannot write the test keys", e));
        }
    }
}
