-- The audit trail: security events, kept for PASSKEY_AUDIT_RETENTION. Never a token, a challenge or a key.
-- No foreign keys: an event is written on its own, after the fact, and must never fail or wait for the ceremony.
CREATE TABLE audit_events (
    id             bigserial     PRIMARY KEY,
    occurred_at    timestamptz   NOT NULL,
    -- sign_up, login_success, login_failure, passkey_added, passkey_renamed, passkey_deleted, rate_limited,
    -- counter_regression
    type           varchar(32)   NOT NULL,
    -- the account, when the service knows it
    user_id        uuid,
    credential_id  varchar(1366),
    -- login_failure: the problem's code; rate_limited: the budget spent (ip, username, credential)
    reason         varchar(64),
    client_ip      varchar(64),
    user_agent     varchar(256)
);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, id);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);
