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

    public static EvaluationMethod parse(String text) {
        for (EvaluationMethod m : values()) {
            if (m.id().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        return null;
    }
}
