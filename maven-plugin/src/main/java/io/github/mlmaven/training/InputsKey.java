package io.github.mlmaven.training;

import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The up-to-date key of a training run: a SHA-256 over everything that can change the model. Equal keys mean
 * retraining would reproduce the same model, so training is skipped.
 *
 * <p>Data is keyed by the identity and content hash of each part of its source. Directories on the classpath (the project's compiled classes) are hashed file
 * by file by content; jars by path, size and modification time, which changes whenever Maven replaces a jar.
 */
public final class InputsKey {
    private final TreeMap<String, String> parts = new TreeMap<>();

    public InputsKey put(String name, Object value) {
        parts.put(name, String.valueOf(value));
        return this;
    }

    public InputsKey putAll(String prefix, Map<String, ?> values) {
        values.forEach((k, v) -> put(prefix + "." + k, v));
        return this;
    }

    /**
     * The data a model is trained on, part by part: each part's identity with its content hash, so that renaming,
     * reordering or changing a part changes the key.
     */
    public InputsKey data(List<String> identities, List<String> hashes) {
        if (identities.size() != hashes.size()) {
            throw new IllegalArgumentException(identities.size() + " data parts but " + hashes.size() + " hashes");
        }
        for (int i = 0; i < identities.size(); i++) {
            put(String.format("data.%04d", i), identities.get(i) + "@" + hashes.get(i));
        }
        return this;
    }

    public InputsKey classpath(List<Path> elements) {
        for (int i = 0; i < elements.size(); i++) {
            put(String.format("classpath.%04d", i), elements.get(i) + "@" + hashClasspathElement(elements.get(i)));
        }
        return this;
    }

    /**
     * The classpath in a form that compares across machines: directories (the project's classes) by content, jars by
     * file name and size, without their absolute paths or modification times.
     */
    public InputsKey portableClasspath(List<Path> elements) {
        for (int i = 0; i < elements.size(); i++) {
            Path element = elements.get(i);
            String identity;
            try {
                identity = Files.isRegularFile(element)
                        ? element.getFileName() + ":" + Files.size(element)
                        : "dir:" + hashClasspathElement(element);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath element " + element + ": " + e.getMessage(), e);
            }
            put(String.format("classpath.%04d", i), identity);
        }
        return this;
    }

    public String digest() {
        MessageDigest digest = Sha256.newDigest();
        parts.forEach((k, v) -> {
            digest.update((k + "=" + v + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        return Sha256.hex(digest.digest());
    }

    /** Identifies the jar (or class folder) a class was loaded from, so a rebuilt SNAPSHOT of the plugin counts. */
    public static String codeIdentity(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null) {
                return "unknown";
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isDirectory(location) ? "classes" : hashClasspathElement(location);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    static String hashClasspathElement(Path element) {
        try {
            if (Files.isDirectory(element)) {
                MessageDigest digest = Sha256.newDigest();
                try (Stream<Path> walk = Files.walk(element)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update(
                                element.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        digest.update(Sha256.ofFile(file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                return Sha256.hex(digest.digest());
            }
            if (Files.isRegularFile(element)) {
                return Files.size(element) + ":"
                        + Files.getLastModifiedTime(element).toMillis();
            }
            return "absent";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath element " + element + ": " + e.getMessage(), e);
        }
    }
}
