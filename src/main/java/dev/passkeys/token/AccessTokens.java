package dev.passkeys.token;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Mints access tokens: after a ceremony, and on every refresh of the session it started. */
@ApplicationScoped
public class AccessTokens {

    public static final String USER_ROLE = "user";

    private final SigningKeys keys;
    private final PasskeyConfig.Jwt config;
    private final Counter issued;

    AccessTokens(SigningKeys keys, PasskeyConfig config, MeterRegistry registry) {
        this.keys = keys;
        this.config = config.jwt();
        this.issued = Counter.builder("passkey.tokens.issued").description("Access tokens issued").register(registry);
    }

    /**
     * @param userVerified whether the authenticator verified the user (PIN, biometrics): RFC 8176 {@code mfa},
     *        otherwise only presence ({@code user})
     * @param authTime when the ceremony behind the token took place: a refresh keeps it
     */
    public String issue(UUID userId, String username, boolean userVerified, Instant authTime) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        long ttl = lifetimeSeconds();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId.toString())
                .upn(username)
                .preferredUserName(username)
                .groups(Set.of(USER_ROLE))
                .claim("amr", userVerified ? List.of("pop", "mfa") : List.of("pop", "user"))
                .claim("auth_time", authTime.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        issued.increment();
        return token;
    }

    /** {@code expires_in} of every access token. */
    public long lifetimeSeconds() {
        return config.ttl().toSeconds();
    }
}
