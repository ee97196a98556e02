package dev.passkeys.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which origin may do what. Ceremonies accept every configured origin: {@code PASSKEY_ORIGINS} (web origins
 * and Android apps) and {@code PASSKEY_RELATED_ORIGINS}. Browsers send CORS requests only from web origins, so
 * the CORS allow-list is the web origins of both lists, never an Android app's.
 */
public final class Origins {

    /** How an Android app's origin starts in clientDataJSON: then the base64url SHA-256 of its signing certificate. */
    public static final String ANDROID_PREFIX = "android:apk-key-hash:";

    private Origins() {
    }

    public static boolean isAndroid(String origin) {
        return origin.startsWith(ANDROID_PREFIX);
    }

    /** Every origin a ceremony may come from, in configuration order. */
    public static Set<String> ceremony(PasskeyConfig config) {
        Set<String> origins = new LinkedHashSet<>(config.origins());
        origins.addAll(related(config));
        return Collections.unmodifiableSet(origins);
    }

    /** The web origins allowed to call the API from a browser: CORS. */
    public static Set<String> cors(PasskeyConfig config) {
        Set<String> origins = new LinkedHashSet<>();
        config.origins().stream().filter(origin -> !isAndroid(origin)).forEach(origins::add);
        origins.addAll(related(config));
        return Collections.unmodifiableSet(origins);
    }

    /** {@code PASSKEY_RELATED_ORIGINS}, possibly empty. */
    public static List<String> related(PasskeyConfig config) {
        return config.relatedOrigins().orElse(List.of());
    }
}
