package dev.passkeys.webauthn;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.data.exception.Base64UrlException;

/**
 * A login's assertion request as kept in Redis until login-verify: only what configuration cannot rebuild, whether
 * the login was username-first. The challenge is the Redis key itself. No username: a pending login holds random
 * identifiers and a keyed hash only, so erasing an account leaves no personal data behind in Redis (the account a
 * username-first login was started for, {@code PendingCeremony.usernameTag}, is checked against the credential's
 * owner). Short member names keep an abandoned login well under 200 bytes of Redis memory.
 *
 * @param usernameFirst 1 when the options were asked for a username; null for a usernameless login
 * @param allowCredentials the base64url credential IDs the options allowed, as earlier versions stored them (read for
 *     the logins they left pending); login-options now stores none, since it writes the challenge while it reads the
 *     account's passkeys
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record StoredAssertionRequest(@JsonProperty("f") Integer usernameFirst, @JsonProperty("a") List<String> allowCredentials) {

    /** The login as login-options stores it: whether it is username-first, and no allowed IDs. */
    static String write(AssertionRequest request) {
        return ResponseJson.write(new StoredAssertionRequest(request.getUsername().isPresent() ? 1 : null, List.of()));
    }

    /**
     * The request as login-options issued it (the members Yubico verifies against), for this challenge.
     *
     * @param username the username a username-first login is completed for: the owner of the presented credential,
     *     once it is known to be the account the options were issued for
     */
    static AssertionRequest read(String stored, String challenge, String rpId, long timeoutMillis, String username) {
        StoredAssertionRequest state = ResponseJson.read(stored, StoredAssertionRequest.class);
        var options = PublicKeyCredentialRequestOptions.builder()
                .challenge(bytes(challenge))
                .timeout(timeoutMillis)
                .rpId(rpId)
                .userVerification(UserVerificationRequirement.PREFERRED);
        if (state.allowCredentials() != null && !state.allowCredentials().isEmpty()) {
            options.allowCredentials(state.allowCredentials().stream()
                    .map(id -> PublicKeyCredentialDescriptor.builder().id(bytes(id)).build()).toList());
        }
        return AssertionRequest.builder().publicKeyCredentialRequestOptions(options.build())
                .username(state.usernameFirst() == null ? Optional.empty() : Optional.ofNullable(username)).build();
    }

    private static ByteArray bytes(String base64url) {
        try {
            return ByteArray.fromBase64Url(base64url);
        } catch (Base64UrlException e) {
            throw new IllegalStateException("A stored login request is not readable", e);
        }
    }
}
