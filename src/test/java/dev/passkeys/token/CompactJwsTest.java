package dev.passkeys.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The JDK-encoded JWS is the one jose4j would write, byte for byte but for ECDSA's random signature. */
class CompactJwsTest {

    @Test
    void headerAndPayloadAreEncodedAsJose4jEncodesThemAndTheSignatureVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JwtClaims claims = new JwtClaims();
        claims.setSubject("5f0c4a2e-1b7d-4c1e-9a55-0d6f1f2b3c4d");
        // Non-ASCII, and lengths that need padding in plain Base64 (JWS has none).
        claims.setClaim("preferred_username", "zoë-名前?>");
        claims.setClaim("n", "a");

        String ours = sign(new CompactJws(), claims, keys);
        String jose4js = sign(new JsonWebSignature(), claims, keys);

        String[] ourParts = ours.split("\\.");
        String[] theirParts = jose4js.split("\\.");
        assertEquals(theirParts[0], ourParts[0], "header");
        assertEquals(theirParts[1], ourParts[1], "payload");
        assertEquals(theirParts[2].length(), ourParts[2].length(), "an ES256 signature, 64 bytes unpadded");
        assertTrue(!ours.contains("=") && !ours.contains("+") && !ours.contains("/"), "base64url without padding");

        JsonWebSignature verifier = new JsonWebSignature();
        verifier.setCompactSerialization(ours);
        verifier.setKey(keys.getPublic());
        assertTrue(verifier.verifySignature(), "jose4j verifies the token");
        assertEquals(claims.toJson(), verifier.getPayload());
    }

    private static String sign(JsonWebSignature jws, JwtClaims claims, KeyPair keys) throws Exception {
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue("key-1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }
}
