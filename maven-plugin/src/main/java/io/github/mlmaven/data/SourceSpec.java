package io.github.mlmaven.data;

import io.github.mlmaven.data.jdbc.JdbcSpec;
import java.util.List;
import java.util.Objects;

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

    /** A {@code <jdbc>} source: a query extracted into snapshot parts, which are then read as files. */
    record Jdbc(JdbcSpec spec) implements SourceSpec {
        public Jdbc {
            Objects.requireNonNull(spec, "spec");
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    /** Files named by {@code entries}; null stands for none. */
    static SourceSpec files(List<String> entries) {
        return new Files(entries);
    }

    /** A database source. */
    static SourceSpec jdbc(JdbcSpec spec) {
        return new Jdbc(spec);
    }

    /** Whether the parameter names no data at all (no file entries). */
    boolean isEmpty();
}
