package dev.passkeys.webauthn;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.RegistrationFailedException;

import dev.passkeys.account.AccountService;
import dev.passkeys.admin.EnrollmentTickets;
import dev.passkeys.account.AccountStore;
import dev.passkeys.account.CeremonyLookups;
import dev.passkeys.account.Passkey;
import dev.passkeys.account.PasskeyView;
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
import dev.passkeys.session.Sessions;
import dev.passkeys.token.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Sign-up and adding a passkey: register-options, then register-verify. */
@ApplicationScoped
public class RegistrationCeremony {

    private static final int USER_HANDLE_BYTES = 32;
    private static final int MAX_TRANSPORTS_LENGTH = 255;
    /** WebAuthn: credential IDs are at most 1023 bytes. */
    private static final int MAX_CREDENTIAL_ID_BYTES = 1023;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RelyingParties relyingParties;
    private final ChallengeStore challenges;
    private final AccountStore accounts;
    private final CeremonyLookups lookups;
    private final Sessions sessions;
    private final ProviderNames providerNames;
    private final CeremonyFailures failures;
    private final CeremonyMetrics metrics;
    private final AuditTrail audit;
    private final EnrollmentTickets tickets;
    private final long timeoutMillis;
    private final int maxPasskeys;
    /** A sign-up's options but for its user and challenge: the same for every sign-up of this deployment. */
    private final PublicKeyCredentialCreationOptions signUpTemplate;

    RegistrationCeremony(RelyingParties relyingParties, ChallengeStore challenges, AccountStore accounts,
            Sessions sessions, ProviderNames providerNames, PasskeyConfig config,
            CeremonyMetrics metrics, AuditTrail audit, EnrollmentTickets tickets, CeremonyLookups lookups) {
        this.tickets = tickets;
        this.lookups = lookups;
        this.metrics = metrics;
        this.audit = audit;
        this.relyingParties = relyingParties;
        this.challenges = challenges;
        this.accounts = accounts;
        this.sessions = sessions;
        this.providerNames = providerNames;
        this.failures = new CeremonyFailures(relyingParties);
        this.timeoutMillis = config.challengeTtl().toMillis();
        this.maxPasskeys = config.maxPasskeysPerUser();
        this.signUpTemplate = creationOptions(CeremonyCredentials.empty(), UserIdentity.builder().name("template")
                .displayName("template").id(new ByteArray(new byte[USER_HANDLE_BYTES])).build());
    }

    /**
     * register-options: a sign-up without a caller, adding a passkey to the caller's account with one; with
     * {@code "mediation": "conditional"}, adding one in a conditional create (signed-in callers only). A sign-up
     * reads and writes through the SQL client and Redis only; the branches on existing accounts open an ORM session.
     */
    public Uni<ObjectNode> options(Optional<Caller> caller, RegistrationOptionsRequest body) {
        boolean conditional = body.conditional();
        if (body.enrollmentTicket() != null) {
            if (caller.isPresent() || body.username() != null || body.displayName() != null || conditional) {
                throw Problem.invalidRequest("An enrollmentTicket comes alone: without a bearer token, username, "
                        + "displayName or mediation");
            }
            String ticketHash = EnrollmentTickets.hashOf(body.enrollmentTicket());
            return Panache.withSession(() -> enrollmentOptions(ticketHash));
        }
        if (conditional && caller.isEmpty()) {
            throw Problem.unauthorized("unauthorized",
                    "A conditional create adds a passkey to a signed-in account: send its bearer token");
        }
        return caller.isPresent() ? Panache.withSession(() -> addPasskeyOptions(caller.get(), conditional))
                : signUpOptions(body);
    }

    private Uni<ObjectNode> signUpOptions(RegistrationOptionsRequest body) {
        String username = TextFields.username(body.username());
        String displayName = TextFields.displayName(body.displayName(), username);
        byte[] handle = new byte[USER_HANDLE_BYTES];
        RANDOM.nextBytes(handle);
        ByteArray userHandle = new ByteArray(handle);
        UserIdentity user = UserIdentity.builder().name(username).displayName(displayName).id(userHandle).build();
        var signUp = new PendingCeremony.SignUp(username, displayName, userHandle.getBase64Url());
        PublicKeyCredentialCreationOptions request = creationOptions(CeremonyCredentials.empty(), user);
        String challenge = request.getChallenge().getBase64Url();
        // The username check and the challenge's write go side by side, one round trip less per sign-up. For a taken
        // username the challenge is deleted before the 409; when either fails, it is deleted too or, at worst, left to
        // expire (no client ever held it). No options are stored: register-verify rebuilds a sign-up's from its
        // pending account, which saves writing and reading them as JSON.
        Uni<Void> stored = challenges.put(Ceremony.REGISTRATION, challenge,
                new PendingCeremony(null, null, signUp, null, null));
        return Uni.combine().all().unis(lookups.usernameTaken(username), stored).with((taken, ignored) -> taken)
                .onFailure().call(() -> discard(challenge))
                .chain(taken -> taken ? discard(challenge).chain(() -> Uni.createFrom().failure(usernameTaken()))
                        : Uni.createFrom().item(started(request)));
    }

    /** Deletes a challenge that will not be answered; a failure here leaves it to expire with its TTL. */
    private Uni<Void> discard(String challenge) {
        return challenges.discard(Ceremony.REGISTRATION, challenge).onFailure().recoverWithNull();
    }

    private Uni<ObjectNode> addPasskeyOptions(Caller caller, boolean conditional) {
        return accounts.user(caller.userId()).chain(user -> {
            if (user == null) {
                throw AccountService.accountGone();
            }
            return addPasskeyOptions(user, conditional, null);
        });
    }

    /** Options for the user of a live enrollment ticket, whose verify step will use the ticket up. */
    private Uni<ObjectNode> enrollmentOptions(String ticketHash) {
        return tickets.userOf(ticketHash).chain(accounts::user).chain(user -> {
            if (user == null) {
                throw EnrollmentTickets.invalid();
            }
            return addPasskeyOptions(user, false, ticketHash);
        });
    }

    private Uni<ObjectNode> addPasskeyOptions(UserAccount user, boolean conditional, String ticketHash) {
        return accounts.passkeysOf(user.id).chain(passkeys -> {
            if (passkeys.size() >= maxPasskeys) {
                throw tooManyPasskeys();
            }
            UserIdentity identity = UserIdentity.builder().name(user.username).displayName(user.displayName)
                    .id(CeremonyCredentials.bytes(user.userHandle)).build();
            return start(CeremonyCredentials.of(user, passkeys), identity, user.id, conditional, ticketHash);
        });
    }

    /**
     * The options, the same for every kind of registration: a conditional create differs only in what the
     * verify step accepts. {@code userVerification} stays "preferred", which a conditional create needs.
     */
    private Uni<ObjectNode> start(CeremonyCredentials credentials, UserIdentity user, UUID userId,
            boolean conditional, String ticketHash) {
        PublicKeyCredentialCreationOptions request = creationOptions(credentials, user);
        return challenges.put(Ceremony.REGISTRATION, request.getChallenge().getBase64Url(),
                new PendingCeremony(ResponseJson.write(request), userId, null, conditional ? Boolean.TRUE : null,
                        ticketHash))
                .map(stored -> started(request));
    }

    /** The options as register-options answers them, counted as a started ceremony. */
    private ObjectNode started(PublicKeyCredentialCreationOptions request) {
        ObjectNode options = ResponseJson.optionsJson(request);
        if (!options.has("excludeCredentials")) {
            options.putArray("excludeCredentials");
        }
        metrics.started(CeremonyMetrics.Type.REGISTRATION);
        return options;
    }

    private PublicKeyCredentialCreationOptions creationOptions(CeremonyCredentials credentials, UserIdentity user) {
        return relyingParties.over(credentials, party -> party.startRegistration(StartRegistrationOptions.builder()
                .user(user)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.PREFERRED)
                        .build())
                .timeout(timeoutMillis)
                .hints(relyingParties.hints())
                .build()));
    }

    /** The options register-options gave a sign-up, for its challenge. */
    private PublicKeyCredentialCreationOptions signUpOptions(PendingCeremony.SignUp signUp, String challenge) {
        UserIdentity user = UserIdentity.builder().name(signUp.username()).displayName(signUp.displayName())
                .id(CeremonyCredentials.bytes(signUp.userHandle())).build();
        // One build: each one checks every algorithm against the crypto providers.
        return signUpTemplate.toBuilder().user(user).challenge(CeremonyCredentials.bytes(challenge)).build();
    }

    /** register-verify: 201 with the new passkey, and a token when it completes a sign-up. */
    public Uni<SignedIn.Registration> verify(Client client, Optional<Caller> caller, RegistrationVerifyRequest body) {
        return metrics.<SignedIn.Registration>completed(CeremonyMetrics.Type.REGISTRATION, () -> verifyResponse(caller, body))
                .invoke(registered -> audit.record(auditEvent(registered, client)));
    }

    private static AuditEvent auditEvent(SignedIn.Registration registered, Client client) {
        if (registered instanceof SignedIn.SignUp signUp) {
            return AuditEvent.of(AuditEventType.SIGN_UP, signUp.user().id(), signUp.passkey().id(), client);
        }
        if (registered instanceof SignedIn.Enrolled enrolled) {
            return AuditEvent.of(AuditEventType.ENROLLMENT_TICKET_USED, enrolled.user().id(), enrolled.passkey().id(),
                    client);
        }
        SignedIn.PasskeyAdded added = (SignedIn.PasskeyAdded) registered;
        return AuditEvent.of(AuditEventType.PASSKEY_ADDED, added.user().id(), added.passkey().id(), client);
    }

    private Uni<SignedIn.Registration> verifyResponse(Optional<Caller> caller, RegistrationVerifyRequest body) {
        String name = TextFields.optionalPasskeyName(body.name());
        var credential = ResponseJson.registration(body.credential());
        if (credential.getId().size() > MAX_CREDENTIAL_ID_BYTES) {
            throw Problem.invalidRequest("credential.id must be at most " + MAX_CREDENTIAL_ID_BYTES + " bytes");
        }
        String challenge = credential.getResponse().getClientData().getChallenge().getBase64Url();
        String credentialId = credential.getId().getBase64Url();
        return challenges.take(Ceremony.REGISTRATION, challenge).chain(pending -> {
            PendingCeremony state = pending.orElseThrow(() -> Problem.badRequest("challenge_expired",
                    "The challenge is unknown, expired, already used or not a registration challenge; start again"));
            if (state.userId() != null && state.enrollmentTicket() == null) {
                checkCaller(caller, state.userId());
            }
            if (state.signUp() != null && state.enrollmentTicket() == null) {
                // A sign-up writes in one statement, whose unique key on the credential ID answers a reused one.
                return register(state, challenge, credential, credentialId, name);
            }
            return lookups.passkeyExists(credentialId).chain(exists -> {
                if (exists) {
                    throw credentialExists();
                }
                return register(state, challenge, credential, credentialId, name);
            });
        });
    }

    private Uni<SignedIn.Registration> register(PendingCeremony state, String challenge,
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential,
            String credentialId, String name) {
        RegistrationResult result = finish(state, challenge, credential);
        Passkey passkey = newPasskey(credentialId, credential, result, name);
        if (state.enrollmentTicket() != null) {
            return Panache.withSession(() -> enroll(state, passkey, result));
        }
        return state.signUp() != null ? signUp(state.signUp(), passkey, result)
                : Panache.withSession(() -> addPasskey(state.userId(), passkey));
    }

    private static void checkCaller(Optional<Caller> caller, UUID expected) {
        if (caller.isEmpty()) {
            throw Problem.unauthorized("unauthorized",
                    "Adding a passkey needs the access token of the account it was started for");
        }
        if (!caller.get().userId().equals(expected)) {
            throw new Problem(403, "account_mismatch", "This ceremony was started for another account");
        }
    }

    private RegistrationResult finish(PendingCeremony state, String challenge,
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential) {
        // Ceremonies started by an earlier version store a sign-up's options too.
        PublicKeyCredentialCreationOptions request = state.request() != null
                ? ResponseJson.read(state.request(), PublicKeyCredentialCreationOptions.class)
                : signUpOptions(state.signUp(), challenge);
        // Yubico skips the user presence check for a conditional create, and only then (WebAuthn L3 7.1 step 14).
        FinishRegistrationOptions finish = FinishRegistrationOptions.builder().request(request).response(credential)
                .isConditionalCreate(state.conditional()).build();
        try {
            return relyingParties.over(CeremonyCredentials.empty(), party -> party.finishRegistration(finish));
        } catch (RegistrationFailedException | RuntimeException e) {
            if (e instanceof Problem problem) {
                throw problem;
            }
            if (relyingParties.attestationRequired() && verifiesWithoutTrust(finish)) {
                throw Problem.badRequest("attestation_untrusted", "The authenticator's attestation does not chain to "
                        + "a trusted root: this service accepts only the authenticators it trusts");
            }
            throw explain(credential, state.conditional(), e);
        }
    }

    /** Whether the response verifies when any attestation is trusted: its trust was then its only flaw. */
    private boolean verifiesWithoutTrust(FinishRegistrationOptions finish) {
        try {
            return relyingParties.trustingAnyAttestation(CeremonyCredentials.empty(),
                    party -> party.finishRegistration(finish)) != null;
        } catch (RegistrationFailedException | RuntimeException e) {
            return false;
        }
    }

    private Problem explain(
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential,
            boolean conditional, Exception e) {
        var response = credential.getResponse();
        Problem known = failures.clientData(response.getClientData(), "webauthn.create", Problem::badRequest);
        if (known == null) {
            known = failures.authenticatorData(response.getAttestation().getAuthenticatorData(), !conditional,
                    Problem::badRequest);
        }
        return known != null ? known : Problem.badRequest("attestation_invalid",
                "The registration response does not verify: " + CeremonyFailures.reason(e));
    }

    private Passkey newPasskey(String credentialId,
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential,
            RegistrationResult result, String name) {
        Passkey passkey = new Passkey();
        passkey.credentialId = credentialId;
        passkey.publicKeyCose = result.getPublicKeyCose().getBytes();
        passkey.signatureCount = result.getSignatureCount();
        passkey.transports = transports(credential.getResponse().getTransports().stream()
                .map(AuthenticatorTransport::getId).sorted().toList());
        passkey.aaguid = uuid(result.getAaguid());
        passkey.attestationFormat = credential.getResponse().getAttestation().getFormat();
        passkey.backupEligible = result.isBackupEligible();
        passkey.backedUp = result.isBackedUp();
        passkey.userVerified = result.isUserVerified();
        passkey.name = name != null ? name : providerNames.of(passkey.aaguid).orElse(null);
        passkey.createdAt = Instant.now();
        return passkey;
    }

    private Uni<SignedIn.Registration> signUp(PendingCeremony.SignUp signUp, Passkey passkey, RegistrationResult result) {
        UserAccount user = UserAccount.create(signUp.username(), signUp.displayName(), signUp.userHandle());
        return sessions.startAfterSignUp(user, passkey, result.isUserVerified())
                .onFailure().transform(RegistrationCeremony::uniqueViolation)
                .map(token -> SignedIn.SignUp.of(UserView.of(user), PasskeyView.of(passkey, providerNames), token));
    }

    private Uni<SignedIn.Registration> addPasskey(UUID userId, Passkey passkey) {
        return accounts.user(userId).chain(user -> {
            if (user == null) {
                throw AccountService.accountGone();
            }
            return accounts.addPasskey(user, passkey, maxPasskeys)
                    .onFailure().transform(RegistrationCeremony::uniqueViolation)
                    .map(added -> {
                        if (added == null) {
                            throw tooManyPasskeys();
                        }
                        return new SignedIn.PasskeyAdded(UserView.of(user), PasskeyView.of(added, providerNames));
                    });
        });
    }

    /**
     * An enrollment: the ticket is used up in the transaction that adds the passkey (so a refused addition leaves
     * it usable, and of racing uses exactly one wins), then the user is signed in.
     */
    private Uni<SignedIn.Registration> enroll(PendingCeremony state, Passkey passkey, RegistrationResult result) {
        return accounts.user(state.userId()).chain(user -> {
            if (user == null) {
                throw EnrollmentTickets.invalid();
            }
            return Panache.withTransaction(() -> tickets.consume(state.enrollmentTicket(), user.id)
                    .chain(() -> accounts.addPasskey(user, passkey, maxPasskeys))
                    .map(added -> {
                        if (added == null) {
                            throw tooManyPasskeys();
                        }
                        return added;
                    }))
                    .onFailure().transform(RegistrationCeremony::uniqueViolation)
                    .chain(added -> sessions.start(user, added.credentialId, result.isUserVerified())
                            .map(token -> SignedIn.Enrolled.of(UserView.of(user),
                                    PasskeyView.of(added, providerNames), token)));
        });
    }

    /** The unique constraints that can fire when two ceremonies race are outcomes, not errors. */
    private static Throwable uniqueViolation(Throwable failure) {
        String constraint = UniqueViolations.constraintOf(failure);
        if (constraint == null) {
            return failure;
        }
        if (constraint.contains("username")) {
            return usernameTaken();
        }
        if (constraint.contains("credential_id")) {
            return credentialExists();
        }
        return failure;
    }

    private static Problem usernameTaken() {
        return Problem.conflict("username_taken", "An account with this username already exists");
    }

    private Problem tooManyPasskeys() {
        return Problem.conflict("too_many_passkeys",
                "This account already holds " + maxPasskeys + " passkeys, the most allowed; delete one first");
    }

    private static Problem credentialExists() {
        return Problem.badRequest("credential_already_registered", "This credential is already registered");
    }

    private static String transports(List<String> ids) {
        String joined = ids.stream().filter(id -> id.matches("[a-z0-9-]{1,32}")).distinct()
                .collect(Collectors.joining(","));
        return joined.length() > MAX_TRANSPORTS_LENGTH ? "" : joined;
    }

    private static UUID uuid(ByteArray aaguid) {
        ByteBuffer buffer = ByteBuffer.wrap(aaguid.getBytes());
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
