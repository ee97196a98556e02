package dev.passkeys.token;

import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import dev.passkeys.testing.Jwts;
import dev.passkeys.testing.PasskeyApi.Account;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class TokenTest {

    private static final String ISSUER = "http://localhost:8080";
    private static final String AUDIENCE = "passkey-service";

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    @Inject
    SigningKeys keys;

    @Test
    void theTokenCarriesTheContractsClaims() {
        Account account = signUp(uniqueUsername());
        Map<String, Object> header = Jwts.header(account.accessToken());
        Map<String, Object> claims = Jwts.claims(account.accessToken());

        assertEquals("ES256", header.get("alg"));
        assertEquals(keys.active().kid(), header.get("kid"));
        assertEquals(ISSUER, claims.get("iss"));
        assertEquals(AUDIENCE, claims.get("aud"));
        assertEquals(account.userId(), claims.get("sub"));
        assertEquals(account.username(), claims.get("upn"));
        assertEquals(account.username(), claims.get("preferred_username"));
        assertEquals(List.of("user"), claims.get("groups"));
        assertEquals(List.of("pop", "mfa"), claims.get("amr"));
        assertNotNull(claims.get("jti"));
        long iat = ((Number) claims.get("iat")).longValue();
        assertEquals(iat + 900, ((Number) claims.get("exp")).longValue());
        assertEquals(iat, ((Number) claims.get("auth_time")).longValue());
    }

    @Test
    void aDownstreamServiceVerifiesTheTokenWithTheJwksAlone() throws Exception {
        Account account = signUp(uniqueUsername());
        JsonWebToken verified = downstreamParser().parse(account.accessToken());
        assertEquals(account.userId(), verified.getSubject());
        assertEquals(Set.of("user"), verified.getGroups());
        assertEquals(account.username(), verified.getName());

        String foreign = mint(JwtAlgorithm.ES256.generate(), keys.active().kid(), ISSUER, AUDIENCE, 60);
        assertThrows(ParseException.class, () -> downstreamParser().parse(foreign));
    }

    @Test
    void discoveryPointsAtTheKeys() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(ISSUER))
                .body("jwks_uri", equalTo(ISSUER + "/.well-known/jwks.json"));
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kid", equalTo(keys.active().kid()))
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void missingExpiredTamperedAndForeignTokensAreRefused() throws Exception {
        Account account = signUp(uniqueUsername());
        assertProblem(authorized(null).get("/api/auth/me"), 401, "unauthorized");

        String expired = mint(new KeyPair(null, keys.active().privateKey()), keys.active().kid(), ISSUER, AUDIENCE, -60);
        assertProblem(authorized(expired).get("/api/auth/me"), 401, "invalid_token");

        String[] parts = account.accessToken().split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + java.util.UUID.randomUUID() + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                        + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + ",\"iat\":"
                        + Instant.now().getEpochSecond() + "}").getBytes());
        assertProblem(authorized(parts[0] + "." + otherClaims + "." + parts[2]).get("/api/auth/me"), 401, "invalid_token");

        String foreignKey = mint(JwtAlgorithm.ES256.generate(), keys.active().kid(), ISSUER, AUDIENCE, 60);
        assertProblem(authorized(foreignKey).get("/api/auth/me"), 401, "invalid_token");
        String foreignIssuer = mint(new KeyPair(null, keys.active().privateKey()), keys.active().kid(),
                "https://evil.example", AUDIENCE, 60);
        assertProblem(authorized(foreignIssuer).get("/api/auth/passkeys"), 401, "invalid_token");
        String foreignAudience = mint(new KeyPair(null, keys.active().privateKey()), keys.active().kid(), ISSUER,
                "another-service", 60);
        assertProblem(authorized(foreignAudience).get("/api/auth/passkeys"), 401, "invalid_token");
        assertTrue(authorized(account.accessToken()).get("/api/auth/me").statusCode() == 200);
    }

    private DefaultJWTParser downstreamParser() {
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwksUrl.toString(), ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        return new DefaultJWTParser(info);
    }

    private static String mint(KeyPair key, String kid, String issuer, String audience, long lifetimeSeconds) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer).audience(audience).subject(java.util.UUID.randomUUID().toString())
                .groups(Set.of("user"))
                .issuedAt(now.minusSeconds(120)).expiresAt(now.plusSeconds(lifetimeSeconds))
                .jws().keyId(kid).algorithm(SignatureAlgorithm.ES256).sign(key.getPrivate());
    }
}
