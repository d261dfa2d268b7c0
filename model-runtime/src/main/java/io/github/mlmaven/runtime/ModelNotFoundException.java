package io.github.mlmaven.runtime;

/**
 * No model of the requested name where {@link Model} looked: not on the class path (the model's artifact is not a
 * dependency, or the name is misspelt), or not in the given folder or jar. The message says where it looked and which
 * models it found there.
 */
public class ModelNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message) {
        super(message);
    }
}
