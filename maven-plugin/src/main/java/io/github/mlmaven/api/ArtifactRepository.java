package io.github.mlmaven.api;

import java.nio.file.Path;

/**
 * Maven's repositories as the core sees them: the production model's jar to resolve, and the release repository that
 * ml:promote deploys to. The Maven layer implements it with Maven Resolver; tests with a folder.
 */
public interface ArtifactRepository {
    /**
     * The release repository as {@code id (url)}, for messages; it fails when none is configured, so that ml:promote
     * stops before it reserves a version.
     */
    String release() throws RepositoryException;

    /** The jar of a version, from the project's repositories and the release repository (when one is configured). */
    Path resolve(String groupId, String artifactId, String version) throws RepositoryException;

    /** Whether the release repository holds the version. */
    boolean existsInRelease(String groupId, String artifactId, String version) throws RepositoryException;

    /** The jar of a version, from the release repository only. */
    Path resolveFromRelease(String groupId, String artifactId, String version) throws RepositoryException;

    /** Deploys the jar and its POM to the release repository. */
    void deploy(String groupId, String artifactId, String version, Path jar, Path pom) throws RepositoryException;

    /** A repository that failed; {@link #notFound()} tells a missing artifact from a broken or missing repository. */
    final class RepositoryException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean notFound;

        public RepositoryException(String message, boolean notFound, Throwable cause) {
            super(message, cause);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }
}
