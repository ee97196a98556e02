/** Access tokens: the signing key, minting ES256 JWTs, verifying bearer tokens, and publishing the JWKS. */
package dev.passkeys.token;
