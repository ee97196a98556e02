package dev.passkeys.webauthn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;

import dev.passkeys.account.UserAccount;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.token.ServerSecrets;

/**
 * The credentials that login options list for a username without an account: derived from the username with a
 * keyed hash shared by every replica, so repeated calls agree and the answer looks like a real account's, down to
 * how many passkeys it seems to hold.
 */
@Startup
@Singleton
public class DecoyCredentials {

    static final String SECRET_NAME = "decoy-credential-key";
    private static final Set<AuthenticatorTransport> TRANSPORTS =
            Set.of(AuthenticatorTransport.HYBRID, AuthenticatorTransport.INTERNAL);

    private final SecretKeySpec key;
    private final int maxPasskeys;

    DecoyCredentials(ServerSecrets secrets, PasskeyConfig config) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        String stored = secrets.getOrCreate(SECRET_NAME, Base64.getEncoder().encodeToString(candidate));
        this.key = new SecretKeySpec(Base64.getDecoder().decode(stored), "HmacSHA256");
        this.maxPasskeys = config.maxPasskeysPerUser();
    }

    /** The decoy credentials of this username, always the same ones in the same order. */
    Set<PublicKeyCredentialDescriptor> forUsername(String username) {
        String usernameKey = UserAccount.keyOf(username);
        int count = Math.min(count(mac("count\0" + usernameKey)[0] & 0xff), maxPasskeys);
        Set<PublicKeyCredentialDescriptor> decoys = new LinkedHashSet<>();
        // The first ID is the hash of the username alone: the decoy a username has always had.
        decoys.add(descriptor(mac(usernameKey)));
        for (int i = 1; i < count; i++) {
            decoys.add(descriptor(mac(usernameKey + "\0" + i)));
        }
        return Collections.unmodifiableSet(decoys);
    }

    /**
     * Most accounts hold one passkey, some a second or a third. The count comes from its own hash, never from the
     * IDs it lists: a count that could be computed from the IDs would tell a decoy from a real account.
     */
    private static int count(int uniform) {
        if (uniform < 166) {
            return 1;
        }
        return uniform < 230 ? 2 : 3;
    }

    private static PublicKeyCredentialDescriptor descriptor(byte[] id) {
        return PublicKeyCredentialDescriptor.builder().id(new ByteArray(id)).transports(TRANSPORTS).build();
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
