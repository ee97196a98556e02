package dev.passkeys.webauthn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** login-options body: a username for username-first login, nothing for usernameless login. */
public record LoginOptionsRequest(
        @Schema(description = "Username-first login; omit for usernameless (discoverable credential) login",
                examples = "alice@example.com") String username) {

    static final LoginOptionsRequest USERNAMELESS = new LoginOptionsRequest(null);
}
