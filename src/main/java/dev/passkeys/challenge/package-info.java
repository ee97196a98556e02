/** Ceremony challenges in Redis: random, expiring, single-use and bound to their ceremony. */
package dev.passkeys.challenge;
