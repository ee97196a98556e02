package dev.passkeys.config;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Refuses a {@code PASSKEY_*} value that cannot be converted to its type at all (a duration, a number or a switch),
 * naming the environment variable. A switch must say yes or no: SmallRye Config reads any other word as false, so
 * {@code PASSKEY_RATE_LIMIT_ENABLED=ture} would silently turn the rate limit off. SmallRye Config would refuse it too, but naming the property ({@code passkey.challenge-ttl})
 * rather than the variable the contract documents; its conversion runs before any bean, so {@link ConfigurationCheck}
 * never sees such a value.
 */
@Priority(Priorities.APPLICATION)
public class UnreadableSettings implements ConfigSourceInterceptor {

    private enum Kind {
        DURATION("an ISO-8601 duration such as PT5M, or a number with a unit such as 5m (ms, s, m, h, d)"),
        NUMBER("a whole number"),
        SWITCH("true or false (or yes/no, on/off, 1/0)");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    /** What SmallRye Config reads as true, and their opposites; it reads every other word as false. */
    private static final Set<String> SWITCH_WORDS = Set.of("true", "false", "yes", "no", "y", "n", "on", "off", "1", "0");

    /** Property name to kind, for every setting of {@link PasskeyConfig} whose conversion can fail. */
    private static final Map<String, Kind> TYPED = new HashMap<>();

    static {
        collect(PasskeyConfig.class, "passkey.");
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        Kind kind = TYPED.get(name);
        if (kind != null && value != null && value.getValue() != null && !value.getValue().isEmpty()) {
            check(name, value.getValue(), kind);
        }
        return value;
    }

    /** The same conversions SmallRye Config and Quarkus apply to the mapping. */
    private static void check(String name, String value, Kind kind) {
        try {
            switch (kind) {
                case DURATION -> DurationConverter.parseDuration(value);
                case NUMBER -> Integer.parseInt(value);
                case SWITCH -> {
                    if (!SWITCH_WORDS.contains(value.trim().toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException(value);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException(variable(name) + " must be " + kind.expected + ", got '" + value + "'");
        }
    }

    /** The environment variable of a property: {@code passkey.rate-limit.per-ip} is {@code PASSKEY_RATE_LIMIT_PER_IP}. */
    static String variable(String property) {
        return property.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    private static void collect(Class<?> group, String prefix) {
        for (Method setting : group.getDeclaredMethods()) {
            if (Modifier.isStatic(setting.getModifiers()) || setting.isDefault()) {
                continue;
            }
            String name = prefix + kebab(setting.getName());
            Class<?> type = setting.getReturnType();
            if (type == Duration.class) {
                TYPED.put(name, Kind.DURATION);
            } else if (type == int.class || type == Integer.class) {
                TYPED.put(name, Kind.NUMBER);
            } else if (type == boolean.class || type == Boolean.class) {
                TYPED.put(name, Kind.SWITCH);
            } else if (type.isInterface() && type.getEnclosingClass() == PasskeyConfig.class) {
                collect(type, name + ".");
            }
        }
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
