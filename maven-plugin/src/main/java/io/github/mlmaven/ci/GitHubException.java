package io.github.mlmaven.ci;

import io.github.mlmaven.common.InvalidInputException;

/**
 * GitHub's API refused or failed a request. The message is one line that says what to change; it never holds the
 * token.
 */
public class GitHubException extends InvalidInputException {
    private final int status;
    private final boolean mayHaveBeenApplied;

    public GitHubException(String message, int status, boolean mayHaveBeenApplied, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    /** The HTTP status, or -1 when no response came. */
    public int status() {
        return status;
    }

    /**
     * True when a request that is not idempotent (creating a comment) failed in a way that leaves open whether GitHub
     * applied it: a 5xx answer or a connection lost after sending. The caller looks before trying again.
     */
    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }
}
