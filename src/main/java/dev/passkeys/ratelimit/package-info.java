/**
 * Abuse limits on the ceremony endpoints and token refresh: budgets per client IP, per username and per credential
 * (and per client IP for refreshes), counted in Redis so that every replica shares them, answered with 429
 * {@code rate_limited} and {@code Retry-After}.
 */
package dev.passkeys.ratelimit;
