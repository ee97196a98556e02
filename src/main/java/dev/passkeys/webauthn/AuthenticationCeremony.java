package dev.passkeys.webauthn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final CeremonyFailures failures;
    private final CeremonyMetrics metrics;
    private final AuditTrail audit;
    private final long timeoutMillis;

    AuthenticationCeremony(RelyingParties relyingParties, ChallengeStore challenges, CeremonyLookups logins,
            Sessions sessions, DecoyCredentials decoys, PasskeyConfig config,
            CeremonyMetrics metrics, AuditTrail audit) {
        this.metrics = metrics;
        this.audit = audit;
        this.relyingParties = relyingParties;
        this.challenges = challenges;
        this.logins = logins;
        this.sessions = sessions;
        this.decoys = decoys;
        this.failures = new CeremonyFailures(relyingParties);
        this.timeoutMillis = config.challengeTtl().toMillis();
    }

    /**
     * login-options. A username without an account gets options listing decoy credentials, so the answer
     * does not tell whether the account exists.
     */
    public Uni<ObjectNode> options(LoginOptionsRequest body) {
        if (body.username() == null) {
            return start(CeremonyCredentials.empty(), StartAssertionOptions.builder(), null);
        }
        String username = TextFields.username(body.username());
        // An account without passkeys (the admin API's, before enrollment) looks like no account at all.
        return logins.passkeysByUsername(username).chain(passkeys -> passkeys.isEmpty() ? decoy(username)
                : start(CeremonyCredentials.of(passkeys.get(0).user, passkeys),
                        StartAssertionOptions.builder().username(passkeys.get(0).user.username), passkeys.get(0).user));
    }

    private Uni<ObjectNode> decoy(String username) {
        return start(CeremonyCredentials.decoy(username, decoys.forUsername(username)),
                StartAssertionOptions.builder().username(username), null);
    }

    private Uni<ObjectNode> start(CeremonyCredentials credentials, StartAssertionOptions.StartAssertionOptionsBuilder options,
            UserAccount user) {
        AssertionRequest request = relyingParties.over(credentials, party -> party.startAssertion(options
                .userVerification(UserVerificationRequirement.PREFERRED)
                .timeout(timeoutMillis)
                .hints(relyingParties.hints())
                .build()));
        ObjectNode json = ResponseJson.optionsJson(request.getPublicKeyCredentialRequestOptions());
        String stored = StoredAssertionRequest.write(request);
        if (!json.has("allowCredentials")) {
            json.putArray("allowCredentials");
        }
        String challenge = request.getPublicKeyCredentialRequestOptions().getChallenge().getBase64Url();
        return challenges.put(Ceremony.AUTHENTICATION, challenge,
                new PendingCeremony(stored, user == null ? null : user.id, null))
                .invoke(() -> metrics.started(CeremonyMetrics.Type.AUTHENTICATION))
                .replaceWith(json);
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
        if (request.getUsername().isPresent() && !passkey.user.id.equals(state.userId())) {
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
