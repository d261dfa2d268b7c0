package io.github.mlmaven.workflow;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The snapshot parts a model was trained on, as one zip beside the promoted model, and back: each part file with its
 * sidecar ({@code part-000001.csv} and {@code part-000001.json}), flat. The zip's bytes depend only on the parts:
 * entries sorted by name, one fixed time, no extra fields, so two promotions of the same rows publish the same bytes.
 * Every part is checked against the SHA-256 the model card records, when zipped and when unpacked.
 */
final class SnapshotArchive {
    /** Entries carry this time rather than the files' own, which would make each zip different. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    /** The names a snapshot folder holds: a part, or a part's sidecar; nothing with a path. */
    private static final Pattern ENTRY = Pattern.compile("part-[0-9]{6,}\\.(csv|arff|json)");

    private SnapshotArchive() {}

    /**
     * A part as the model card records it.
     *
     * @param file its file name in the snapshot folder, e.g. {@code part-000001.csv}
     */
    record Part(String file, String sha256) {}

    /** The sidecar of a part: the same name with {@code .json}. */
    static String sidecar(String partFile) {
        int dot = partFile.lastIndexOf('.');
        return (dot < 0 ? partFile : partFile.substring(0, dot)) + ".json";
    }

    /**
     * Zips the parts of {@code folder} with their sidecars into {@code zip} (atomically).
     *
     * @param secrets strings that must appear in no sidecar (the source's password): refused if one does
     * @throws InvalidInputException when a part or its sidecar is missing or a part's bytes differ from the card's
     */
    static void write(Path folder, List<Part> parts, List<String> secrets, Path zip) {
        Map<String, Path> entries = new TreeMap<>();
        Map<String, String> expected = new HashMap<>();
        for (Part part : parts) {
            check(part.file(), folder);
            entries.put(part.file(), folder.resolve(part.file()));
            entries.put(sidecar(part.file()), folder.resolve(sidecar(part.file())));
            expected.put(part.file(), part.sha256());
        }
        for (Map.Entry<String, Path> entry : entries.entrySet()) {
            if (!Files.isRegularFile(entry.getValue())) {
                throw new InvalidInputException(entry.getValue() + " is missing, but the model was trained on it; the"
                        + " snapshot parts a model was trained on must stay in " + folder + " until it is promoted"
                        + " (or retrain on the parts that are there)");
            }
        }
        try {
            Files.createDirectories(zip.toAbsolutePath().getParent());
            AtomicFiles.write(zip, out -> {
                ZipOutputStream zipped = new ZipOutputStream(out, StandardCharsets.UTF_8);
                for (Map.Entry<String, Path> entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    zipEntry.setTimeLocal(FIXED_TIME);
                    zipped.putNextEntry(zipEntry);
                    String sha256 = copy(entry.getValue(), zipped);
                    String wanted = expected.get(entry.getKey());
                    if (wanted != null && !wanted.equalsIgnoreCase(sha256)) {
                        throw new InvalidInputException(entry.getValue() + " has SHA-256 " + sha256 + ", but the"
                                + " model was trained on a part with SHA-256 " + wanted + "; the part changed after"
                                + " training, so it cannot be published as the model's data: retrain, then promote");
                    }
                    if (wanted == null) {
                        refuseSecrets(entry.getValue(), secrets);
                    }
                    zipped.closeEntry();
                }
                zipped.finish();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * Unpacks a zip written by {@link #write} into {@code directory}: each part is checked against the SHA-256 the
     * production card records (every recorded part must be in the zip) and moved in before its sidecar, so that a
     * stopped restore leaves no sidecar without its part. Parts already there with the same bytes are kept.
     *
     * @param expected the card's parts; empty to check only that each part matches its sidecar's file
     * @return the parts now in {@code directory}, in name order
     */
    static List<Path> unpack(Path zip, List<Part> expected, Path directory) {
        Map<String, String> wanted = new LinkedHashMap<>();
        expected.forEach(p -> wanted.put(p.file(), p.sha256()));
        List<Path> written = new ArrayList<>();
        Path staging = null;
        try {
            Files.createDirectories(directory);
            staging = Files.createTempDirectory(directory, ".restore-");
            Map<String, String> found = new TreeMap<>();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String name = entry.getName();
                    if (entry.isDirectory() || !ENTRY.matcher(name).matches()) {
                        throw new InvalidInputException(zip + " holds " + name + ", which is no snapshot part; it"
                                + " was not written by ml:promote, so nothing of it is restored");
                    }
                    try (OutputStream out = Files.newOutputStream(staging.resolve(name))) {
                        found.put(name, copy(in, out));
                    }
                }
            }
            for (Map.Entry<String, String> part : wanted.entrySet()) {
                String sha256 = found.get(part.getKey());
                if (sha256 == null || !found.containsKey(sidecar(part.getKey()))) {
                    throw new InvalidInputException(zip + " lacks " + part.getKey() + " (or its sidecar), which the"
                            + " production model was trained on; the published data is incomplete");
                }
                if (!sha256.equalsIgnoreCase(part.getValue())) {
                    throw new InvalidInputException(part.getKey() + " in " + zip + " has SHA-256 " + sha256 + ", but"
                            + " the production model's card records " + part.getValue() + "; nothing was restored");
                }
            }
            List<String> parts = found.keySet().stream()
                    .filter(n -> !n.endsWith(".json"))
                    .filter(n -> wanted.isEmpty() || wanted.containsKey(n))
                    .sorted()
                    .toList();
            for (String part : parts) {
                move(staging, part, directory, found.get(part));
                written.add(directory.resolve(part));
            }
            for (String part : parts) {
                if (found.containsKey(sidecar(part))) {
                    move(staging, sidecar(part), directory, found.get(sidecar(part)));
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot restore the snapshot parts of " + zip + " into " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static void move(Path staging, String name, Path directory, String sha256) throws IOException {
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target)) {
            if (Sha256.ofFile(target).equalsIgnoreCase(sha256)) {
                return;
            }
            throw new InvalidInputException(target + " exists with other bytes than the published " + name + "; it"
                    + " was left as it is and nothing more was restored: move it away to restore the published parts");
        }
        AtomicFiles.move(staging.resolve(name), target);
    }

    private static void check(String file, Path folder) {
        if (!ENTRY.matcher(file).matches()) {
            throw new InvalidInputException("the model card names snapshot part '" + file + "' in " + folder
                    + ", which is no part file name (part-NNNNNN.csv or .arff)");
        }
    }

    /** A sidecar is written by the extraction, which never puts a credential in it; this makes sure. */
    private static void refuseSecrets(Path sidecar, List<String> secrets) throws IOException {
        String text = Files.readString(sidecar, StandardCharsets.UTF_8);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3 && text.contains(secret)) {
                throw new InvalidInputException(sidecar + " holds the database password; it is not published."
                        + " Remove it from the sidecar (and from the JDBC URL: give credentials by <serverId> or"
                        + " <passwordEnv>), then promote");
            }
        }
    }

    private static String copy(Path file, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, out);
        }
    }

    private static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        DigestInputStream hashing = new DigestInputStream(in, digest);
        for (int n = hashing.read(buffer); n >= 0; n = hashing.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return Sha256.hex(digest.digest());
    }

    private static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a staging folder of our own; what is left is named .restore-* and ignored by the snapshot store
        }
    }
}
