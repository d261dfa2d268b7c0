package io.github.mlmaven.api;

import java.nio.file.Path;
import java.util.List;

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
    default Path resolve(String groupId, String artifactId, String version) throws RepositoryException {
        return resolve(groupId, artifactId, version, "", "jar");
    }

    /**
     * A file of a version, such as the snapshot parts attached to it ({@code training-data}, {@code zip}), from the
     * same repositories as {@link #resolve(String, String, String)}.
     *
     * @param classifier the attachment's classifier, or the empty string for the main artifact
     */
    Path resolve(String groupId, String artifactId, String version, String classifier, String extension)
            throws RepositoryException;

    /** Whether the release repository holds the version. */
    boolean existsInRelease(String groupId, String artifactId, String version) throws RepositoryException;

    /** The jar of a version, from the release repository only. */
    Path resolveFromRelease(String groupId, String artifactId, String version) throws RepositoryException;

    /** Deploys the jar, its POM and its attachments to the release repository, in one deployment. */
    void deploy(String groupId, String artifactId, String version, Path jar, Path pom, List<Attachment> attachments)
            throws RepositoryException;

    /**
     * A file deployed beside the jar, as {@code <artifactId>-<version>-<classifier>.<extension>}.
     *
     * @param classifier e.g. {@code training-data}
     * @param extension e.g. {@code zip}
     */
    record Attachment(String classifier, String extension, Path file) {}

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
