package io.github.mlmaven.engine;

/**
 * What the forked Spark driver reports when its job failed ({@code result.json}, {@code "outcome": "failed"}): the
 * plugin turns it into the matching exception, so a Spark job fails the build as a local one would.
 *
 * @param kind {@code invalidConfiguration} (a setting is wrong: {@code parameter} names it), {@code invalidInput}
 *     (the data, a path the executors cannot read, a classifier that cannot be shipped) or {@code failed} (Spark
 *     failed: lost executors, out of memory)
 * @param parameter the parameter's path for {@code invalidConfiguration} (e.g. {@code spark/master}); else null
 * @param message one line that names the cause and how to fix it; Spark's stack traces stay in the driver's log
 */
public record SparkFailure(int schemaVersion, String outcome, String kind, String parameter, String message) {
    public static final String FAILED = "failed";
    public static final String INVALID_CONFIGURATION = "invalidConfiguration";
    public static final String INVALID_INPUT = "invalidInput";
}
