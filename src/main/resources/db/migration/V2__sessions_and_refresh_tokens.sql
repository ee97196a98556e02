-- Sessions for downstream services: a family is one sign-in (sign-up or login) and the chain of refresh tokens
-- rotated from it. Deleting the passkey that signed in, or the user, ends its families and their tokens.
CREATE TABLE session_families (
    id             uuid          PRIMARY KEY,
    user_id        uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id  varchar(1366) NOT NULL REFERENCES passkeys (credential_id) ON DELETE CASCADE,
    -- what the ceremony proved, carried into every access token of the family (amr, auth_time)
    user_verified  boolean       NOT NULL,
    auth_time      timestamptz   NOT NULL,
    created_at     timestamptz   NOT NULL,
    -- the absolute lifetime: no refresh goes past it
    expires_at     timestamptz   NOT NULL,
    -- signed out, or a rotated token was presented again
    revoked_at     timestamptz
);
CREATE INDEX session_families_user_id_idx ON session_families (user_id, expires_at);
CREATE INDEX session_families_credential_id_idx ON session_families (credential_id);

CREATE TABLE refresh_tokens (
    -- base64url SHA-256 of the token: the token itself is never stored
    token_hash  varchar(43)  PRIMARY KEY,
    family_id   uuid         NOT NULL REFERENCES session_families (id) ON DELETE CASCADE,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    -- set when the token was rotated; presenting it again revokes its family
    used_at     timestamptz
);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id, expires_at);
