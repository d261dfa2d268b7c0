package io.github.mlmaven.common;

/** Broken input or environment: a data file, a model file, a repository. The message names the file and the fix. */
public class InvalidInputException extends MlException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
