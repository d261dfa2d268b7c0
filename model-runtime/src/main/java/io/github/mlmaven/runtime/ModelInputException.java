package io.github.mlmaven.runtime;

/**
 * Features that a {@link Model} cannot score as given: a feature is missing or unknown, has a value of the wrong type,
 * or a nominal value the model never saw in training; or the call does not suit the model (a class distribution asked
 * of a regression model). The message names the feature and what the model expects; {@link #feature()} names it for
 * code.
 */
public class ModelInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String feature;

    public ModelInputException(String feature, String message) {
        super(message);
        this.feature = feature;
    }

    /**
     * The feature the problem is about (the first one, when several are missing or unknown); null when it is about
     * the call rather than a feature.
     */
    public String feature() {
        return feature;
    }
}
