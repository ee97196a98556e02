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

/** Mints the access token of a user who just completed a ceremony. */
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
     */
    public TokenResponse issue(UUID userId, String username, boolean userVerified) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        long ttl = config.ttl().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId.toString())
                .upn(username)
                .preferredUserName(username)
                .groups(Set.of(USER_ROLE))
                .claim("amr", userVerified ? List.of("pop", "mfa") : List.of("pop", "user"))
                .claim("auth_time", now.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        issued.increment();
        return new TokenResponse(token, "Bearer", ttl);
    }
}
