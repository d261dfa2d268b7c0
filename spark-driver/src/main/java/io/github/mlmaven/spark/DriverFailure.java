package io.github.mlmaven.spark;

import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;

/** A failure the driver recognised itself: its kind, parameter and one-line message go to result.json as they are. */
final class DriverFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String parameter;

    DriverFailure(String kind, String parameter, String message) {
        super(message);
        this.kind = kind;
        this.parameter = parameter;
    }

    static DriverFailure invalidInput(String message) {
        return new DriverFailure(SparkFailure.INVALID_INPUT, null, message);
    }

    static DriverFailure invalidConfiguration(String parameter, String message) {
        return new DriverFailure(SparkFailure.INVALID_CONFIGURATION, parameter, message);
    }

    static DriverFailure failed(String message) {
        return new DriverFailure(SparkFailure.FAILED, null, message);
    }

    SparkFailure toFailure() {
        return new SparkFailure(SparkJob.SCHEMA_VERSION, SparkFailure.FAILED, kind, parameter, getMessage());
    }
}
