package io.github.mlmaven.maven;

/** The plugin's goal names. */
public final class GoalNames {
    public static final String TRAIN = "train";
    public static final String VALIDATE = "validate";
    public static final String PROMOTE = "promote";
    public static final String HISTORY = "history";
    public static final String ROLLBACK = "rollback";
    public static final String CI_REPORT = "ci-report";
    public static final String REPORT = "report";
    public static final String EXTRACT = "extract";
    public static final String MONITOR = "monitor";

    private GoalNames() {}
}
