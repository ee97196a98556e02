-- Issue 8: the app's own backend creates users (no passkey yet) and hands them enrollment tickets; users keep
-- one-time recovery codes. An account may now exist without a passkey: created by the admin API, until its
-- first enrollment. Deleting a user deletes its tickets and codes with it.

-- The app's own id of the user (nullable: users who signed up here have none); carried in tokens as ext_id.
ALTER TABLE users ADD COLUMN external_id varchar(255) CONSTRAINT users_external_id_unique UNIQUE;

CREATE TABLE enrollment_tickets (
    -- base64url SHA-256 of the ticket: the ticket itself is never stored
    ticket_hash  varchar(43)  PRIMARY KEY,
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    -- set by the register-verify that used it: a ticket enrolls one passkey
    used_at      timestamptz
);
CREATE INDEX enrollment_tickets_user_id_idx ON enrollment_tickets (user_id);

CREATE TABLE recovery_codes (
    id          bigserial    PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- base64url SHA-256 of the user's id and the normalized code: never the code itself
    code_hash   varchar(43)  NOT NULL,
    created_at  timestamptz  NOT NULL,
    used_at     timestamptz,
    CONSTRAINT recovery_codes_user_code_unique UNIQUE (user_id, code_hash)
);
