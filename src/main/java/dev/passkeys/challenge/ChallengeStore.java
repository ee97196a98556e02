package dev.passkeys.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.passkeys.config.PasskeyConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;

/**
 * Challenges live in Redis, shared by every replica, under a key naming the ceremony and the challenge.
 * Taking one is an atomic GETDEL, so a challenge completes at most one ceremony, even under races.
 */
@ApplicationScoped
public class ChallengeStore {

    static final String KEY_PREFIX = "passkey:challenge:";
    /**
     * The set of the pending registrations' keys of one account, so that erasing the account finds them (a pending
     * login holds no personal data and cannot complete once the account's passkeys are gone: it is left to expire).
     * Every command names one key (the index and a challenge hash to different Redis Cluster slots), so the index is
     * kept beside the challenge rather than atomically with it: a challenge whose index entry was lost still
     * expires after the TTL, and its verify step finds no account.
     */
    static final String USER_INDEX_PREFIX = "passkey:challenges-of:";

    /** KEYS[1]: an account's index; ARGV: the challenge's key, the TTL in ms (the index lives as long as its newest). */
    private static final String INDEX = "redis.call('SADD', KEYS[1], ARGV[1]) return redis.call('PEXPIRE', KEYS[1], ARGV[2])";

    /** Anything else cannot be a challenge we issued (32 random bytes, base64url) and is not looked up. */
    private static final Pattern CHALLENGE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ChallengeCommands commands;
    private final ObjectMapper json;
    private final PasskeyConfig config;

    private final ReactiveRedisDataSource redis;
    private final ReactiveSetCommands<String, String> indexes;

    ChallengeStore(ReactiveRedisDataSource redis, ChallengeCommands commands, ObjectMapper json, PasskeyConfig config) {
        this.redis = redis;
        this.commands = commands;
        this.indexes = redis.set(String.class, String.class);
        this.json = json;
        this.config = config;
    }

    /** Stores the state of a ceremony under its challenge until the challenge TTL. */
    public Uni<Void> put(Ceremony ceremony, String challenge, PendingCeremony state) {
        String key = key(ceremony, challenge);
        long ttl = config.challengeTtl().toMillis();
        Uni<Void> stored = commands.setIfAbsent(key, write(state), ttl);
        if (state.userId() == null || ceremony != Ceremony.REGISTRATION) {
            return stored;
        }
        // Sent side by side, each command on its own key.
        Uni<Void> indexed = redis.execute("EVAL", INDEX, "1", USER_INDEX_PREFIX + state.userId(), key, String.valueOf(ttl))
                .replaceWithVoid();
        return Uni.combine().all().unis(stored, indexed).discardItems();
    }

    /** Deletes every pending registration started for this account (erasure); the number deleted. */
    public Uni<Integer> eraseOf(UUID userId) {
        String index = USER_INDEX_PREFIX + userId;
        return indexes.smembers(index).chain(keys -> {
            List<Uni<Integer>> deletions = new ArrayList<>();
            keys.forEach(key -> deletions.add(redis.key().del(key)));
            deletions.add(redis.key().del(index).replaceWith(0));
            return Uni.join().all(deletions).andFailFast().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
        });
    }

    /** The state stored under a challenge of this ceremony, deleting it; empty when unknown, expired or used. */
    public Uni<Optional<PendingCeremony>> take(Ceremony ceremony, String challenge) {
        if (challenge == null || !CHALLENGE_SHAPE.matcher(challenge).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return commands.getAndDelete(key(ceremony, challenge)).map(value -> Optional.ofNullable(value).map(this::read));
    }

    /** Deletes a challenge no client will complete (one this service issued but did not hand out). */
    public Uni<Void> discard(Ceremony ceremony, String challenge) {
        return commands.delete(key(ceremony, challenge));
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
