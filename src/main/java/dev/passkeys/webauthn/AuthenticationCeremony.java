package dev.passkeys.webauthn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;

import dev.passkeys.account.CeremonyLookups;
import dev.passkeys.account.Passkey;
import dev.passkeys.account.UserAccount;
import dev.passkeys.account.UserView;
import dev.passkeys.api.Client;
import dev.passkeys.api.Problem;
import dev.passkeys.audit.AuditEvent;
import dev.passkeys.audit.AuditEventType;
import dev.passkeys.audit.AuditTrail;
import dev.passkeys.challenge.Ceremony;
import dev.passkeys.challenge.ChallengeStore;
import dev.passkeys.challenge.PendingCeremony;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.session.PasskeyUse;
import dev.passkeys.session.Sessions;
import io.smallrye.mutiny.Uni;

/** Login, username-first and usernameless: login-options, then login-verify. Every failure is a 401. */
@ApplicationScoped
public class AuthenticationCeremony {

    private static final String COUNTER_REGRESSION = "counter_regression";
    /** How Yubico's {@code finishAssertion} words a signature counter that did not increase. */
    private static final String YUBICO_COUNTER_FAILURE = "Signature counter must increase";

    private final RelyingParties relyingParties;
    private final ChallengeStore challenges;
    private final CeremonyLookups logins;
    private final Sessions sessions;
    private final DecoyCredentials decoys;
    private final UsernameTags usernameTags;
    private final CeremonyFailures failures;
    private final CeremonyMetrics metrics;
    private final AuditTrail audit;
    private final long timeoutMillis;

    AuthenticationCeremony(RelyingParties relyingParties, ChallengeStore challenges, CeremonyLookups logins,
            Sessions sessions, DecoyCredentials decoys, UsernameTags usernameTags, PasskeyConfig config,
            CeremonyMetrics metrics, AuditTrail audit) {
        this.metrics = metrics;
        this.audit = audit;
        this.relyingParties = relyingParties;
        this.challenges = challenges;
        this.logins = logins;
        this.sessions = sessions;
        this.decoys = decoys;
        this.usernameTags = usernameTags;
        this.failures = new CeremonyFailures(relyingParties);
        this.timeoutMillis = config.challengeTtl().toMillis();
    }

    /**
     * login-options. A username without an account gets options listing decoy credentials, so the answer
     * does not tell whether the account exists.
     */
    public Uni<ObjectNode> options(LoginOptionsRequest body) {
        if (body.username() == null) {
            AssertionRequest request = startAssertion(StartAssertionOptions.builder());
            return challenges.put(Ceremony.AUTHENTICATION, challengeOf(request),
                            PendingCeremony.login(StoredAssertionRequest.write(request), null))
                    .map(stored -> started(request, Set.of()));
        }
        String username = TextFields.username(body.username());
        AssertionRequest request = startAssertion(StartAssertionOptions.builder().username(username));
        String challenge = challengeOf(request);
        // The account's passkeys are read while the challenge is written, one round trip less per login: the pending
        // login names the account by its username's tag, which needs no lookup, and login-verify checks the
        // credential's owner against it. When either fails, the challenge is deleted or, at worst, left to expire.
        Uni<Void> stored = challenges.put(Ceremony.AUTHENTICATION, challenge,
                PendingCeremony.login(StoredAssertionRequest.write(request), usernameTags.of(UserAccount.keyOf(username))));
        return Uni.combine().all().unis(logins.passkeysByUsername(username), stored).with((passkeys, ignored) -> passkeys)
                .onFailure().call(() -> challenges.discard(Ceremony.AUTHENTICATION, challenge).onFailure().recoverWithNull())
                .map(passkeys -> started(request, allowed(username, passkeys)));
    }

    /** The options' challenge (and, for a username-first login, its username), before any lookup. */
    private AssertionRequest startAssertion(StartAssertionOptions.StartAssertionOptionsBuilder options) {
        return relyingParties.over(CeremonyCredentials.empty(), party -> party.startAssertion(options
                .userVerification(UserVerificationRequirement.PREFERRED)
                .timeout(timeoutMillis)
                .hints(relyingParties.hints())
                .build()));
    }

    private static String challengeOf(AssertionRequest request) {
        return request.getPublicKeyCredentialRequestOptions().getChallenge().getBase64Url();
    }

    /** The credentials a username-first login allows: the account's passkeys, or a username's decoys. */
    private Set<PublicKeyCredentialDescriptor> allowed(String username, List<Passkey> passkeys) {
        // An account without passkeys (the admin API's, before enrollment) looks like no account at all.
        if (passkeys.isEmpty()) {
            return decoys.forUsername(username);
        }
        UserAccount user = passkeys.get(0).user;
        return CeremonyCredentials.of(user, passkeys).getCredentialIdsForUsername(user.username);
    }

    /** The options as login-options answers them, counted as a started ceremony. */
    private ObjectNode started(AssertionRequest request, Set<PublicKeyCredentialDescriptor> allowed) {
        var options = request.getPublicKeyCredentialRequestOptions();
        ObjectNode json = ResponseJson.optionsJson(allowed.isEmpty() ? options
                : options.toBuilder().allowCredentials(List.copyOf(allowed)).build());
        if (!json.has("allowCredentials")) {
            json.putArray("allowCredentials");
        }
        metrics.started(CeremonyMetrics.Type.AUTHENTICATION);
        return json;
    }

    /** login-verify: the token response; a 401 with a precise code otherwise. */
    public Uni<SignedIn.Login> verify(Client client, LoginVerifyRequest body) {
        Attempt attempt = new Attempt();
        return metrics.<SignedIn.Login>completed(CeremonyMetrics.Type.AUTHENTICATION, () -> verifyResponse(body, attempt))
                .invoke(login -> audit.record(AuditEvent.of(AuditEventType.LOGIN_SUCCESS, login.user().id(),
                        attempt.credentialId, client)))
                .onFailure(Problem.class).invoke(failure -> recordFailure((Problem) failure, attempt, client));
    }

    /** What a login attempt has told so far: who it was, for the audit trail. */
    private static final class Attempt {
        String credentialId;
        UUID userId;
    }

    private void recordFailure(Problem problem, Attempt attempt, Client client) {
        audit.record(new AuditEvent(AuditEventType.LOGIN_FAILURE, attempt.userId, attempt.credentialId, problem.code(), client));
        if (COUNTER_REGRESSION.equals(problem.code())) {
            audit.record(AuditEvent.of(AuditEventType.COUNTER_REGRESSION, attempt.userId, attempt.credentialId, client));
        }
    }

    private Uni<SignedIn.Login> verifyResponse(LoginVerifyRequest body, Attempt attempt) {
        var credential = ResponseJson.assertion(body.credential());
        String challenge = credential.getResponse().getClientData().getChallenge().getBase64Url();
        String credentialId = credential.getId().getBase64Url();
        attempt.credentialId = credentialId;
        // Independent lookups, side by side: the challenge (Redis) and the credential (PostgreSQL).
        return Uni.combine().all()
                .unis(challenges.take(Ceremony.AUTHENTICATION, challenge), logins.passkeyWithUser(credentialId))
                .with((pending, passkey) -> {
                    attempt.userId = passkey == null ? null : passkey.user.id;
                    return pending.map(state -> verifyAgainst(state, challenge, credential, passkey))
                            .orElseThrow(() -> Problem.unauthorized("challenge_expired",
                                    "The challenge is unknown, expired, already used or not a login challenge; start again"));
                })
                .chain(result -> result)
                .onFailure(AuthenticationCeremony::isCounterRegression)
                .call(() -> logins.markSuspect(credentialId).onFailure().recoverWithNull());
    }

    private Uni<SignedIn.Login> verifyAgainst(PendingCeremony state, String challenge,
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential,
            Passkey passkey) {
        AssertionRequest request = StoredAssertionRequest.read(state.request(), challenge, relyingParties.rpId(),
                timeoutMillis, passkey == null ? null : passkey.user.username);
        checkCandidate(request, state, credential, passkey);
        AssertionResult result = finish(request, credential, passkey);
        PasskeyUse use = new PasskeyUse(passkey.signatureCount, result.getSignatureCount(), result.isBackedUp());
        return sessions.startAfterLogin(passkey.user, passkey.credentialId, result.isUserVerified(), use)
                .map(token -> SignedIn.Login.of(token.orElseThrow(AuthenticationCeremony::counterRegression),
                        UserView.of(passkey.user)));
    }

    private static boolean isCounterRegression(Throwable failure) {
        return failure instanceof Problem problem && COUNTER_REGRESSION.equals(problem.code());
    }

    /** The checks that need the stored passkey, before any cryptography. */
    private void checkCandidate(AssertionRequest request, PendingCeremony state,
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential,
            Passkey passkey) {
        var response = credential.getResponse();
        Problem clientData = failures.clientData(response.getClientData(), "webauthn.get", Problem::unauthorized);
        if (clientData != null) {
            throw clientData;
        }
        if (passkey == null) {
            throw new Problem(401, "unknown_credential", "This credential is not registered (it may have been deleted)",
                    Map.of("unknownCredentialId", credential.getId().getBase64Url()));
        }
        if (request.getUsername().isPresent() && !startedFor(state, passkey.user)) {
            throw Problem.unauthorized("credential_not_allowed",
                    "This credential is not one of those the login options allowed");
        }
        Optional<ByteArray> userHandle = response.getUserHandle();
        if (userHandle.isPresent() && !userHandle.get().equals(CeremonyCredentials.bytes(passkey.user.userHandle))) {
            throw Problem.unauthorized("user_handle_mismatch", "The user handle does not belong to this credential");
        }
        if (userHandle.isEmpty() && request.getUsername().isEmpty()) {
            throw Problem.unauthorized("user_handle_missing",
                    "A usernameless login needs the user handle of a discoverable credential");
        }
    }

    /**
     * Whether a username-first login's options were asked for this account: by its username's tag, or by its ID for
     * a login pending from before the tags (a decoy's had neither).
     */
    private boolean startedFor(PendingCeremony state, UserAccount user) {
        return state.userId() != null ? user.id.equals(state.userId())
                : usernameTags.matches(state.usernameTag(), user.usernameKey);
    }

    private AssertionResult finish(AssertionRequest request,
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential, Passkey passkey) {
        try {
            AssertionResult result = relyingParties.over(CeremonyCredentials.of(passkey.user, List.of(passkey)),
                    party -> party.finishAssertion(FinishAssertionOptions.builder().request(request).response(credential).build()));
            if (!result.isSuccess()) {
                throw Problem.unauthorized("verification_failed", "The authentication response does not verify");
            }
            return result;
        } catch (AssertionFailedException | RuntimeException e) {
            if (e instanceof Problem problem) {
                throw problem;
            }
            // Yubico wraps what the crypto provider throws for a signature it cannot even parse (truncated, garbled,
            // not DER) in a bare RuntimeException ("Failed to verify signature"): a bad signature all the same.
            throw explain(credential, passkey, e);
        }
    }

    private Problem explain(PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential,
            Passkey passkey, Exception e) {
        var data = credential.getResponse().getParsedAuthenticatorData();
        Problem known = failures.authenticatorData(data, Problem::unauthorized);
        if (known != null) {
            return known;
        }
        String reason = CeremonyFailures.reason(e);
        // Yubico checks the counter only after the signature verified: a forged assertion with a low counter is a
        // bad signature, and must never mark the passkey suspect.
        if (reason.contains(YUBICO_COUNTER_FAILURE)) {
            return counterRegression();
        }
        return reason.toLowerCase(java.util.Locale.ROOT).contains("signature")
                ? Problem.unauthorized("signature_invalid", "The assertion signature does not verify")
                : Problem.unauthorized("verification_failed", "The authentication response does not verify: " + reason);
    }

    private static Problem counterRegression() {
        return Problem.unauthorized(COUNTER_REGRESSION,
                "The signature counter did not increase: the authenticator may be cloned");
    }
}
