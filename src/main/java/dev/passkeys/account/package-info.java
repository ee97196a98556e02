/** Users and their passkeys: persistence in PostgreSQL, and the signed-in user's account endpoints. */
package dev.passkeys.account;
