package dev.passkeys.webauthn;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;


import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;

import dev.passkeys.account.UserAccount;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.token.KeyedHash;
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

    private final KeyedHash hash;
    private final int maxPasskeys;

    DecoyCredentials(ServerSecrets secrets, PasskeyConfig config) {
        this.hash = KeyedHash.shared(secrets, SECRET_NAME);
        this.maxPasskeys = config.maxPasskeysPerUser();
    }

    /** The decoy credentials of this username, always the same ones in the same order. */
    Set<PublicKeyCredentialDescriptor> forUsername(String username) {
        String usernameKey = UserAccount.keyOf(username);
        int count = Math.min(count(hash.of("count\0" + usernameKey)[0] & 0xff), maxPasskeys);
        Set<PublicKeyCredentialDescriptor> decoys = new LinkedHashSet<>();
        // The first ID is the hash of the username alone: the decoy a username has always had.
        decoys.add(descriptor(hash.of(usernameKey)));
        for (int i = 1; i < count; i++) {
            decoys.add(descriptor(hash.of(usernameKey + "\0" + i)));
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
}
