package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.jdbc.Extraction;
import io.github.mlmaven.data.jdbc.JdbcConnector;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.data.jdbc.PartSidecar;
import io.github.mlmaven.data.jdbc.SnapshotExtractor;
import io.github.mlmaven.data.jdbc.SnapshotPart;
import io.github.mlmaven.data.jdbc.SnapshotStore;
import io.github.mlmaven.data.jdbc.WatermarkPosition;
import io.github.mlmaven.data.jdbc.WatermarkRange;
import io.github.mlmaven.runtime.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@code <jdbc>} source: the query's rows extracted into immutable snapshot parts ({@link SnapshotExtractor}), which
 * are then read as the CSV or ARFF files they are by a {@link FileDataSource}: one part per extraction, identified by
 * its path in the project, fingerprinted by its SHA-256. In watermark mode the source is every part, in order; in full
 * mode (no watermark) only the newest, which holds the query's whole result.
 *
 * <p>Opening the source is when rows are extracted: always for ml:train (so a database without new rows leaves the
 * parts, and the up-to-date key, as they were), only when there is no part yet for ml:validate ({@link
 * DataSource.Extract}). A snapshot folder with no part is first given the parts published with the production version
 * ({@link ProductionData}), checked against its card, so that a fresh checkout continues where production stopped.
 *
 * <p>The watermark and tie-breaker columns order and bound the extraction and are dropped as the parts are read, as are
 * the columns of {@code <exclude>}. An error about the rows names the part and where its rows came from.
 */
public final class JdbcDataSource implements DataSource {
    static final Provider PROVIDER = new Provider() {
        @Override
        public boolean accepts(SourceSpec spec) {
            return spec instanceof SourceSpec.Jdbc;
        }

        @Override
        public DataSource open(Context context, SourceSpec spec, String parameter) {
            // the drivers are on the core's class path (the plugin's <dependencies>), which DriverManager cannot see
            SnapshotExtractor extractor = new SnapshotExtractor(
                    new JdbcConnector(JdbcDataSource.class.getClassLoader()), Clock.systemUTC(), context.log());
            return JdbcDataSource.open(context, ((SourceSpec.Jdbc) spec).spec(), parameter, extractor);
        }
    };

    private final JdbcSpec spec;
    private final String parameter;
    private final List<SnapshotPart> parts;
    private final FileDataSource files;

    private JdbcDataSource(Context context, JdbcSpec spec, String parameter, List<SnapshotPart> parts) {
        this.spec = spec;
        this.parameter = parameter;
        this.parts = List.copyOf(parts);
        Set<String> dropped = new LinkedHashSet<>(context.exclude());
        if (spec.watermark() != null) {
            // as the database labels them in the result (H2 upper-cases unquoted names), as the extraction found them
            List<String> columns = parts.isEmpty()
                    ? List.of()
                    : parts.get(parts.size() - 1).sidecar().columns();
            dropped.add(label(columns, spec.watermark().column()));
            if (spec.watermark().tieBreaker() != null) {
                dropped.add(label(columns, spec.watermark().tieBreaker()));
            }
        }
        this.files = new FileDataSource(
                context.withExclude(dropped),
                parts.stream().map(SnapshotPart::file).toList(),
                parameter);
    }

    /** The result's label of a configured column name: the same name, else the one equal ignoring case. */
    private static String label(List<String> columns, String name) {
        if (columns.contains(name)) {
            return name;
        }
        return columns.stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
    }

    /**
     * Opens the source: restores production's parts into an empty snapshot folder, extracts when {@code context} says
     * so, and reads the parts there.
     */
    static JdbcDataSource open(Context context, JdbcSpec spec, String parameter, SnapshotExtractor extractor) {
        SnapshotStore store = SnapshotStore.open(spec.snapshotDirectory(), context.log());
        boolean restored = false;
        // production's parts of another query or watermark column are another history: an empty folder then starts a
        // new one, which is how a team resets the history (docs/data-sources.md)
        if (store.parts().isEmpty() && !otherHistory(recordedExtraction(context, parameter), spec)) {
            SnapshotStore withProduction = restore(context, spec, parameter, store);
            restored = withProduction != store;
            store = withProduction;
        }
        List<SnapshotPart> parts;
        if (context.extract() == Extract.ALWAYS || store.parts().isEmpty()) {
            Optional<WatermarkPosition> production = productionWatermark(context, spec, parameter);
            if (production.isPresent() && !restored && store.parts().isEmpty()) {
                context.log()
                        .warn("<" + parameter + ">: the production version's snapshot parts are not available, so"
                                + " only the rows after its watermark " + production.get() + " are extracted and"
                                + " trained on. To train on every row, delete " + store.directory()
                                + " and run ml:train with no production version to continue from (see"
                                + " docs/data-sources.md, resetting the history)");
            }
            Extraction extraction = extractor.extract(spec, store, production);
            parts = extraction.parts();
            context.log().info(extracted(parameter, spec, store, extraction));
        } else {
            parts = spec.watermark() != null
                    ? store.parts()
                    : store.newest().map(List::of).orElse(List.of());
            context.log()
                    .info("<" + parameter + ">: reading the " + parts.size() + " snapshot part"
                            + (parts.size() == 1 ? "" : "s") + " in " + shown(context, store.directory())
                            + " as they are (nothing is extracted when parts exist)");
        }
        warnIfFromElsewhere(context, spec, parameter, parts);
        return new JdbcDataSource(context, spec, parameter, parts);
    }

    private static String extracted(String parameter, JdbcSpec spec, SnapshotStore store, Extraction extraction) {
        long rows = extraction.parts().stream().mapToLong(SnapshotPart::rows).sum();
        String read = String.format(
                Locale.ROOT,
                "; reading %d part%s, %,d rows",
                extraction.parts().size(),
                extraction.parts().size() == 1 ? "" : "s",
                rows);
        if (extraction.newPart().isEmpty()) {
            return "<" + parameter + "> " + spec.sanitizedUrl() + ": no new rows" + read;
        }
        return String.format(
                Locale.ROOT,
                "<%s> %s: extracted %,d rows into %s%s",
                parameter,
                spec.sanitizedUrl(),
                extraction.rows(),
                store.directory().relativize(extraction.newPart().get().file()).toString(),
                read);
    }

    /**
     * A snapshot folder with no part receives the parts published with the production version; they must be those
     * its card lists, byte for byte, or they are removed again and the build fails.
     */
    private static SnapshotStore restore(Context context, JdbcSpec spec, String parameter, SnapshotStore store) {
        List<Path> restored = context.production().restoreSnapshot(parameter, store.directory());
        if (restored.isEmpty()) {
            return store;
        }
        SnapshotStore again = SnapshotStore.open(store.directory(), context.log());
        Optional<String> mismatch = mismatchWithCard(context, parameter, again);
        if (mismatch.isPresent()) {
            for (Path file : restored) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
                }
            }
            throw new InvalidInputException("The snapshot parts published with the production version do not match"
                    + " its model card: " + mismatch.get() + ". The restored files were removed from "
                    + store.directory() + "; republish the production version, or reset the history (see"
                    + " docs/data-sources.md)");
        }
        context.log()
                .info("<" + parameter + ">: restored " + again.parts().size() + " snapshot part"
                        + (again.parts().size() == 1 ? "" : "s") + " of the production version into "
                        + shown(context, store.directory()));
        return again;
    }

    /** The first part the production card lists for training that is not restored as it was recorded. */
    private static Optional<String> mismatchWithCard(Context context, String parameter, SnapshotStore store) {
        ModelCard.Extraction recorded = recordedExtraction(context, parameter);
        if (recorded == null) {
            return Optional.empty();
        }
        Map<String, String> restored = new HashMap<>();
        for (SnapshotPart part : store.parts()) {
            restored.put(part.file().getFileName().toString(), part.sha256());
        }
        for (ModelCard.SnapshotPart part : recorded.parts()) {
            String sha = restored.get(part.path());
            if (sha == null) {
                return Optional.of(part.path() + " is missing or not a valid part");
            }
            if (!sha.equals(part.sha256())) {
                return Optional.of(part.path() + " has SHA-256 " + sha + ", the card records " + part.sha256());
            }
        }
        return Optional.empty();
    }

    /** The production card's extraction of the training data (the card describes no other); null without one. */
    private static ModelCard.Extraction recordedExtraction(Context context, String parameter) {
        if (!"trainingData".equals(parameter)) {
            return null;
        }
        return context.production()
                .card()
                .map(ModelCard::data)
                .map(ModelCard.DataSection::extraction)
                .orElse(null);
    }

    /**
     * Where production's extraction stopped, for a fresh snapshot folder to continue from: only when production read
     * the same query with the same watermark column.
     */
    private static Optional<WatermarkPosition> productionWatermark(Context context, JdbcSpec spec, String parameter) {
        ModelCard.Extraction recorded = recordedExtraction(context, parameter);
        if (spec.watermark() == null || recorded == null || recorded.watermarkTo() == null) {
            return Optional.empty();
        }
        if (otherHistory(recorded, spec)) {
            context.log()
                    .info("<" + parameter + ">: the production version was extracted with another query or watermark"
                            + " column, so extraction does not continue from its watermark");
            return Optional.empty();
        }
        return Optional.of(new WatermarkPosition(recorded.watermarkTo(), recorded.tieBreakerTo()));
    }

    /** Whether production's recorded extraction read another query, or with another watermark column. */
    private static boolean otherHistory(ModelCard.Extraction recorded, JdbcSpec spec) {
        return recorded != null
                && (!spec.querySha256().equals(recorded.querySha256())
                        || !java.util.Objects.equals(
                                spec.watermark() == null
                                        ? null
                                        : spec.watermark().column(),
                                recorded.watermarkColumn()));
    }

    private static void warnIfFromElsewhere(
            Context context, JdbcSpec spec, String parameter, List<SnapshotPart> parts) {
        for (SnapshotPart part : parts) {
            if (!spec.querySha256().equals(part.sidecar().querySha256())) {
                context.log()
                        .warn("<" + parameter + ">: snapshot part " + shown(context, part.file())
                                + " was extracted by another query (SHA-256 "
                                + part.sidecar().querySha256()
                                + "); it is read with the others. If the query changed on purpose, reset the"
                                + " history (see docs/data-sources.md)");
                return;
            }
        }
    }

    private static String shown(Context context, Path file) {
        return DataFiles.displayPath(context.basedir(), file);
    }

    // ---------------------------------------------------------------- DataSource

    @Override
    public String parameter() {
        return parameter;
    }

    /** The parts read, in order: every part in watermark mode, the newest in full mode. */
    public List<SnapshotPart> parts() {
        return parts;
    }

    @Override
    public List<Path> partFiles() {
        requireParts();
        return files.partFiles();
    }

    @Override
    public Set<String> droppedColumns() {
        return files.droppedColumns();
    }

    @Override
    public List<String> identities() {
        return files.identities();
    }

    /** The sidecars' hashes: the snapshot store checked each part's bytes against its sidecar when it listed them. */
    @Override
    public Optional<List<String>> knownHashes() {
        return parts.isEmpty()
                ? Optional.empty()
                : Optional.of(parts.stream().map(SnapshotPart::sha256).toList());
    }

    @Override
    public List<String> hashes() {
        requireParts();
        return parts.stream().map(SnapshotPart::sha256).toList();
    }

    @Override
    public boolean schemaInHeader() {
        return !parts.isEmpty() && files.schemaInHeader();
    }

    @Override
    public Schema schema(ReadOptions options) {
        requireParts();
        return naming(() -> files.schema(options));
    }

    @Override
    public Dataset read(ReadOptions options) {
        requireParts();
        return naming(() -> files.read(options));
    }

    @Override
    public Dataset read(Schema schema, String parameter) {
        requireParts();
        return naming(() -> files.read(schema, parameter));
    }

    @Override
    public List<DataFile> stream(Schema schema, String parameter, RowSink sink) {
        requireParts();
        return naming(() -> files.stream(schema, parameter, sink));
    }

    /** The files' data section, with where the rows were extracted from. */
    @Override
    public ModelCard.DataSection describe(Dataset dataset) {
        ModelCard.DataSection read = DataSource.super.describe(dataset);
        return new ModelCard.DataSection(
                read.files(), read.totalRows(), read.totalBytes(), read.classDistribution(), extraction());
    }

    /** The card's extraction section of the parts read; credentials never reach it (the sidecars hold none). */
    ModelCard.Extraction extraction() {
        requireParts();
        SnapshotPart last = parts.get(parts.size() - 1);
        PartSidecar sidecar = last.sidecar();
        WatermarkRange first = parts.get(0).range().orElse(null);
        WatermarkPosition to = last.range().map(WatermarkRange::toInclusive).orElse(null);
        WatermarkPosition from = first == null ? null : first.fromExclusive();
        List<ModelCard.SnapshotPart> read = new ArrayList<>();
        long rows = 0;
        for (SnapshotPart part : parts) {
            read.add(new ModelCard.SnapshotPart(part.file().getFileName().toString(), part.sha256(), part.rows()));
            rows += part.rows();
        }
        return new ModelCard.Extraction(
                sidecar.url(),
                sidecar.querySha256(),
                sidecar.driver(),
                sidecar.watermarkColumn(),
                sidecar.tieBreaker(),
                from == null ? null : from.value(),
                to == null ? null : to.value(),
                to == null ? null : to.tieBreaker(),
                rows,
                read);
    }

    /**
     * New rows are those production has not seen. Watermark mode: the rows above the watermark production's card
     * records (rows appearing below it later are never extracted, so they cannot be new); without such a watermark,
     * the parts' own rule (a part production was trained on is unchanged, a later one is new). Full mode: the one part
     * read holds the whole result again, so a part production did not see is compared with all the rows production
     * read, and only the rows beyond them count as new (the query's order is taken to append them).
     */
    @Override
    public List<NewRows> newRowsSince(List<DataFile> read, ModelCard.DataSection recorded) {
        List<ModelCard.FileEntry> files = DataSource.recordedFiles(recorded);
        if (spec.watermark() != null) {
            Optional<WatermarkPosition> seen = productionWatermark(recorded);
            return seen.isPresent() && read.size() == parts.size()
                    ? aboveWatermark(read, files, seen.get())
                    : DataSource.super.newRowsSince(read, recorded);
        }
        if (files.isEmpty()) {
            return DataSource.super.newRowsSince(read, recorded);
        }
        long before = files.stream().mapToLong(ModelCard.FileEntry::rows).sum();
        Set<String> recordedHashes = new java.util.HashSet<>();
        files.forEach(entry -> recordedHashes.add(entry.sha256()));
        List<NewRows> changes = new ArrayList<>();
        for (DataFile part : read) {
            if (recordedHashes.contains(part.sha256())) {
                changes.add(new NewRows("unchanged", 0));
            } else if (part.rows() > before) {
                changes.add(new NewRows("grown", part.rows() - before));
            } else {
                changes.add(new NewRows("changed", 0));
            }
        }
        return changes;
    }

    /** Where production's extraction stopped, when it used this watermark column. */
    private Optional<WatermarkPosition> productionWatermark(ModelCard.DataSection recorded) {
        ModelCard.Extraction extraction = recorded == null ? null : recorded.extraction();
        if (extraction == null
                || extraction.watermarkTo() == null
                || !spec.watermark().column().equalsIgnoreCase(String.valueOf(extraction.watermarkColumn()))) {
            return Optional.empty();
        }
        return Optional.of(new WatermarkPosition(extraction.watermarkTo(), extraction.tieBreakerTo()));
    }

    /**
     * Per part (in the order read, which is the parts'): none when production was trained on it or it ends at or below
     * production's watermark, all of it when it starts at or above it, else (a part extracted here across production's
     * watermark) its rows above it, counted in the part's watermark column; a part holds its rows in watermark order,
     * so they are its last ones.
     */
    private List<NewRows> aboveWatermark(List<DataFile> read, List<ModelCard.FileEntry> files, WatermarkPosition seen) {
        Set<String> recordedHashes = new java.util.HashSet<>();
        files.forEach(entry -> recordedHashes.add(entry.sha256()));
        List<NewRows> changes = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            SnapshotPart part = parts.get(i);
            WatermarkRange range = part.range().orElse(null);
            if (recordedHashes.contains(read.get(i).sha256())
                    || range == null
                    || WatermarkOrder.compare(range.toInclusive(), seen) <= 0) {
                changes.add(new NewRows("unchanged", 0));
            } else if (range.fromExclusive() != null && WatermarkOrder.compare(range.fromExclusive(), seen) >= 0) {
                changes.add(new NewRows("new", read.get(i).rows()));
            } else {
                changes.add(new NewRows("new", rowsAbove(part, seen)));
            }
        }
        return changes;
    }

    /**
     * The rows of {@code part} above {@code seen}, by its watermark and tie-breaker cells. The cells hold timestamps to
     * the millisecond, so a row within the millisecond of production's watermark is taken as seen.
     */
    private long rowsAbove(SnapshotPart part, WatermarkPosition seen) {
        List<String> columns = part.sidecar().columns();
        int value = columns.indexOf(label(columns, spec.watermark().column()));
        int tie = spec.watermark().tieBreaker() == null
                ? -1
                : columns.indexOf(label(columns, spec.watermark().tieBreaker()));
        if (value < 0) {
            return part.rows();
        }
        String shown = part.file().getFileName().toString();
        long above = 0;
        try (ChunkedInput in = new ChunkedInput(part.file(), shown, null, null, ReadTuning.DEFAULTS.maxRowBytes())) {
            FastCsvTokenizer csv = new FastCsvTokenizer(in, shown);
            csv.next(); // the header
            while (csv.next()) {
                String tieBreaker = tie >= 0 && tie < csv.fieldCount ? csv.fieldString(tie) : null;
                WatermarkPosition row = new WatermarkPosition(csv.fieldString(value), tieBreaker);
                if (WatermarkOrder.compare(row, seen) > 0) {
                    above++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + part.file() + ": " + e.getMessage(), e);
        }
        return above;
    }

    // ---------------------------------------------------------------- messages

    private void requireParts() {
        if (parts.isEmpty()) {
            throw new InvalidInputException("<" + parameter + "> " + origin() + " has returned no rows yet, so there"
                    + " is no snapshot part in " + spec.snapshotDirectory() + " to read; check the query (and its"
                    + " watermark) against the database");
        }
    }

    /** {@code jdbc:postgresql://db/labels, query SHA-256 3f2a9c1b0d4e}: the source, never its credentials. */
    private String origin() {
        return spec.sanitizedUrl() + ", query SHA-256 " + spec.querySha256().substring(0, 12);
    }

    /**
     * Runs a read of the parts; an error that names a part also says where its rows came from, after the part's name
     * (the first part named), so the message points at the query as well as at the file.
     */
    private <T> T naming(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(e.parameter(), withOrigin(e.getMessage()), e);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(withOrigin(e.getMessage()), e);
        }
    }

    String withOrigin(String message) {
        String text = String.valueOf(message);
        int at = -1;
        String named = null;
        for (String identity : files.identities()) {
            int i = text.indexOf(identity);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
                named = identity;
            }
        }
        String note = " (extracted for <" + parameter + "> from " + origin() + ")";
        if (named == null) {
            return text + note;
        }
        int end = at + named.length();
        return text.substring(0, end) + note + text.substring(end);
    }
}
