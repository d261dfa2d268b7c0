package io.github.mlmaven.common;

/**
 * Base of the core's exceptions. The Maven layer translates each kind once: {@link InvalidInputException} and
 * {@link InvalidConfigurationException} become a build error, {@link GateFailedException} a build failure.
 */
public abstract class MlException extends RuntimeException {
    protected MlException(String message) {
        super(message);
    }

    protected MlException(String message, Throwable cause) {
        super(message, cause);
    }
}
