package dev.passkeys.account;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An account: a username and the random WebAuthn user handle its passkeys are bound to. */
@Entity
@Table(name = "users")
public class UserAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    public String username;

    @Column(name = "username_key")
    public String usernameKey;

    @Column(name = "display_name")
    public String displayName;

    /** base64url of the user handle. */
    @Column(name = "user_handle")
    public String userHandle;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The app's own id of the user, set by the admin API; null for users who signed up here. */
    @Column(name = "external_id")
    public String externalId;

    public static UserAccount create(String username, String displayName, String userHandle) {
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID();
        user.username = username;
        user.usernameKey = keyOf(username);
        user.displayName = displayName;
        user.userHandle = userHandle;
        user.createdAt = Instant.now();
        return user;
    }

    /** Usernames are unique case-insensitively: this is the form they are compared in. */
    public static String keyOf(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
