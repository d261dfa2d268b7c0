package io.github.mlmaven.data;

import java.util.List;

/**
 * What a data parameter ({@code <trainingData>}, {@code <testData>}) names, as configured: files (paths and globs), or
 * a database source. {@link DataSources#open} hands it to the provider that reads its kind.
 */
public sealed interface SourceSpec {

    /** Paths and glob patterns relative to the project directory, as written; none when the parameter is not set. */
    record Files(List<String> entries) implements SourceSpec {
        public Files {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }

        @Override
        public boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    /** Files named by {@code entries}; null stands for none. */
    static SourceSpec files(List<String> entries) {
        return new Files(entries);
    }

    /** Whether the parameter names no data at all (no file entries). */
    boolean isEmpty();
}
