package dev.passkeys.frontend;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A product with every kind of frontend: the RP ID's own web origin, two related origins on other domains, an
 * Android app (its apk-key-hash origin, and two packages in the asset links), two Apple apps, and hints.
 */
public class FrontendsProfile implements QuarkusTestProfile {

    /** Google's documentation example: a signing certificate's SHA-256 as keytool prints it... */
    static final String FINGERPRINT = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";
    /** ...and the same 32 bytes as the app's origin in clientDataJSON. */
    static final String ANDROID_ORIGIN = "android:apk-key-hash:FG3pg8VzBlDY7rmVLzT8ZBagg0LmHb6oigSWsj_PROU";
    static final String SECOND_FINGERPRINT = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
    static final String SHOP = "https://shop.example.org";
    static final String UK = "https://example.co.uk";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "passkey.origins", "http://localhost:8080," + ANDROID_ORIGIN,
                "passkey.related-origins", SHOP + "," + UK,
                "passkey.android-apps", "com.example.app:" + FINGERPRINT + ",com.example.app:"
                        + SECOND_FINGERPRINT.toLowerCase() + ",com.example.wallet:" + FINGERPRINT,
                "passkey.apple-app-ids", "ABCDE12345.com.example.app,ABCDE12345.com.example.app.beta",
                "passkey.hints", "client-device,hybrid");
    }
}
