package dev.passkeys.config;

/** A setting that stops the start; the message names the environment variable to fix. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super("Invalid configuration: " + message, null, false, false);
    }

    /** The message alone: SmallRye Config reports a problem of the config mapping by its {@code toString()}. */
    @Override
    public String toString() {
        return getMessage();
    }
}
