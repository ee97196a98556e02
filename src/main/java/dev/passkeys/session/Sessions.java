package dev.passkeys.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.passkeys.account.AccountStore;
import dev.passkeys.account.Passkey;
import dev.passkeys.account.UserAccount;
import dev.passkeys.api.Problem;
import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.token.AccessTokens;
import dev.passkeys.token.TokenResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Starts, refreshes and ends sessions: the token responses of sign-up, login and refresh. */
@ApplicationScoped
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class);

    private final SessionStore store;
    private final SignUpWrites signUps;
    private final AccountStore accounts;
    private final AccessTokens accessTokens;
    private final Duration refreshTtl;
    private final Duration familyLifetime;
    private final MeterRegistry registry;
    private final Map<String, Counter> refreshes = new ConcurrentHashMap<>();

    Sessions(SessionStore store, SignUpWrites signUps, AccountStore accounts, AccessTokens accessTokens,
            PasskeyConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.store = store;
        this.signUps = signUps;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTtl = config.refreshTtl();
        this.familyLifetime = config.refreshFamilyLifetime();
    }

    /** A new session for a user who just completed a ceremony with this passkey. */
    @WithSession
    public Uni<TokenResponse> start(UserAccount user, String credentialId, boolean userVerified) {
        NewSession session = newSession(user, credentialId, userVerified, Instant.now());
        return store.start(session.family(), session.first()).map(ignored -> response(session));
    }

    /**
     * A login: records the passkey's use and starts a session in one write. Empty, with nothing written, when the
     * passkey's counter changed since the ceremony read it (two logins with one counter value).
     */
    public Uni<Optional<TokenResponse>> startAfterLogin(UserAccount user, String credentialId, boolean userVerified, PasskeyUse use) {
        NewSession session = newSession(user, credentialId, userVerified, Instant.now());
        return store.startAfterLogin(session.family(), session.first(), use)
                .map(recorded -> recorded ? Optional.of(response(session)) : Optional.empty());
    }

    /**
     * A sign-up: creates the account with its first passkey and starts its session in one write, all or nothing.
     * Fails with the database's unique violation when the username or credential is taken meanwhile.
     */
    public Uni<TokenResponse> startAfterSignUp(UserAccount user, Passkey passkey, boolean userVerified) {
        NewSession session = newSession(user, passkey.credentialId, userVerified, passkey.createdAt);
        return signUps.write(user, passkey, session.family(), session.first()).map(ignored -> response(session));
    }

    /** A session about to be stored: its family and its first refresh token, in clear and as stored. */
    private record NewSession(UserAccount user, SessionFamily family, String refreshToken, RefreshToken first,
            Instant now) {
    }

    private TokenResponse response(NewSession session) {
        return response(session.user(), session.family(), session.refreshToken(), session.first(), session.now());
    }

    private NewSession newSession(UserAccount user, String credentialId, boolean userVerified, Instant now) {
        SessionFamily family = SessionFamily.start(user.id, credentialId, userVerified, now, familyLifetime);
        String refreshToken = OpaqueTokens.generate();
        RefreshToken first = RefreshToken.of(OpaqueTokens.hash(refreshToken), family, now, refreshTtl);
        return new NewSession(user, family, refreshToken, first, now);
    }

    /** A new access token and the refresh token that replaces the presented one. */
    @WithSession
    public Uni<TokenResponse> refresh(String presented) {
        return Uni.createFrom().deferred(() -> rotate(presented))
                .invoke(() -> countRefresh("success"))
                .onFailure(Problem.class).invoke(failure -> countRefresh(((Problem) failure).code()));
    }

    private void countRefresh(String outcome) {
        refreshes.computeIfAbsent(outcome, key -> Counter.builder("passkey.token.refreshes")
                .description("Refresh requests, by outcome (success or code)").tag("outcome", outcome).register(registry))
                .increment();
    }

    private Uni<TokenResponse> rotate(String presented) {
        String token = required(presented);
        if (!OpaqueTokens.wellFormed(token)) {
            throw refused(Rotation.Reason.UNKNOWN);
        }
        Instant now = Instant.now();
        String next = OpaqueTokens.generate();
        return store.rotate(OpaqueTokens.hash(token), OpaqueTokens.hash(next), now, refreshTtl).chain(rotation -> {
            if (rotation instanceof Rotation.Rotated rotated) {
                return accounts.user(rotated.family().userId).map(user -> {
                    if (user == null) {
                        throw refused(Rotation.Reason.ENDED);
                    }
                    return response(user, rotated.family(), next, rotated.next(), now);
                });
            }
            if (rotation instanceof Rotation.Reused reused) {
                LOG.warnf("A rotated refresh token was presented again: session %s of user %s is revoked",
                        reused.family().id, reused.family().userId);
                throw Problem.unauthorized("refresh_token_reused", "This refresh token was already used: "
                        + "its session is revoked as a precaution; sign in again");
            }
            throw refused(((Rotation.Refused) rotation).reason());
        });
    }

    /** Ends the session of the token, whatever state the token is in; an unknown token is already signed out. */
    @WithSession
    public Uni<Void> signOut(String presented) {
        String token = required(presented);
        if (!OpaqueTokens.wellFormed(token)) {
            return Uni.createFrom().voidItem();
        }
        return store.revokeFamilyOf(OpaqueTokens.hash(token), Instant.now()).replaceWithVoid();
    }

    /** Ends every session of the signed-in user; 401 when the account no longer exists. */
    @WithSession
    public Uni<Void> signOutEverywhere(UUID userId) {
        return accounts.user(userId).chain(user -> {
            if (user == null) {
                throw dev.passkeys.account.AccountService.accountGone();
            }
            return revokeAll(userId);
        }).replaceWithVoid();
    }

    /** Ends every session of the user (logout-all, and the admin API's revoke-sessions); the number ended. */
    @WithSession
    public Uni<Integer> revokeAll(UUID userId) {
        return store.revokeAllOf(userId, Instant.now());
    }

    private TokenResponse response(UserAccount user, SessionFamily family, String refreshToken, RefreshToken stored,
            Instant now) {
        String accessToken = accessTokens.issue(user.id, user.username, user.externalId, family.userVerified,
                family.authTime);
        return new TokenResponse(accessToken, TokenResponse.BEARER, accessTokens.lifetimeSeconds(), refreshToken,
                Duration.between(now, stored.expiresAt).toSeconds());
    }

    private static String required(String token) {
        if (token == null || token.isBlank()) {
            throw Problem.invalidRequest("The body must be a JSON object with a refresh_token");
        }
        return token;
    }

    private static Problem refused(Rotation.Reason reason) {
        String detail = switch (reason) {
            case EXPIRED -> "The refresh token has expired; sign in again";
            case REVOKED -> "The session of this refresh token was signed out or revoked; sign in again";
            case ENDED -> "The session of this refresh token has ended (its passkey or account was deleted)";
            case UNKNOWN -> "The refresh token is not one this service issued, or its session has ended";
        };
        return Problem.unauthorized("invalid_refresh_token", detail);
    }
}
