package dev.passkeys.webauthn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import jakarta.inject.Singleton;

import dev.passkeys.token.KeyedHash;
import dev.passkeys.token.ServerSecrets;
import io.quarkus.runtime.Startup;

/**
 * What a pending username-first login keeps of the username it was asked for: a keyed hash of the username's key.
 * login-verify checks the credential's owner against it, while Redis holds nothing that names the user (erasing an
 * account leaves no username behind; the tag, unreadable without the replicas' shared key, expires with its
 * challenge). It lets login-options store its challenge before it knows whether the account exists.
 */
@Startup
@Singleton
public class UsernameTags {

    static final String SECRET_NAME = "login-username-tag-key";
    private static final int TAG_BYTES = 16;

    private final KeyedHash hash;

    UsernameTags(ServerSecrets secrets) {
        this.hash = KeyedHash.shared(secrets, SECRET_NAME);
    }

    /** The tag of the username whose key ({@code UserAccount.keyOf}) this is, in base64url. */
    String of(String usernameKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash.of(usernameKey), TAG_BYTES));
    }

    /** Whether a stored tag was made from this username key; false for none. */
    boolean matches(String tag, String usernameKey) {
        return tag != null && MessageDigest.isEqual(tag.getBytes(StandardCharsets.US_ASCII),
                of(usernameKey).getBytes(StandardCharsets.US_ASCII));
    }
}
