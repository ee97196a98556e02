-- Accounts and their passkeys. A user exists only with at least one passkey or while one is being added:
-- sign-up inserts both in one transaction.
CREATE TABLE users (
    id            uuid         PRIMARY KEY,
    username      varchar(64)  NOT NULL,
    -- the username as compared: NFC, lower case; unique, so two sign-ups racing for one name cannot both win
    username_key  varchar(256) NOT NULL CONSTRAINT users_username_key_unique UNIQUE,
    display_name  varchar(64)  NOT NULL,
    -- the WebAuthn user handle: random, never derived from the username
    user_handle   varchar(88)  NOT NULL CONSTRAINT users_user_handle_unique UNIQUE,
    created_at    timestamptz  NOT NULL
);

CREATE TABLE passkeys (
    -- base64url of the credential ID, which is also the passkey's id in the API
    credential_id       varchar(1366) CONSTRAINT passkeys_credential_id_unique PRIMARY KEY,
    user_id             uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    public_key_cose     bytea         NOT NULL,
    signature_count     bigint        NOT NULL,
    transports          varchar(255)  NOT NULL DEFAULT '',
    aaguid              uuid          NOT NULL,
    attestation_format  varchar(32)   NOT NULL,
    backup_eligible     boolean       NOT NULL,
    backed_up           boolean       NOT NULL,
    user_verified       boolean       NOT NULL,
    name                varchar(64),
    created_at          timestamptz   NOT NULL,
    last_used_at        timestamptz
);
CREATE INDEX passkeys_user_id_idx ON passkeys (user_id, created_at);

-- Secrets every replica must share when none is configured: the generated dev/test signing key and the
-- key behind the decoy credentials of unknown usernames.
CREATE TABLE server_secrets (
    name        varchar(64) PRIMARY KEY,
    value       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
