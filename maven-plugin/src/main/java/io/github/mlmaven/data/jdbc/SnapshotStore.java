package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot directory: the immutable parts {@code part-000001.csv}, {@code part-000002.csv}, ... each with its
 * sidecar {@code part-000001.json}. A data file without a sidecar, or whose bytes no longer hash to the sidecar's
 * SHA-256, is not a part: it is warned about and ignored, never deleted (it may be someone's evidence), and its
 * sequence number is never reused.
 *
 * <p>The listing is read once per instance (each part hashed once); {@link #commit} adds to it.
 */
public final class SnapshotStore {
    static final String PREFIX = "part-";
    private static final Pattern PART_NAME = Pattern.compile("part-(\\d{6,})\\.(csv|arff)");

    private final Path directory;
    private final MlLog log;
    private @Nullable List<SnapshotPart> parts;
    private int highestSequence;

    private SnapshotStore(Path directory, MlLog log) {
        this.directory = directory;
        this.log = log;
    }

    /** The store in {@code directory}, which need not exist yet. */
    public static SnapshotStore open(Path directory, MlLog log) {
        return new SnapshotStore(directory.toAbsolutePath().normalize(), log);
    }

    public Path directory() {
        return directory;
    }

    /** The valid parts, in sequence order. */
    public synchronized List<SnapshotPart> parts() {
        if (parts == null) {
            parts = scan();
        }
        return List.copyOf(parts);
    }

    /** The part with the highest sequence number, if any. */
    public Optional<SnapshotPart> newest() {
        List<SnapshotPart> all = parts();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Where the next incremental extraction starts: the end of the newest part that has a watermark range. */
    public Optional<WatermarkPosition> recordedWatermark() {
        List<SnapshotPart> all = parts();
        for (int i = all.size() - 1; i >= 0; i--) {
            Optional<WatermarkRange> range = all.get(i).range();
            if (range.isPresent()) {
                return Optional.of(range.get().toInclusive());
            }
        }
        return Optional.empty();
    }

    /** The next free sequence number: above every part file in the folder, valid or not. */
    public synchronized int nextSequence() {
        parts();
        return highestSequence + 1;
    }

    /** {@code part-000042.csv}. */
    public static String partFileName(int sequence, String format) {
        return String.format("%s%06d.%s", PREFIX, sequence, format);
    }

    /** The sidecar of a part file: its name with {@code .json}. */
    public static Path sidecarOf(Path partFile) {
        String name = partFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return partFile.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".json");
    }

    /**
     * Moves a finished, synced temporary file into place as part {@code sequence}, then writes its sidecar
     * (atomically). Until the sidecar is in place the data file is not a part, so a crash between the two leaves
     * only an ignored file, never a part without its provenance.
     */
    synchronized SnapshotPart commit(Path temp, int sequence, PartSidecar sidecar) throws IOException {
        Path file = directory.resolve(partFileName(sequence, sidecar.format()));
        if (Files.exists(file)) {
            throw new IOException(file + " exists already; another extraction wrote into the same folder");
        }
        AtomicFiles.makeReadable(temp);
        AtomicFiles.move(temp, file);
        AtomicFiles.writeString(sidecarOf(file), Json.MAPPER.writeValueAsString(sidecar) + "\n");
        SnapshotPart part = new SnapshotPart(sequence, file, sidecar);
        parts();
        List<SnapshotPart> updated = new ArrayList<>(parts == null ? List.of() : parts);
        updated.add(part);
        parts = updated;
        highestSequence = Math.max(highestSequence, sequence);
        return part;
    }

    private List<SnapshotPart> scan() {
        TreeMap<Integer, Path> files = new TreeMap<>();
        highestSequence = 0;
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher m = PART_NAME.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry)) {
                    int sequence = Integer.parseInt(m.group(1));
                    highestSequence = Math.max(highestSequence, sequence);
                    Path other = files.put(sequence, entry);
                    if (other != null) {
                        throw new InvalidInputException(
                                "The snapshot folder " + directory + " holds two parts numbered "
                                        + sequence + ": " + other.getFileName() + " and " + entry.getFileName()
                                        + ". Move the one that does not belong out of the folder.");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the snapshot folder " + directory + ": " + e.getMessage(), e);
        }
        List<SnapshotPart> valid = new ArrayList<>();
        files.forEach((sequence, file) -> verified(sequence, file).ifPresent(valid::add));
        return valid;
    }

    private Optional<SnapshotPart> verified(int sequence, Path file) {
        Path sidecarFile = sidecarOf(file);
        if (!Files.isRegularFile(sidecarFile)) {
            log.warn("Ignoring " + file + ": it has no sidecar " + sidecarFile.getFileName()
                    + ", so it is not a finished snapshot part (an extraction stopped before writing it?). It is"
                    + " left in place; delete it once you no longer need it.");
            return Optional.empty();
        }
        PartSidecar sidecar;
        try {
            sidecar = Json.MAPPER.readValue(sidecarFile.toFile(), PartSidecar.class);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring " + file + ": its sidecar " + sidecarFile.getFileName() + " cannot be read ("
                    + e.getMessage() + "). Both files are left in place.");
            return Optional.empty();
        }
        if (sidecar.sha256() == null || !file.getFileName().toString().endsWith("." + sidecar.format())) {
            log.warn("Ignoring " + file + ": its sidecar " + sidecarFile.getFileName()
                    + " does not describe it (no sha256, or another format).");
            return Optional.empty();
        }
        String actual = Sha256.ofFile(file);
        if (!actual.equals(sidecar.sha256())) {
            log.warn("Ignoring " + file + ": its SHA-256 is " + actual + " but its sidecar records " + sidecar.sha256()
                    + ", so it changed after it was extracted. It is left in place; restore it, or move it and its"
                    + " sidecar out of the folder.");
            return Optional.empty();
        }
        return Optional.of(new SnapshotPart(sequence, file, sidecar));
    }
}
