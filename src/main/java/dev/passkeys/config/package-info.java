/** The service's configuration: the contract's environment variables, typed and checked at start-up. */
package dev.passkeys.config;
