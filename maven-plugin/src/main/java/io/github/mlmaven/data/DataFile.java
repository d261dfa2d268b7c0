package io.github.mlmaven.data;

import java.nio.file.Path;

/**
 * One data file as read: its path relative to the project base directory (absolute when outside it), content
 * fingerprint and row count.
 */
public record DataFile(String path, Path absolutePath, String sha256, long rows, long sizeBytes) {}
