package io.github.mlmaven.runtime;

/**
 * The state of the project's git repository when a model was trained.
 *
 * @param commit the HEAD commit id, or null in a repository without commits
 * @param branch the checked-out branch, or null when HEAD is detached
 * @param dirty whether tracked files have uncommitted changes (untracked files do not count)
 * @param commitTime the HEAD commit's time, ISO-8601
 * @param author the HEAD commit's author as {@code Name <email>}
 */
public record GitLineage(String commit, String branch, boolean dirty, String commitTime, String author) {}
