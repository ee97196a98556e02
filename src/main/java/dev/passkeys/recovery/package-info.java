/**
 * Recovery codes: ten one-time codes a signed-in user keeps offline, stored only as hashes. One code buys a
 * short-lived access token whose only power is adding a passkey (scope {@code passkey:add}, amr {@code otp}).
 */
package dev.passkeys.recovery;
