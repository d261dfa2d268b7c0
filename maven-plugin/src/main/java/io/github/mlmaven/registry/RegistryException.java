package io.github.mlmaven.registry;

import io.github.mlmaven.common.InvalidInputException;

/**
 * The registry could not do what was asked. {@link #reason()} says which kind of problem it is, so the Maven layer can
 * name the parameter or print the command that finishes the job; the message alone is complete for a user. Messages
 * never contain a secret.
 */
public class RegistryException extends InvalidInputException {
    /** What went wrong, coarsely. */
    public enum Reason {
        /** The project directory is not inside a git repository. */
        NOT_A_REPOSITORY,
        /** The remote could not be reached (network, wrong URL, no such repository). */
        REMOTE_UNREACHABLE,
        /** The remote refused the credentials, or asked for some and none were given. */
        AUTHENTICATION_FAILED,
        /** The remote refused the push for a reason other than a concurrent change (a protected branch, a hook). */
        PUSH_REJECTED,
        /** Other writers kept moving the registry branch; every attempt was rejected. Nothing was recorded. */
        CONFLICT,
        /** The tag exists already on another commit; tags are never moved. */
        TAG_EXISTS,
        /** The version asked for is not in the registry, or not in a state that allows the change. */
        UNKNOWN_VERSION,
        /** The version asked for exists already in some status; versions are never reused. */
        VERSION_EXISTS,
        /** A version string or project version that is not {@code <major>.<minor>.<patch>}-shaped. */
        INVALID_VERSION,
        /** A model name, branch or remote name that cannot be used in a file or ref name. */
        INVALID_NAME,
        /** The change asked for does not fit the version's status, e.g. promoting a failed version. */
        INVALID_STATE,
        /** The registry file on the branch cannot be read: broken JSON, another model's file, a newer schema. */
        CORRUPT_DOCUMENT,
        /** Reading or writing the local repository failed. */
        GIT_FAILURE
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
