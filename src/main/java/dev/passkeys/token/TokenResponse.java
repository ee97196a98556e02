package dev.passkeys.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth-style token members of a successful sign-up, login or refresh. */
@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(description = "JWT for downstream services, verified with the JWKS", required = true)
        @JsonProperty("access_token") String accessToken,
        @Schema(description = "Always Bearer", examples = "Bearer", required = true)
        @JsonProperty("token_type") String tokenType,
        @Schema(description = "Seconds until the access token expires", examples = "900", required = true)
        @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "Opaque, single-use token for POST /api/auth/token/refresh and /api/auth/logout",
                required = true)
        @JsonProperty("refresh_token") String refreshToken,
        @Schema(description = "Seconds until the refresh token expires", examples = "2592000", required = true)
        @JsonProperty("refresh_expires_in") long refreshExpiresIn) {

    public static final String BEARER = "Bearer";
}
