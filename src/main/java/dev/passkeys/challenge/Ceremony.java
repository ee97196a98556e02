package dev.passkeys.challenge;

/** The two WebAuthn ceremonies; part of every challenge's key, so one can never complete the other. */
public enum Ceremony {
    REGISTRATION("reg"),
    AUTHENTICATION("auth");

    final String keyPart;

    Ceremony(String keyPart) {
        this.keyPart = keyPart;
    }
}
