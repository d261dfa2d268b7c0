package io.github.mlmaven.engine;

import io.github.mlmaven.common.InvalidInputException;

/**
 * A Spark job that failed in Spark itself (lost executors, out of memory, a crashed driver JVM): an error of the
 * build's environment, worded with its cause and where the driver's log is.
 */
public class SparkJobFailedException extends InvalidInputException {
    public SparkJobFailedException(String message) {
        super(message);
    }

    public SparkJobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
