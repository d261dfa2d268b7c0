package io.github.mlmaven.evaluation;

import java.util.Locale;

/** How validate measures a model; the names are those of the {@code evaluation} parameter. */
public enum EvaluationMethod {
    /** The trained model on separate test data. */
    TEST,
    /** The model trained on the training part of a stratified split, on the held-out part. */
    HOLDOUT,
    /** k-fold cross-validation of the configured algorithm, as Weka's crossValidateModel. */
    CV;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The configured method, or null when none is configured (each goal then applies the default). */
    public static EvaluationMethod fromConfiguration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        EvaluationMethod method = parse(text);
        if (method == null) {
            throw new io.github.mlmaven.common.InvalidConfigurationException(
                    "evaluation", "<evaluation> '" + text + "' is not an evaluation method; use test, holdout or cv");
        }
        return method;
    }

    public static EvaluationMethod parse(String text) {
        for (EvaluationMethod m : values()) {
            if (m.id().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        return null;
    }
}
