-- A passkey whose signature counter did not increase in a login: the authenticator may have been cloned.
-- The login was refused; the flag stays so that its owner sees it (and may delete the passkey).
ALTER TABLE passkeys ADD COLUMN suspect boolean NOT NULL DEFAULT false;
