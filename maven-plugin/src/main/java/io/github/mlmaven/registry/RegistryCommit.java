package io.github.mlmaven.registry;

/**
 * What {@link GitModelRegistry#update} recorded.
 *
 * @param document the document as committed (or as read, when the change changed nothing)
 * @param commitId the new commit on the registry branch; the unchanged tip when nothing changed, null if the branch
 *     does not exist
 * @param message the commit message
 * @param attempts how many attempts it took, 1 without contention
 * @param changed false when the change function returned the document unchanged and nothing was committed
 */
public record RegistryCommit(
        RegistryDocument document, String commitId, String message, int attempts, boolean changed) {}
