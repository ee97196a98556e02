package dev.passkeys.challenge;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the verify step needs back from the options step.
 *
 * @param request what the verify step verifies against: an added passkey's creation options as Yubico writes
 *     them, a login's request in a compact form of the webauthn package; null for a sign-up, whose options the
 *     verify step rebuilds from {@code signUp}, the configuration and the challenge
 * @param userId the account the ceremony was started for, when known (adding a passkey; a username-first login
 *     stored before {@code usernameTag} existed)
 * @param signUp the new account of a sign-up, created only when the ceremony completes
 * @param conditionalCreate true for a conditional create (a signed-in caller's passkey made without a prompt),
 *     the one ceremony that may complete without user presence; null (as stored before it existed) is false
 * @param enrollmentTicket the hash of the admin API's enrollment ticket this ceremony was started with: the
 *     verify step consumes it, adds the passkey to {@code userId}'s account and signs the user in; null otherwise
 * @param usernameTag a username-first login's keyed hash of the username it was asked for, which the credential's
 *     owner must match; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingCeremony(String request, UUID userId, SignUp signUp, Boolean conditionalCreate,
        String enrollmentTicket, String usernameTag) {

    public PendingCeremony(String request, UUID userId, SignUp signUp, Boolean conditionalCreate,
            String enrollmentTicket) {
        this(request, userId, signUp, conditionalCreate, enrollmentTicket, null);
    }

    public PendingCeremony(String request, UUID userId, SignUp signUp) {
        this(request, userId, signUp, null, null, null);
    }

    /** A pending login: its request, and for a username-first one the tag of the username it was asked for. */
    public static PendingCeremony login(String request, String usernameTag) {
        return new PendingCeremony(request, null, null, null, null, usernameTag);
    }

    /** Whether this is a conditional create. */
    public boolean conditional() {
        return Boolean.TRUE.equals(conditionalCreate);
    }

    /** A pending sign-up: nothing exists in the database until register-verify succeeds. */
    public record SignUp(String username, String displayName, String userHandle) {
    }
}
