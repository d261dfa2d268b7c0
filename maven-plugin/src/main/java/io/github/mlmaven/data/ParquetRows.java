package io.github.mlmaven.data;

import io.github.mlmaven.data.FastDatasetReader.Rows;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Parquet files in the reading paths of {@link FastDatasetReader}: each row of a {@link ParquetTable} becomes a CSV
 * record, typed by {@link CsvColumn} (training data) or parsed by {@link CsvLines} (against a known schema), so the
 * rules and messages are those of CSV. A Parquet file is read at random places (its footer first), so it is not hashed
 * as it is read: its SHA-256 is computed in a pass of its own, unless the fingerprint cache knows it, and a file whose
 * size or modification time changed meanwhile is refused as a changed CSV file is.
 */
final class ParquetRows {
    /** What a training pass does with a file's columns before its rows. */
    @FunctionalInterface
    interface Columns {
        void start(List<String> columns, String where);
    }

    private final FastDatasetReader ctx;

    ParquetRows(FastDatasetReader ctx) {
        this.ctx = ctx;
    }

    /**
     * Reads {@code file} against {@code schema} into {@code rows}: columns by name, values by the CSV rules; columns
     * {@code exclude} names are skipped.
     */
    DataFile read(Path file, Schema schema, Rows rows, Set<String> exclude) {
        String shown = ctx.owner.display(file);
        return fingerprinted(file, shown, table -> {
            int[] columnOf = CsvHeader.mapColumns(table.columns(), schema, exclude, shown);
            int numAttributes = schema.attributes().size();
            FastBytes.Dictionary[] nominal = new FastBytes.Dictionary[numAttributes];
            int[][] nominalIndex = new int[numAttributes][];
            CsvFileReader.nominalLabels(schema, nominal, nominalIndex);
            CsvLines parser = new CsvLines(
                    ctx.owner, file, schema, columnOf, table.columns().size(), nominal, nominalIndex);
            Progress progress = new Progress(ctx.log, shown);
            long[] count = {0};
            table.forEachRow(FastCsvTokenizer.detached(shown), record -> {
                parser.record(record, rows);
                progress.row(++count[0]);
            });
            return count[0];
        });
    }

    /**
     * The training pass over {@code file}: {@code columns} sees its column names, then {@code handler} each row as a
     * CSV record.
     */
    DataFile scan(Path file, Columns columns, ParquetTable.RowHandler handler) {
        String shown = ctx.owner.display(file);
        return fingerprinted(file, shown, table -> {
            columns.start(table.columns(), shown);
            return table.forEachRow(FastCsvTokenizer.detached(shown), handler);
        });
    }

    @FunctionalInterface
    private interface Body {
        long read(ParquetTable table) throws IOException;
    }

    private DataFile fingerprinted(Path file, String shown, Body body) {
        try {
            FingerprintCache.Stat before = FingerprintCache.Stat.of(file);
            String sha256 = ctx.knownHashes == null
                    ? null
                    : ctx.knownHashes.unchanged(file, before).orElse(null);
            if (sha256 == null) {
                sha256 = Sha256.ofFile(file);
            }
            long rows;
            try (ParquetTable table = ParquetTable.open(file, shown)) {
                rows = body.read(table);
            }
            FingerprintCache.Stat after = FingerprintCache.Stat.of(file);
            if (!after.equals(before)) {
                throw DataFileChangedException.whileRead(shown, before.size(), after.size());
            }
            return new DataFile(shown, file.toAbsolutePath().normalize(), sha256, rows, before.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
