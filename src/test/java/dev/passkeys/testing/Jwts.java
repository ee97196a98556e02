package dev.passkeys.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a JWT's parts without verifying it, as a frontend would to show its claims. */
public final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    public static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    public static Map<String, Object> claims(String jwt) {
        return part(jwt, 1);
    }

    private static Map<String, Object> part(String jwt, int index) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.")[index]);
            return JSON.readValue(new String(json, StandardCharsets.UTF_8), new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new AssertionError("Not a JWT: " + jwt, e);
        }
    }
}
