/**
 * The audit trail: every security event (sign-up, logins, passkey changes, rate limits, counter regressions) in
 * PostgreSQL, written after the fact so that it neither slows nor fails a ceremony; a signed-in user pages through
 * their own; a scheduled job deletes the expired ones.
 */
package dev.passkeys.audit;
