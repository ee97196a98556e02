package dev.passkeys.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A registered WebAuthn credential with what its last ceremony told about it. */
@Entity
@Table(name = "passkeys")
public class Passkey extends PanacheEntityBase {

    /** base64url of the credential ID; also the passkey's id in the API. */
    @Id
    @Column(name = "credential_id")
    public String credentialId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public UserAccount user;

    @Column(name = "public_key_cose")
    public byte[] publicKeyCose;

    @Column(name = "signature_count")
    public long signatureCount;

    /** Comma-separated AuthenticatorTransport values, as the client reported them. */
    public String transports;

    public UUID aaguid;

    @Column(name = "attestation_format")
    public String attestationFormat;

    @Column(name = "backup_eligible")
    public boolean backupEligible;

    @Column(name = "backed_up")
    public boolean backedUp;

    @Column(name = "user_verified")
    public boolean userVerified;

    public String name;

    /** The signature counter once failed to increase: the authenticator may have been cloned. */
    public boolean suspect;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public List<String> transportList() {
        return transports == null || transports.isEmpty() ? List.of() : Arrays.asList(transports.split(","));
    }
}
