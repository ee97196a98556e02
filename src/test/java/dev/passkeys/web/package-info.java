/**
 * End-to-end tests of the reference page (served at {@code /}) in Debian's headless Chromium with a virtual
 * authenticator, against the service started by {@code @QuarkusTest} on a real port.
 */
package dev.passkeys.web;
