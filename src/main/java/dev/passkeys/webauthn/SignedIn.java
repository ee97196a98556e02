package dev.passkeys.webauthn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.passkeys.account.PasskeyView;
import dev.passkeys.account.UserView;
import dev.passkeys.token.TokenResponse;

/** Successful ceremony answers: the shapes of register-verify and login-verify. */
public final class SignedIn {

    private SignedIn() {
    }

    /** register-verify, 201: a sign-up or an added passkey. */
    @Schema(oneOf = { SignUp.class, PasskeyAdded.class })
    public sealed interface Registration permits SignUp, PasskeyAdded, Enrolled {
    }

    /** A sign-up: the new user is signed in. */
    public record SignUp(UserView user, PasskeyView passkey,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("refresh_expires_in") long refreshExpiresIn) implements Registration {

        static SignUp of(UserView user, PasskeyView passkey, TokenResponse token) {
            return new SignUp(user, passkey, token.accessToken(), token.tokenType(), token.expiresIn(),
                    token.refreshToken(), token.refreshExpiresIn());
        }
    }

    /** A passkey added with an enrollment ticket: the user is signed in, as after a sign-up (the same JSON). */
    @Schema(hidden = true)
    public record Enrolled(UserView user, PasskeyView passkey,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("refresh_expires_in") long refreshExpiresIn) implements Registration {

        static Enrolled of(UserView user, PasskeyView passkey, TokenResponse token) {
            return new Enrolled(user, passkey, token.accessToken(), token.tokenType(), token.expiresIn(),
                    token.refreshToken(), token.refreshExpiresIn());
        }
    }

    /** A passkey added to the caller's account. */
    public record PasskeyAdded(UserView user, PasskeyView passkey) implements Registration {
    }

    /** login-verify, 200. */
    public record Login(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("refresh_expires_in") long refreshExpiresIn,
            UserView user) {

        static Login of(TokenResponse token, UserView user) {
            return new Login(token.accessToken(), token.tokenType(), token.expiresIn(), token.refreshToken(),
                    token.refreshExpiresIn(), user);
        }
    }
}
