/**
 * Access tokens: the signing key and the keys of a rotation, minting JWTs (ES256, EdDSA or RS256), verifying
 * bearer tokens, and publishing the JWKS.
 */
package dev.passkeys.token;
