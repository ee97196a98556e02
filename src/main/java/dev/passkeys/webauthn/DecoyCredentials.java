package dev.passkeys.webauthn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;

import dev.passkeys.account.UserAccount;
import dev.passkeys.token.ServerSecrets;

/**
 * The credential that login options list for a username without an account: derived from the username
 * with a keyed hash, so repeated calls agree and the answer looks like a real account's.
 */
@Startup
@Singleton
public class DecoyCredentials {

    static final String SECRET_NAME = "decoy-credential-key";
    private static final Set<AuthenticatorTransport> TRANSPORTS =
            Set.of(AuthenticatorTransport.HYBRID, AuthenticatorTransport.INTERNAL);

    private final SecretKeySpec key;

    DecoyCredentials(ServerSecrets secrets) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        String stored = secrets.getOrCreate(SECRET_NAME, Base64.getEncoder().encodeToString(candidate));
        this.key = new SecretKeySpec(Base64.getDecoder().decode(stored), "HmacSHA256");
    }

    PublicKeyCredentialDescriptor forUsername(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] id = mac.doFinal(UserAccount.keyOf(username).getBytes(StandardCharsets.UTF_8));
            return PublicKeyCredentialDescriptor.builder().id(new ByteArray(id)).transports(TRANSPORTS).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
