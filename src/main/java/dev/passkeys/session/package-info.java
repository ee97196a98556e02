/**
 * Sessions: each sign-in starts a family of opaque refresh tokens, rotated on every refresh, revoked on
 * sign-out or when a rotated token comes back. Only their hashes are stored, in PostgreSQL.
 */
package dev.passkeys.session;
