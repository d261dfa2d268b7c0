package io.github.mlmaven.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads a jar's entries as bytes, and writes altered copies of it, as someone tampering with an artifact in a
 * repository would: replace one entry's bytes, or leave an entry out.
 */
public final class Jars {
    private Jars() {}

    /** Every entry's name and bytes, in the order they are stored; directories have empty content. */
    public static Map<String, byte[]> entries(Path jar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of one entry. */
    public static byte[] entry(Path jar, String name) {
        byte[] content = entries(jar).get(name);
        if (content == null) {
            throw new AssertionError(
                    jar + " has no entry " + name + "; it has " + entries(jar).keySet());
        }
        return content;
    }

    /** Writes a jar of these entries, in this order. */
    public static Path write(Path jar, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code source} with one entry's bytes replaced. */
    public static Path withEntryReplaced(Path source, Path target, String name, UnaryOperator<byte[]> replace) {
        Map<String, byte[]> entries = entries(source);
        if (!entries.containsKey(name)) {
            throw new AssertionError(source + " has no entry " + name + "; it has " + entries.keySet());
        }
        entries.put(name, replace.apply(entries.get(name)));
        return write(target, entries);
    }

    /** A copy of {@code source} without one entry. */
    public static Path withoutEntry(Path source, Path target, String name) {
        Map<String, byte[]> entries = entries(source);
        if (entries.remove(name) == null) {
            throw new AssertionError(source + " has no entry " + name + "; it has " + entries.keySet());
        }
        return write(target, entries);
    }
}
