/**
 * Every frontend of the product beyond the RP ID's own web origins: related origins on other domains
 * ({@code /.well-known/webauthn}), Android and Apple apps ({@code /.well-known/assetlinks.json},
 * {@code /.well-known/apple-app-site-association}), and the CORS allow-list the web origins share.
 */
package dev.passkeys.frontend;
