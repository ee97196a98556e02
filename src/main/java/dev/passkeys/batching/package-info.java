/**
 * Natural batching: concurrent requests for one hot-path statement run as one statement, so that under load a
 * login or a sign-up costs PostgreSQL a share of a round trip and of a commit instead of a whole one.
 */
package dev.passkeys.batching;
