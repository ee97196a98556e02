package dev.passkeys.testing;

/** A ceremony the browser would reject, named like the DOMException it would reject with. */
public final class WebAuthnError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;

    WebAuthnError(String name, String message) {
        super(name + ": " + message);
        this.name = name;
    }

    /** E.g. {@code InvalidStateError} (an excluded credential), {@code NotAllowedError} (no usable credential). */
    public String name() {
        return name;
    }
}
