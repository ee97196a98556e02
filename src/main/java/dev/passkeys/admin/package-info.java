/**
 * The service API for the app's own backend, under {@code /api/admin}: API keys from configuration (never a
 * browser), users created without a passkey and found by the app's own id, enrollment tickets that let such a
 * user add a first passkey, erasure and session revocation.
 */
package dev.passkeys.admin;
