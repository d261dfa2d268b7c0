package io.github.mlmaven.data;

import java.nio.file.Path;

/**
 * One part of a {@link DataSource} as read (for files, one file): its identity as the model card shows it (a file's path
 * relative to the project base directory, absolute when outside it), where its bytes are, their SHA-256, its row count
 * and size.
 */
public record DataFile(String path, Path absolutePath, String sha256, long rows, long sizeBytes) {}
