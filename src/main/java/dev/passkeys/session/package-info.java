/**
 * Sessions: each sign-in starts a family of opaque refresh tokens, rotated on every refresh, revoked on
 * sign-out or when a rotated token comes back. Only their hashes are stored, in PostgreSQL, and ended sessions are
 * deleted on a schedule.
 */
package dev.passkeys.session;
