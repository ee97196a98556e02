package dev.passkeys.challenge;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.passkeys.config.PasskeyConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Challenges live in Redis, shared by every replica, under a key naming the ceremony and the challenge.
 * Taking one is an atomic GETDEL, so a challenge completes at most one ceremony, even under races.
 */
@ApplicationScoped
public class ChallengeStore {

    static final String KEY_PREFIX = "passkey:challenge:";
    /** The set of the pending ceremonies' keys of one account, so that erasing the account finds them. */
    static final String USER_INDEX_PREFIX = "passkey:challenges-of:";

    /** KEYS[1]: the challenge, KEYS[2]: the account's index; ARGV: the state, the TTL in ms. */
    private static final String PUT_INDEXED = """
            if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
              redis.call('SADD', KEYS[2], KEYS[1])
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
            end
            return 1
            """;

    /** KEYS[1]: the account's index: deletes every challenge it names, and itself. */
    private static final String ERASE = """
            local keys = redis.call('SMEMBERS', KEYS[1])
            for _, key in ipairs(keys) do redis.call('DEL', key) end
            redis.call('DEL', KEYS[1])
            return #keys
            """;
    /** Anything else cannot be a challenge we issued (32 random bytes, base64url) and is not looked up. */
    private static final Pattern CHALLENGE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final PasskeyConfig config;

    private final ReactiveRedisDataSource redis;

    ChallengeStore(ReactiveRedisDataSource redis, ObjectMapper json, PasskeyConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.json = json;
        this.config = config;
    }

    /** Stores the state of a ceremony under its challenge until the challenge TTL. */
    public Uni<Void> put(Ceremony ceremony, String challenge, PendingCeremony state) {
        if (state.userId() != null) {
            return redis.execute("EVAL", PUT_INDEXED, "2", key(ceremony, challenge), USER_INDEX_PREFIX + state.userId(),
                    write(state), String.valueOf(config.challengeTtl().toMillis())).replaceWithVoid();
        }
        return values.set(key(ceremony, challenge), write(state),
                new SetArgs().px(config.challengeTtl().toMillis()).nx());
    }

    /** Deletes every pending ceremony started for this account (erasure); the number deleted. */
    public Uni<Integer> eraseOf(java.util.UUID userId) {
        return redis.execute("EVAL", ERASE, "1", USER_INDEX_PREFIX + userId).map(response -> response.toInteger());
    }

    /** The state stored under a challenge of this ceremony, deleting it; empty when unknown, expired or used. */
    public Uni<Optional<PendingCeremony>> take(Ceremony ceremony, String challenge) {
        if (challenge == null || !CHALLENGE_SHAPE.matcher(challenge).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.getdel(key(ceremony, challenge)).map(value -> Optional.ofNullable(value).map(this::read));
    }

    private static String key(Ceremony ceremony, String challenge) {
        return KEY_PREFIX + ceremony.keyPart + ":" + challenge;
    }

    private String write(PendingCeremony state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A pending ceremony cannot be written as JSON", e);
        }
    }

    private PendingCeremony read(String value) {
        try {
            return json.readValue(value, PendingCeremony.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored ceremony is not readable", e);
        }
    }
}
