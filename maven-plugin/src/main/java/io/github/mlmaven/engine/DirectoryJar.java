package io.github.mlmaven.engine;

import io.github.mlmaven.common.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A class directory of the project ({@code target/classes}) packed as a jar: Spark sends executors jars only, and a
 * classifier or filter of the project's own must reach them. Entries sorted, one fixed time, so the same classes give
 * the same bytes.
 */
public final class DirectoryJar {
    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the earliest time a zip entry holds

    private DirectoryJar() {}

    /** Writes the files under {@code directory} to {@code jar}; returns false (and writes nothing) when it has none. */
    public static boolean write(Path directory, Path jar) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(
                    "cannot read the project's classes in " + directory + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        if (files.isEmpty()) {
            return false;
        }
        try {
            AtomicFiles.write(jar, out -> {
                JarOutputStream zip = new JarOutputStream(out);
                for (Path file : files) {
                    ZipEntry entry = new ZipEntry(
                            directory.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
                    entry.setTime(FIXED_TIME);
                    zip.putNextEntry(entry);
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar + ": " + e.getMessage(), e);
        }
        return true;
    }
}
