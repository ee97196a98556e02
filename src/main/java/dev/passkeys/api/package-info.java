/** The HTTP edge: RFC 9457 problem details for every error, request limits and JSON strictness. */
package dev.passkeys.api;
