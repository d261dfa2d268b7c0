package io.github.mlmaven.runtime;

/**
 * A model bundle that must not be loaded: its SHA-256 differs from its card, a file is missing, or the model holds a
 * class outside the deserialization allow-list. The message names the file and what to do.
 */
public class ModelIntegrityException extends RuntimeException {
    public ModelIntegrityException(String message) {
        super(message);
    }

    public ModelIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
