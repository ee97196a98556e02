package dev.passkeys.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth-style token members of a successful sign-up or login. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}
