package dev.passkeys.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Every query the service runs on accounts and passkeys. Callers run these inside a session or
 * transaction ({@code @WithSession} / {@code @WithTransaction}).
 */
@ApplicationScoped
public class AccountStore {

    /** Outcome of deleting a passkey. */
    public enum Deletion { DELETED, NOT_FOUND, LAST_PASSKEY }

    public Uni<UserAccount> user(UUID id) {
        return UserAccount.findById(id);
    }

    public Uni<UserAccount> userByUsername(String username) {
        return UserAccount.find("usernameKey", UserAccount.keyOf(username)).firstResult();
    }

    /** The account's passkeys, oldest first. */
    public Uni<List<Passkey>> passkeysOf(UUID userId) {
        return Passkey.find("user.id = ?1 order by createdAt, credentialId", userId).list();
    }

    /**
     * Adds a passkey unless the account already holds {@code maxPasskeys} (then the result is null); the account
     * row is locked so two additions can't both pass the count.
     */
    public Uni<Passkey> addPasskey(UserAccount user, Passkey passkey, int maxPasskeys) {
        passkey.user = user;
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(user.id, LockModeType.PESSIMISTIC_WRITE)
                .chain(locked -> Passkey.count("user.id", user.id))
                .chain(count -> count >= maxPasskeys ? Uni.createFrom().nullItem()
                        : passkey.<Passkey>persist().call(Panache::flush)));
    }

    public Uni<Passkey> rename(UUID userId, String credentialId, String name) {
        return Panache.withTransaction(() -> Passkey.<Passkey>find("credentialId = ?1 and user.id = ?2", credentialId, userId)
                .firstResult()
                .onItem().ifNotNull().invoke(passkey -> passkey.name = name));
    }

    /** Deletes a passkey unless it is the account's last; the account row is locked so two deletions can't race. */
    public Uni<Deletion> delete(UUID userId, String credentialId) {
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(userId, LockModeType.PESSIMISTIC_WRITE)
                .chain(user -> user == null ? Uni.createFrom().item(Deletion.NOT_FOUND)
                        : passkeysOf(userId).chain(passkeys -> {
                            if (passkeys.stream().noneMatch(p -> p.credentialId.equals(credentialId))) {
                                return Uni.createFrom().item(Deletion.NOT_FOUND);
                            }
                            if (passkeys.size() == 1) {
                                return Uni.createFrom().item(Deletion.LAST_PASSKEY);
                            }
                            return Passkey.delete("credentialId", credentialId).replaceWith(Deletion.DELETED);
                        })));
    }
}
