package dev.passkeys.recovery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One recovery code of a user, as the hash of the user's id and the code. */
@Entity
@Table(name = "recovery_codes")
public class RecoveryCode extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
