package io.github.mlmaven.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a version was trained with, from its model card: enough to tell two versions of one source commit apart, and to
 * say how they differ.
 *
 * @param configurationKey the card's digest of algorithm, options, seed, class and project classes; null on cards
 *     written before it was recorded
 * @param data each training file's path and SHA-256, in the card's order
 */
public record TrainingInputs(
        String algorithm,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String options,
        @JsonInclude(JsonInclude.Include.NON_NULL) String configurationKey,
        Map<String, String> data) {

    public TrainingInputs {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * Whether the two were trained alike: the same configuration key, or (for an older card without one) the same
     * algorithm and options; and the same data files with the same contents.
     */
    public boolean sameAs(TrainingInputs other) {
        boolean configuration = configurationKey != null && other.configurationKey != null
                ? configurationKey.equals(other.configurationKey)
                : Objects.equals(algorithm, other.algorithm) && Objects.equals(blank(options), blank(other.options));
        return configuration && data.equals(other.data);
    }

    /** How {@code later} differs from this, as phrases such as {@code algorithm J48 -> NaiveBayes}; empty when alike. */
    public List<String> differences(TrainingInputs later) {
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(algorithm, later.algorithm)) {
            differences.add("algorithm " + simpleName(algorithm) + " -> " + simpleName(later.algorithm));
        }
        if (!Objects.equals(blank(options), blank(later.options))) {
            differences.add("options '" + blank(options) + "' -> '" + blank(later.options) + "'");
        }
        if (differences.isEmpty()
                && configurationKey != null
                && later.configurationKey != null
                && !configurationKey.equals(later.configurationKey)) {
            differences.add("configuration (seed, class, attribute types or project classes)");
        }
        if (!data.equals(later.data)) {
            List<String> files = new ArrayList<>();
            later.data.forEach((path, sha) -> {
                String before = data.get(path);
                if (before == null) {
                    files.add("+" + path);
                } else if (!before.equals(sha)) {
                    files.add(path + " changed");
                }
            });
            data.keySet().stream().filter(p -> !later.data.containsKey(p)).forEach(p -> files.add("-" + p));
            differences.add("data " + String.join(", ", files));
        }
        return differences;
    }

    private static String blank(String text) {
        return text == null ? "" : text.strip();
    }

    private static String simpleName(String className) {
        return className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
    }
}
