package dev.passkeys.webauthn;

import java.text.Normalizer;

import dev.passkeys.api.Problem;

/** The contract's rules for user-supplied text: NFC, trimmed, 1..64 characters, no control characters. */
public final class TextFields {

    public static final int MAX_LENGTH = 64;

    private TextFields() {
    }

    public static String username(String value) {
        if (value == null) {
            throw Problem.badRequest("invalid_username", "username is required");
        }
        return text(value, "invalid_username", "username");
    }

    /** Absent, null or blank: the username. */
    public static String displayName(String value, String username) {
        return value == null || value.isBlank() ? username : text(value, "invalid_display_name", "displayName");
    }

    /** Absent, null or blank: none given. */
    public static String optionalPasskeyName(String value) {
        return value == null || value.isBlank() ? null : passkeyName(value);
    }

    public static String passkeyName(String value) {
        if (value == null) {
            throw Problem.badRequest("invalid_name", "name is required");
        }
        return text(value, "invalid_name", "name");
    }

    private static String text(String value, String code, String field) {
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        int length = normalized.codePointCount(0, normalized.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw Problem.badRequest(code, field + " must be 1 to " + MAX_LENGTH + " characters after trimming");
        }
        if (normalized.codePoints().anyMatch(Character::isISOControl)) {
            throw Problem.badRequest(code, field + " must not contain control characters");
        }
        if (normalized.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw Problem.badRequest(code, field + " must be well-formed Unicode");
        }
        return normalized;
    }
}
