package dev.passkeys.account;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.api.Client;
import dev.passkeys.api.Problem;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.audit.AuditEvent;
import dev.passkeys.audit.AuditEventType;
import dev.passkeys.audit.AuditTrail;
import dev.passkeys.token.BearerTokens;
import dev.passkeys.webauthn.ProviderNames;
import dev.passkeys.webauthn.TextFields;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The signed-in user's account: who they are and their passkeys. */
@ApplicationScoped
public class AccountService {

    private final AccountStore store;
    private final String rpId;
    private final AuditTrail audit;
    private final ProviderNames providers;

    AccountService(AccountStore store, PasskeyConfig config, AuditTrail audit, ProviderNames providers) {
        this.store = store;
        this.rpId = config.rpId();
        this.audit = audit;
        this.providers = providers;
    }

    @WithSession
    public Uni<UserView> me(UUID userId) {
        return store.user(userId).map(user -> {
            if (user == null) {
                throw accountGone();
            }
            return UserView.of(user);
        });
    }

    @WithSession
    public Uni<List<PasskeyView>> passkeys(UUID userId) {
        return existing(userId).chain(user -> store.passkeysOf(userId))
                .map(passkeys -> passkeys.stream().map(passkey -> PasskeyView.of(passkey, providers)).toList());
    }

    /** The Signal API's arguments: the user handle, the accepted credential IDs, and the current names. */
    @WithSession
    public Uni<PasskeySignals> signals(UUID userId) {
        return store.user(userId).chain(user -> {
            if (user == null) {
                throw accountGone();
            }
            return store.passkeysOf(userId).map(passkeys -> PasskeySignals.of(rpId, user, passkeys));
        });
    }

    @WithSession
    public Uni<PasskeyView> rename(Client client, UUID userId, String credentialId, String requestedName) {
        String name = TextFields.passkeyName(requestedName);
        return existing(userId).chain(user -> store.rename(userId, credentialId, name)).map(passkey -> {
            if (passkey == null) {
                throw noSuchPasskey();
            }
            return PasskeyView.of(passkey, providers);
        }).invoke(renamed -> audit.record(AuditEvent.of(AuditEventType.PASSKEY_RENAMED, userId, credentialId, client)));
    }

    @WithSession
    public Uni<Void> delete(Client client, UUID userId, String credentialId) {
        return existing(userId).chain(user -> store.delete(userId, credentialId)).map(outcome -> switch (outcome) {
            case DELETED -> {
                audit.record(AuditEvent.of(AuditEventType.PASSKEY_DELETED, userId, credentialId, client));
                yield null;
            }
            case NOT_FOUND -> throw noSuchPasskey();
            case LAST_PASSKEY -> throw Problem.conflict("last_passkey",
                    "The last passkey of an account cannot be deleted; add another one first");
        });
    }

    /** The account of a token; 401 when it no longer exists (deleted through the admin API). */
    private Uni<UserAccount> existing(UUID userId) {
        return store.user(userId).map(user -> {
            if (user == null) {
                throw accountGone();
            }
            return user;
        });
    }

    /** A token outliving its account is as good as no token. */
    public static Problem accountGone() {
        Problem problem = BearerTokens.invalid();
        return new Problem(401, problem.code(), "The account of this access token no longer exists");
    }

    /** Never a 403: another user's passkey is as unknown as a missing one. */
    private static Problem noSuchPasskey() {
        return Problem.notFound("No such passkey");
    }
}
