package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Turns the file paths and glob patterns of a data parameter into the files they name, in a stable order. */
public final class DataFiles {
    private DataFiles() {}

    /**
     * Resolves each entry against {@code basedir}. A plain path must exist; a glob ({@code *}, {@code ?}, {@code [},
     * {@code {}) must match at least one regular file, and its matches are sorted by path. Files named twice are kept
     * once, at their first place.
     *
     * @param parameter the parameter's name for error messages, e.g. {@code trainingData}
     */
    public static List<Path> resolve(Path basedir, List<String> entries, String parameter) {
        if (entries == null || entries.isEmpty()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "<" + parameter + "> names no file; add <" + parameter + "><file>data/train.csv</file></"
                            + parameter + ">");
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (isGlob(entry)) {
                List<Path> matches = expand(basedir, entry);
                if (matches.isEmpty()) {
                    throw new InvalidConfigurationException(
                            parameter,
                            "<" + parameter + "> pattern '" + entry + "' matches no file under " + basedir
                                    + "; check the pattern (relative to the project directory)");
                }
                files.addAll(matches);
            } else {
                Path file = basedir.resolve(entry).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new InvalidConfigurationException(
                            parameter,
                            "<" + parameter + "> file " + entry + " does not exist (looked for " + file
                                    + "); paths are relative to the project directory");
                }
                files.add(file);
            }
        }
        if (files.isEmpty()) {
            throw new InvalidConfigurationException(parameter, "<" + parameter + "> names no file");
        }
        return List.copyOf(files);
    }

    /** The path as the model card records it: relative to basedir with forward slashes, absolute when outside. */
    public static String displayPath(Path basedir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = basedir.toAbsolutePath().normalize();
        Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

    static boolean isGlob(String entry) {
        return entry.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> expand(Path basedir, String pattern) {
        String normalized = pattern.replace('\\', '/');
        // walk from the longest directory prefix without glob characters
        String[] parts = normalized.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1 && !isGlob(parts[i]); i++) {
            prefix.append(parts[i]).append('/');
        }
        Path root = basedir.resolve(prefix.toString()).normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Path absolutePattern = basedir.toAbsolutePath().normalize();
        String globText = Path.of(normalized).isAbsolute()
                ? normalized
                : absolutePattern.toString().replace('\\', '/') + "/" + normalized;
        // normalize so that '..' in a pattern matches the normalized paths it is compared with
        globText = Path.of(globText).normalize().toString().replace('\\', '/');
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + globText);
        List<Path> matches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> p.toAbsolutePath().normalize())
                    .filter(matcher::matches)
                    .sorted()
                    .forEach(matches::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return matches;
    }
}
