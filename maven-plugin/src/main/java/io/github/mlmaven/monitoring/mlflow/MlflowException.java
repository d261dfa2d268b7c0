package io.github.mlmaven.monitoring.mlflow;

/**
 * A request to the MLflow tracking server that failed for good (after the retries, or at once for a refusal).
 *
 * @param status the HTTP status, or -1 when there was no answer
 * @param errorCode MLflow's {@code error_code} (e.g. {@code RESOURCE_ALREADY_EXISTS}), or null
 */
public final class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    public MlflowException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    /** True for MLflow's {@code error_code} {@code code}. */
    public boolean is(String code) {
        return code.equals(errorCode);
    }
}
