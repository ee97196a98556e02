package dev.passkeys.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The native apps allowed to use this RP ID's passkeys, read from {@code PASSKEY_ANDROID_APPS} and
 * {@code PASSKEY_APPLE_APP_IDS}. Parsing refuses a malformed entry with {@link IllegalArgumentException}, whose
 * message {@link ConfigurationCheck} turns into a start-up failure naming the variable.
 */
public final class AssociatedApps {

    private static final Pattern ANDROID_PACKAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");
    private static final Pattern SHA256_FINGERPRINT = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){31}");
    private static final Pattern APPLE_APP_ID = Pattern.compile("[A-Z0-9]{10}\\.[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

    private AssociatedApps() {
    }

    /** An Android app: its package name and the SHA-256 fingerprints of the certificates that sign it. */
    public record AndroidApp(String packageName, List<String> sha256CertFingerprints) {
    }

    /**
     * {@code PASSKEY_ANDROID_APPS}, one entry per package in configuration order, each with its fingerprints
     * (upper-case hex pairs separated by colons, as {@code keytool} and the Play Console print them).
     */
    public static List<AndroidApp> android(PasskeyConfig config) {
        Map<String, Set<String>> fingerprints = new LinkedHashMap<>();
        for (String entry : config.androidApps().orElse(List.of())) {
            int colon = entry.indexOf(':');
            String packageName = colon < 0 ? entry : entry.substring(0, colon).trim();
            String fingerprint = colon < 0 ? "" : entry.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
            if (!ANDROID_PACKAGE.matcher(packageName).matches()) {
                throw new IllegalArgumentException("'" + entry + "' must be package:SHA256-fingerprint, and '"
                        + packageName + "' is not an Android package name");
            }
            if (!SHA256_FINGERPRINT.matcher(fingerprint).matches()) {
                throw new IllegalArgumentException("'" + entry + "' must be package:SHA256-fingerprint, the fingerprint "
                        + "being 32 hex pairs separated by colons (keytool -list -v prints it as 'SHA256:')");
            }
            fingerprints.computeIfAbsent(packageName, name -> new LinkedHashSet<>()).add(fingerprint);
        }
        List<AndroidApp> apps = new ArrayList<>();
        fingerprints.forEach((name, prints) -> apps.add(new AndroidApp(name, List.copyOf(prints))));
        return List.copyOf(apps);
    }

    /** {@code PASSKEY_APPLE_APP_IDS}: application identifiers, {@code TEAMID.bundle.id}, without duplicates. */
    public static List<String> apple(PasskeyConfig config) {
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : config.appleAppIds().orElse(List.of())) {
            String id = entry.trim();
            if (!APPLE_APP_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("'" + entry + "' must be TEAMID.bundle.id: the 10-character "
                        + "Team ID, a dot, then the app's bundle identifier (e.g. ABCDE12345.com.example.app)");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }
}
