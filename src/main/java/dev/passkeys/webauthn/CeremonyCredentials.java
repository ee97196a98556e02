package dev.passkeys.webauthn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.exception.Base64UrlException;

import dev.passkeys.account.Passkey;
import dev.passkeys.account.UserAccount;

/**
 * The in-memory view of the credentials one ceremony may touch, loaded reactively beforehand: Yubico's
 * repository interface is synchronous and must never reach the database from the event loop.
 *
 * @param username the name a username-first ceremony was started with, when there is one
 * @param user the account the view is about, when known
 * @param passkeys passkeys of that account the ceremony may use
 * @param decoys credential descriptors offered for a username that has no account
 */
record CeremonyCredentials(String username, UserAccount user, List<Passkey> passkeys,
        Set<PublicKeyCredentialDescriptor> decoys) implements CredentialRepository {

    static CeremonyCredentials empty() {
        return new CeremonyCredentials(null, null, List.of(), Set.of());
    }

    static CeremonyCredentials of(UserAccount user, List<Passkey> passkeys) {
        return new CeremonyCredentials(user.username, user, passkeys, Set.of());
    }

    static CeremonyCredentials decoy(String username, Set<PublicKeyCredentialDescriptor> decoys) {
        return new CeremonyCredentials(username, null, List.of(), decoys);
    }

    @Override
    public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String name) {
        if (!isFor(name)) {
            return Set.of();
        }
        if (user == null) {
            return decoys;
        }
        // In the order of the list (Yubico lists them as the set iterates): the same on every replica.
        return passkeys.stream().map(CeremonyCredentials::descriptor).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public Optional<ByteArray> getUserHandleForUsername(String name) {
        return user != null && isFor(name) ? Optional.of(bytes(user.userHandle)) : Optional.empty();
    }

    @Override
    public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
        return user != null && bytes(user.userHandle).equals(userHandle) ? Optional.of(user.username) : Optional.empty();
    }

    @Override
    public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
        if (user == null || !bytes(user.userHandle).equals(userHandle)) {
            return Optional.empty();
        }
        return passkeys.stream()
                .filter(passkey -> passkey.credentialId.equals(credentialId.getBase64Url()))
                .findFirst()
                .map(this::registered);
    }

    @Override
    public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
        return passkeys.stream()
                .filter(passkey -> passkey.credentialId.equals(credentialId.getBase64Url()))
                .map(this::registered)
                .collect(Collectors.toUnmodifiableSet());
    }

    private boolean isFor(String name) {
        return username != null && UserAccount.keyOf(username).equals(UserAccount.keyOf(name));
    }

    private RegisteredCredential registered(Passkey passkey) {
        return RegisteredCredential.builder()
                .credentialId(bytes(passkey.credentialId))
                .userHandle(bytes(user.userHandle))
                .publicKeyCose(new ByteArray(passkey.publicKeyCose))
                .signatureCount(passkey.signatureCount)
                .backupEligible(passkey.backupEligible)
                .backupState(passkey.backedUp)
                .build();
    }

    static PublicKeyCredentialDescriptor descriptor(Passkey passkey) {
        return PublicKeyCredentialDescriptor.builder()
                .id(bytes(passkey.credentialId))
                .transports(passkey.transportList().stream()
                        .map(AuthenticatorTransport::of)
                        .collect(Collectors.toUnmodifiableSet()))
                .build();
    }

    static ByteArray bytes(String base64Url) {
        try {
            return ByteArray.fromBase64Url(base64Url);
        } catch (Base64UrlException e) {
            throw new IllegalStateException("A stored identifier is not base64url", e);
        }
    }
}
