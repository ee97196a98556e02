package dev.passkeys.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.account.AccountService;
import dev.passkeys.account.AccountStore;
import dev.passkeys.account.UserAccount;
import dev.passkeys.api.Client;
import dev.passkeys.api.Problem;
import dev.passkeys.audit.AuditEvent;
import dev.passkeys.audit.AuditEventType;
import dev.passkeys.audit.AuditTrail;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.token.AccessTokens;
import dev.passkeys.token.TokenResponse;
import dev.passkeys.webauthn.TextFields;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Recovery codes: {@value #COUNT} per user, each 16 characters of Crockford's base32 (80 random bits) shown as
 * four groups. Only SHA-256 of the user's id and the normalized code is stored; creating codes deletes the old
 * ones. Using a code is a conditional update, so of concurrent uses of one code exactly one wins.
 */
@ApplicationScoped
public class RecoveryCodes {

    static final int COUNT = 10;
    private static final int LENGTH = 16;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;
    private final AccessTokens tokens;
    private final AuditTrail audit;
    private final Duration tokenTtl;

    RecoveryCodes(AccountStore accounts, AccessTokens tokens, AuditTrail audit, PasskeyConfig config) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.tokenTtl = config.recoveryTokenTtl();
    }

    /** Ten new codes for the signed-in user; the old ones stop working. */
    @WithSession
    public Uni<RecoveryCodesView> create(Client client, UUID userId) {
        List<String> codes = new ArrayList<>();
        List<RecoveryCode> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            RecoveryCode row = new RecoveryCode();
            row.userId = userId;
            row.codeHash = hash(userId, normalize(code));
            row.createdAt = now;
            rows.add(row);
        }
        return existing(userId)
                .chain(user -> Panache.withTransaction(() -> RecoveryCode.delete("userId", userId)
                        .chain(() -> RecoveryCode.persist(rows))))
                .replaceWith(new RecoveryCodesView(codes, COUNT))
                .invoke(() -> audit.record(AuditEvent.of(AuditEventType.RECOVERY_CODES_CREATED, userId, null, client)));
    }

    /** How many unused codes the signed-in user has left, never the codes. */
    @WithSession
    public Uni<RecoveryCodesView> remaining(UUID userId) {
        return existing(userId).chain(user -> RecoveryCode.count("userId = ?1 and usedAt is null", userId))
                .map(count -> new RecoveryCodesView(null, count));
    }

    /**
     * A recovery token for the username's account, using up the code. An unknown username and a wrong or used
     * code get the same 401 after the same work (a hash and a conditional update).
     */
    @WithSession
    public Uni<RecoveryToken> recover(Client client, RecoveryRequest body) {
        if (body == null || body.code() == null) {
            throw Problem.invalidRequest("The body must be a JSON object with username and code");
        }
        String username = TextFields.username(body.username());
        String code = normalize(body.code());
        return accounts.userByUsername(username).chain(user -> {
            UUID userId = user == null ? UUID.randomUUID() : user.id;
            String hash = hash(userId, code);
            return Panache.withTransaction(() -> RecoveryCode.update(
                    "usedAt = ?1 where userId = ?2 and codeHash = ?3 and usedAt is null", Instant.now(), userId, hash))
                    .map(updated -> {
                        if (user == null || updated != 1) {
                            audit.record(new AuditEvent(AuditEventType.RECOVERY_FAILED, user == null ? null : user.id,
                                    null, "recovery_failed", client));
                            throw failed();
                        }
                        audit.record(AuditEvent.of(AuditEventType.RECOVERY_USED, user.id, null, client));
                        return new RecoveryToken(tokens.issueRecovery(user.id, user.username, tokenTtl),
                                TokenResponse.BEARER, tokenTtl.toSeconds(), AccessTokens.PASSKEY_ADD_SCOPE);
                    });
        });
    }

    private Uni<UserAccount> existing(UUID userId) {
        return accounts.user(userId).map(user -> {
            if (user == null) {
                throw AccountService.accountGone();
            }
            return user;
        });
    }

    static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Upper case, without dashes and white space, with Crockford's look-alikes (O, I, L) read as digits. */
    static String normalize(String code) {
        StringBuilder normalized = new StringBuilder();
        code.toUpperCase(Locale.ROOT).codePoints().limit(256).forEach(c -> {
            if (c == '-' || Character.isWhitespace(c)) {
                return;
            }
            normalized.appendCodePoint(c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c);
        });
        return normalized.toString();
    }

    static String hash(UUID userId, String normalizedCode) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + ":" + normalizedCode).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static Problem failed() {
        return Problem.unauthorized("recovery_failed",
                "The username or the recovery code is wrong, or the code was already used");
    }
}
