package dev.passkeys.token;

import java.time.Duration;
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
    /** The group of a recovery token, never {@link #USER_ROLE}: downstream services must not take it for a sign-in. */
    public static final String RECOVERY_ROLE = "recovery";
    /** The {@code scope} of a recovery token: adding a passkey (and listing them), nothing else. */
    public static final String PASSKEY_ADD_SCOPE = "passkey:add";
    /** The claim that carries the app's own id of the user (the admin API's {@code externalId}). */
    public static final String EXTERNAL_ID_CLAIM = "ext_id";

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
        return issue(userId, username, null, userVerified, authTime);
    }

    /** @param externalId the app's own id of the user, carried as {@code ext_id} when there is one */
    public String issue(UUID userId, String username, String externalId, boolean userVerified, Instant authTime) {
        Instant now = Instant.now();
        var claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId.toString())
                .upn(username)
                .preferredUserName(username)
                .groups(Set.of(USER_ROLE))
                .claim("amr", userVerified ? List.of("pop", "mfa") : List.of("pop", "user"))
                .claim("auth_time", authTime.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetimeSeconds()));
        if (externalId != null) {
            claims.claim(EXTERNAL_ID_CLAIM, externalId);
        }
        return sign(claims);
    }

    /**
     * A recovery token: bought with a recovery code (RFC 8176 {@code otp}), it may add a passkey and list the
     * user's passkeys, nothing else ({@code scope} {@value #PASSKEY_ADD_SCOPE}).
     */
    public String issueRecovery(UUID userId, String username, Duration lifetime) {
        Instant now = Instant.now();
        return sign(Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId.toString())
                .upn(username)
                .preferredUserName(username)
                .groups(Set.of(RECOVERY_ROLE))
                .scope(Set.of(PASSKEY_ADD_SCOPE))
                .claim("amr", List.of("otp"))
                .claim("auth_time", now.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime)));
    }

    private String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
        SigningKey key = keys.active();
        String token = claims.jws()
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
