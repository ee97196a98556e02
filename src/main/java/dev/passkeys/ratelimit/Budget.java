package dev.passkeys.ratelimit;

/**
 * One budget a request spends from: requests per window for one subject (an IP, a username, a credential ID).
 *
 * @param scope what the subject is ({@code ip}, {@code username}, {@code credential}); part of the Redis key
 * @param subject the value counted; only its hash is stored
 * @param limit requests allowed per window
 */
public record Budget(String scope, String subject, int limit) {
}
