package dev.passkeys.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Mints access tokens: after a ceremony, and on every refresh of the session it started. Signed with jose4j
 * directly rather than SmallRye's {@code Jwt} builder, which looks its defaults up in the configuration on every
 * token (about 4 % of a login's CPU in profiles); every claim it would default is set here.
 */
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
        JwtClaims claims = claims(userId, username, USER_ROLE, config.ttl());
        claims.setStringListClaim("amr", userVerified ? List.of("pop", "mfa") : List.of("pop", "user"));
        claims.setClaim("auth_time", authTime.getEpochSecond());
        if (externalId != null) {
            claims.setClaim(EXTERNAL_ID_CLAIM, externalId);
        }
        return sign(claims);
    }

    /**
     * A recovery token: bought with a recovery code (RFC 8176 {@code otp}), it may add a passkey and list the
     * user's passkeys, nothing else ({@code scope} {@value #PASSKEY_ADD_SCOPE}).
     */
    public String issueRecovery(UUID userId, String username, Duration lifetime) {
        JwtClaims claims = claims(userId, username, RECOVERY_ROLE, lifetime);
        claims.setClaim("scope", PASSKEY_ADD_SCOPE);
        claims.setStringListClaim("amr", List.of("otp"));
        claims.setClaim("auth_time", claims.getClaimValue("iat"));
        return sign(claims);
    }

    private JwtClaims claims(UUID userId, String username, String group, Duration lifetime) {
        long now = Instant.now().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(config.audience());
        claims.setSubject(userId.toString());
        claims.setClaim("upn", username);
        claims.setClaim("preferred_username", username);
        claims.setStringListClaim("groups", group);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime.toSeconds()));
        return claims;
    }

    private String sign(JwtClaims claims) {
        SigningKey key = keys.active();
        JsonWebSignature jws = new CompactJws();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", "JWT");
        try {
            String token = jws.getCompactSerialization();
            issued.increment();
            return token;
        } catch (JoseException e) {
            throw new IllegalStateException("The active signing key " + key + " cannot sign a token", e);
        }
    }

    /** {@code expires_in} of every access token. */
    public long lifetimeSeconds() {
        return config.ttl().toSeconds();
    }
}
