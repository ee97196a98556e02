/** Test helpers: a software WebAuthn authenticator that answers the service's ceremonies with real ES256 passkeys. */
package dev.passkeys.testing;
