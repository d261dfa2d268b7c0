package io.github.mlmaven.monitoring.prometheus;

import io.github.mlmaven.common.InvalidInputException;

/**
 * A push that did not reach the Pushgateway after its retries, or that it refused. A warning by default; a build error
 * with {@code failOnMonitoringError}. The message never carries credentials.
 */
public class PushgatewayException extends InvalidInputException {
    private final int status;

    public PushgatewayException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, or -1 when there was none. */
    public int status() {
        return status;
    }
}
