package io.github.mlmaven.data;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SHA-256 of each data file as last read, with the size and modification time it had then, so that an unchanged
 * file is not read again just to learn that it is unchanged (what git's index does). A file whose size or modification
 * time differs is hashed again. As in git, an entry is only trusted when the file's modification time lies clearly
 * before the moment it was hashed: a file written within the clock's granularity of its hashing could have changed
 * again without its time moving ("racily clean"), so it is re-hashed on the next run.
 *
 * <p>Kept in {@code fingerprints.json} of the model's output directory; a missing or unreadable cache only costs a
 * re-hash.
 */
public final class FingerprintCache {
    static final String FILE_NAME = "fingerprints.json";
    /** Coarser than any file system's timestamp granularity in use (FAT: 2 s). */
    static final long RACY_MARGIN_NANOS = 2_000_000_000L;

    /** What was known of one file: its size, modification time (ns since the epoch), hash and when it was hashed. */
    public record Entry(long size, long modifiedNanos, String sha256, long hashedAtNanos) {}

    /** A file's size and modification time now. */
    public record Stat(long size, long modifiedNanos) {
        public static Stat of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stat(attributes.size(), nanos(attributes.lastModifiedTime()));
        }

        /** The stat of each file, in order. */
        public static java.util.List<Stat> ofEach(java.util.List<Path> files) {
            java.util.List<Stat> stats = new java.util.ArrayList<>();
            for (Path file : files) {
                try {
                    stats.add(of(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            return stats;
        }

        static Stat of(long size, java.nio.file.attribute.FileTime modified) {
            return new Stat(size, nanos(modified));
        }

        // Written out, not generated: a record's generated equals is bootstrapped through method handles on first use,
        // which spins dozens of classes (about 40 ms of a cold build's CPU, and the JIT's time on the code that spins
        // them) for a comparison of two numbers.
        @Override
        public boolean equals(Object other) {
            return other instanceof Stat stat && stat.size == size && stat.modifiedNanos == modifiedNanos;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(size) * 31 + Long.hashCode(modifiedNanos);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private FingerprintCache(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The cache in {@code directory}; empty when absent or unreadable. */
    public static FingerprintCache load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            try {
                entries.putAll(Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {}));
            } catch (IOException | RuntimeException e) {
                entries.clear(); // a damaged cache is only a slower run
            }
        }
        return new FingerprintCache(file, entries);
    }

    /** The hash recorded for {@code data} if its size and modification time are unchanged and the entry is trusted. */
    public Optional<String> unchanged(Path data) {
        try {
            return unchanged(data, Stat.of(data));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The hash recorded for {@code data} if it had size and modification time {@code now} then, and is trusted. */
    public Optional<String> unchanged(Path data, Stat now) {
        Entry entry = entries.get(key(data));
        if (entry == null) {
            return Optional.empty();
        }
        boolean same = now.size() == entry.size() && now.modifiedNanos() == entry.modifiedNanos();
        boolean racy = entry.modifiedNanos() + RACY_MARGIN_NANOS > entry.hashedAtNanos();
        return same && !racy ? Optional.of(entry.sha256()) : Optional.empty();
    }

    /**
     * Records that {@code data}, as it was ({@code before}) when its reading started at {@code hashedAtNanos}, hashes to
     * {@code sha256}; nothing is recorded if it has changed since.
     */
    public void record(Path data, Stat before, long hashedAtNanos, String sha256) {
        try {
            if (!Stat.of(data).equals(before)) {
                entries.remove(key(data));
                return;
            }
        } catch (IOException e) {
            entries.remove(key(data));
            return;
        }
        entries.put(key(data), new Entry(before.size(), before.modifiedNanos(), sha256, hashedAtNanos));
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(
                file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
    }

    /** Now, on the same scale as file modification times. */
    public static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long nanos(java.nio.file.attribute.FileTime time) {
        java.time.Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String key(Path data) {
        return data.toAbsolutePath().normalize().toString();
    }
}
