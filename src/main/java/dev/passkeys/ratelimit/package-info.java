/**
 * Abuse limits on the ceremony endpoints: budgets per client IP, per username and per credential, counted in
 * Redis so that every replica shares them, answered with 429 {@code rate_limited} and {@code Retry-After}.
 */
package dev.passkeys.ratelimit;
