package io.github.mlmaven.common;

/**
 * A configuration value the user got wrong. {@link #parameter()} is the parameter's path as in the POM, for example
 * {@code thresholds/recall}, so the Maven layer can name the XML element.
 */
public class InvalidConfigurationException extends MlException {
    private final String parameter;

    public InvalidConfigurationException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public InvalidConfigurationException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
