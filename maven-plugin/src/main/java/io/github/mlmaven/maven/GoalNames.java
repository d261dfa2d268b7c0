package io.github.mlmaven.maven;

/** The plugin's goal names. */
public final class GoalNames {
    public static final String TRAIN = "train";
    public static final String VALIDATE = "validate";

    private GoalNames() {}
}
