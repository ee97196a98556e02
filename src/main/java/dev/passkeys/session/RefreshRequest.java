package dev.passkeys.session;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of refresh and sign-out: the refresh token of the session. */
public record RefreshRequest(
        @Schema(description = "The refresh_token of the latest token response", required = true)
        @JsonProperty("refresh_token") String refreshToken) {
}
