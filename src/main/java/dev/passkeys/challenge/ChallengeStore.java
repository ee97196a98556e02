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
    /** Anything else cannot be a challenge we issued (32 random bytes, base64url) and is not looked up. */
    private static final Pattern CHALLENGE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final PasskeyConfig config;

    ChallengeStore(ReactiveRedisDataSource redis, ObjectMapper json, PasskeyConfig config) {
        this.values = redis.value(String.class, String.class);
        this.json = json;
        this.config = config;
    }

    /** Stores the state of a ceremony under its challenge until the challenge TTL. */
    public Uni<Void> put(Ceremony ceremony, String challenge, PendingCeremony state) {
        return values.set(key(ceremony, challenge), write(state),
                new SetArgs().px(config.challengeTtl().toMillis()).nx());
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
