package io.github.mlmaven.data;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.ModelCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where rows come from. A source is read as a sequence of parts (for files, one part per file), each with an identity
 * as the model card shows it, a content hash and a row count ({@link DataFile}); together they are the source's
 * fingerprint, which the up-to-date key, the model card and the count of new rows are built from. The workflows see
 * only this interface: a new kind of source (a database query extracted into snapshot files, Parquet files) is one
 * class implementing it, plus its {@link Provider} in {@link DataSources}.
 *
 * <p>A source remembers the hashes of the parts it reads in {@link Context#fingerprints()}, so that a part unchanged
 * since it was last hashed is not read again just to learn that it is unchanged.
 */
public interface DataSource {

    /**
     * What a source is opened with.
     *
     * @param basedir the project directory, which relative names are resolved against and identities are shown from
     * @param stateDirectory the model's output directory, where a source may keep what it needs between runs
     * @param fingerprints the hashes of parts as last read, shared by all sources of one run
     * @param production the production model's card and published snapshot parts, which a database source continues
     *     from in a fresh checkout
     * @param extract when a database source extracts new rows: ml:train and ml:extract always, ml:validate only when
     *     there is no snapshot part yet (it evaluates on the rows the model was trained against)
     * @param exclude columns dropped from every source as it is read ({@code <exclude>}); when reading against a known
     *     schema, a column the schema lacks is skipped if it is named here
     */
    record Context(
            Path basedir,
            Path stateDirectory,
            MlLog log,
            FingerprintCache fingerprints,
            ProductionData production,
            Extract extract,
            Set<String> exclude) {
        public Context {
            production = production == null ? ProductionData.NONE : production;
            extract = extract == null ? Extract.ALWAYS : extract;
            exclude = exclude == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(exclude));
        }

        /**
         * The context of a model whose outputs are in {@code stateDirectory}, with the hashes recorded there: no
         * production data, extracting always, dropping no column.
         */
        public static Context of(Path basedir, Path stateDirectory, MlLog log) {
            return new Context(
                    basedir,
                    stateDirectory,
                    log,
                    FingerprintCache.load(stateDirectory),
                    ProductionData.NONE,
                    Extract.ALWAYS,
                    Set.of());
        }

        public Context withProduction(ProductionData data) {
            return new Context(basedir, stateDirectory, log, fingerprints, data, extract, exclude);
        }

        public Context withExtract(Extract when) {
            return new Context(basedir, stateDirectory, log, fingerprints, production, when, exclude);
        }

        public Context withExclude(Collection<String> columns) {
            return new Context(
                    basedir, stateDirectory, log, fingerprints, production, extract, new LinkedHashSet<>(columns));
        }
    }

    /** When a source that extracts its rows from elsewhere (a database) does so as it is opened. */
    enum Extract {
        /** Every time: new rows are picked up (ml:train, ml:extract). */
        ALWAYS,
        /** Only when nothing was extracted yet: the parts there are read as they are (ml:validate). */
        WHEN_NO_PART
    }

    /** Opens the sources of one kind; {@link DataSources} asks each provider in turn. */
    interface Provider {
        /** Whether this provider reads what {@code spec} names. */
        boolean accepts(SourceSpec spec);

        /**
         * The source named by {@code spec}; a name that names nothing is an InvalidConfigurationException for
         * {@code parameter}.
         */
        DataSource open(Context context, SourceSpec spec, String parameter);
    }

    /** Of one part, whether it changed since a recorded fingerprint and how many of its last rows are new. */
    record NewRows(String change, long rows) {}

    /** The configuration parameter that names the source (e.g. {@code trainingData}), named in its messages. */
    String parameter();

    /** Each part's identity as the card and the up-to-date key show it, in reading order. */
    List<String> identities();

    /**
     * Where each part's bytes are, in reading order, for a reader outside this JVM (a Spark job): a file source's
     * files, a database source's snapshot parts.
     */
    List<Path> partFiles();

    /**
     * The columns this source drops as it reads ({@code <exclude>}, and a database source's watermark columns), which
     * a reader outside this JVM must drop too.
     */
    Set<String> droppedColumns();

    /** Each part's content hash when all are known without reading them (unchanged since last hashed), else empty. */
    Optional<List<String>> knownHashes();

    /** Each part's content hash, without parsing rows; remembered for the next run. */
    List<String> hashes();

    /** Whether the schema is known before the rows are read (a header), so that no typing pass over rows is needed. */
    boolean schemaInHeader();

    /** The schema decided from the data, without keeping rows: column types, nominal values, the class attribute. */
    Schema schema(ReadOptions options);

    /** All rows into memory, the schema decided from the data; refuses data no classifier can learn from. */
    Dataset read(ReadOptions options);

    /** All rows into memory against a known schema; {@code parameter} is the name its messages give the data. */
    Dataset read(Schema schema, String parameter);

    /** Each row, against {@code schema}, to {@code sink}; none is kept. Refuses data only a read in memory handles. */
    List<DataFile> stream(Schema schema, String parameter, RowSink sink);

    /** How the rows read are described on the model card: one entry per part, and the totals. */
    default ModelCard.DataSection describe(Dataset dataset) {
        List<ModelCard.FileEntry> parts = new ArrayList<>();
        long bytes = 0;
        for (DataFile part : dataset.files()) {
            parts.add(new ModelCard.FileEntry(part.path(), part.sha256(), part.rows(), part.sizeBytes()));
            bytes += part.sizeBytes();
        }
        return new ModelCard.DataSection(parts, dataset.rows(), bytes, dataset.classDistribution());
    }

    /**
     * What counts as new rows in each part since the data {@code recorded} on an earlier card (the production
     * model's; null when that card has no data section), in reading order. A part whose hash is among the recorded
     * parts is {@code unchanged} wherever it now lives; a part whose identity they do not list is {@code new}; a listed
     * part that changed and has more rows is {@code grown}, its rows taken to be appended; one that changed without
     * gaining rows is {@code changed} and counts none (edited rows cannot be told from old ones by a fingerprint). A
     * source that knows better (a watermark column) overrides this; the new rows of a part are always its last ones.
     */
    default List<NewRows> newRowsSince(List<DataFile> parts, ModelCard.DataSection recorded) {
        Set<String> recordedHashes = new HashSet<>();
        Map<String, Long> recordedRows = new HashMap<>();
        for (ModelCard.FileEntry entry : recordedFiles(recorded)) {
            recordedHashes.add(entry.sha256());
            recordedRows.put(entry.path(), entry.rows());
        }
        List<NewRows> changes = new ArrayList<>();
        for (DataFile part : parts) {
            if (recordedHashes.contains(part.sha256())) {
                changes.add(new NewRows("unchanged", 0));
            } else if (!recordedRows.containsKey(part.path())) {
                changes.add(new NewRows("new", part.rows()));
            } else if (part.rows() > recordedRows.get(part.path())) {
                changes.add(new NewRows("grown", part.rows() - recordedRows.get(part.path())));
            } else {
                changes.add(new NewRows("changed", 0));
            }
        }
        return changes;
    }

    /** The parts a data section records; none without one. */
    static List<ModelCard.FileEntry> recordedFiles(ModelCard.DataSection recorded) {
        return recorded != null && recorded.files() != null ? recorded.files() : List.of();
    }
}
