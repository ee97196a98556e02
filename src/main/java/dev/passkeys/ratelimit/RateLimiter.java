package dev.passkeys.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.api.Client;
import dev.passkeys.api.Problem;
import dev.passkeys.audit.AuditEvent;
import dev.passkeys.audit.AuditEventType;
import dev.passkeys.audit.AuditTrail;
import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed-window counters in Redis, one per budget, each window starting with its first request. Each counter is
 * its own key, counted by a script so that replicas never race; a request's budgets are spent in order and the
 * first one spent refuses it (the later ones are left untouched). One key per command keeps every operation in
 * one Redis Cluster slot. The challenges a client can park in Redis are bounded by the same budgets: every
 * challenge costs an options request.
 */
@ApplicationScoped
public class RateLimiter {

    static final String KEY_PREFIX = "passkey:rate:";

    /** KEYS[1]: the counter; ARGV[1]: the window in ms. Answers the count and the window's time left in ms. */
    private static final String SCRIPT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}
            """;

    private final ReactiveRedisDataSource redis;
    private final PasskeyConfig.RateLimit config;
    private final MeterRegistry registry;
    private final AuditTrail audit;

    RateLimiter(ReactiveRedisDataSource redis, PasskeyConfig config, MeterRegistry registry, AuditTrail audit) {
        this.redis = redis;
        this.config = config.rateLimit();
        this.registry = registry;
        this.audit = audit;
    }

    /** The budgets of a client IP. */
    public Budget perIp(String clientIp) {
        return new Budget("ip", clientIp, config.perIp());
    }

    /** The budget of a username, compared as usernames are (trimmed, case-insensitive). */
    public Budget perUsername(String username) {
        return new Budget("username", username.strip().toLowerCase(Locale.ROOT), config.perUsername());
    }

    /** The token refresh budget of a client IP, apart from its ceremonies'. */
    public Budget refreshPerIp(String clientIp) {
        return new Budget("refresh-ip", clientIp, config.refreshPerIp());
    }

    public Budget perCredential(String credentialId) {
        return new Budget("credential", credentialId, config.perCredential());
    }

    /**
     * Spends one of the client's requests from each budget; fails with 429 {@code rate_limited} when one is spent.
     * The first refusal of a window goes to the audit trail (not every one: a flood must not become one of writes).
     */
    public Uni<Void> spend(Client client, List<Budget> budgets) {
        if (!config.enabled() || budgets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> spent = Uni.createFrom().voidItem();
        for (Budget budget : budgets) {
            spent = spent.chain(() -> spend(client, budget));
        }
        return spent;
    }

    private Uni<Void> spend(Client client, Budget budget) {
        String window = String.valueOf(config.window().toMillis());
        return redis.execute("EVAL", SCRIPT, "1", key(budget), window).map(response -> {
            if (response.get(0).toLong() > budget.limit()) {
                throw refusal(client, budget, response);
            }
            return null;
        });
    }

    private Problem refusal(Client client, Budget budget, Response response) {
        if (response.get(0).toLong() == budget.limit() + 1L) {
            audit.record(new AuditEvent(AuditEventType.RATE_LIMITED, null,
                    "credential".equals(budget.scope()) ? budget.subject() : null, budget.scope(), client));
        }
        long ttlMillis = Math.max(response.get(1).toLong(), 0);
        long retryAfter = Math.max(1, (ttlMillis + 999) / 1000);
        Counter.builder("passkey.rate.limited").description("Ceremony requests refused by a rate limit")
                .tag("scope", budget.scope()).register(registry).increment();
        return Problem.rateLimited(retryAfter);
    }

    private static String key(Budget budget) {
        return KEY_PREFIX + budget.scope() + ":" + hash(budget.subject());
    }

    /** Subjects (usernames among them) are never stored in clear; the hash also bounds the key's length. */
    private static String hash(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
