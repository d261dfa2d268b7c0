package io.github.mlmaven.data;

import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CSV, ARFF and Parquet files named by paths and globs ({@link DataFiles}), read by {@link DatasetReader}: one part per file,
 * identified by its path relative to the project directory, fingerprinted by the SHA-256 of its bytes. A file whose size
 * and modification time are those recorded with its hash is not hashed again ({@link FingerprintCache}).
 */
public final class FileDataSource implements DataSource {
    static final Provider PROVIDER = new Provider() {
        @Override
        public boolean accepts(SourceSpec spec) {
            return spec instanceof SourceSpec.Files;
        }

        @Override
        public DataSource open(Context context, SourceSpec spec, String parameter) {
            List<String> entries = ((SourceSpec.Files) spec).entries();
            return new FileDataSource(context, DataFiles.resolve(context.basedir(), entries, parameter), parameter);
        }
    };

    private final Context context;
    private final List<Path> files;
    private final String parameter;
    private final DatasetReader reader;

    public FileDataSource(Context context, List<Path> files, String parameter) {
        this.context = context;
        this.files = List.copyOf(files);
        this.parameter = parameter;
        this.reader = new DatasetReader(context.basedir(), context.log()).knowingHashes(context.fingerprints());
    }

    @Override
    public String parameter() {
        return parameter;
    }

    /** The files, in reading order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public List<Path> partFiles() {
        return files;
    }

    @Override
    public Set<String> droppedColumns() {
        return context.exclude();
    }

    @Override
    public List<String> identities() {
        return files.stream()
                .map(file -> DataFiles.displayPath(context.basedir(), file))
                .toList();
    }

    @Override
    public Optional<List<String>> knownHashes() {
        List<String> known = new ArrayList<>();
        for (Path file : files) {
            context.fingerprints().unchanged(file).ifPresent(known::add);
        }
        return known.size() == files.size() ? Optional.of(known) : Optional.empty();
    }

    @Override
    public List<String> hashes() {
        List<String> hashes = new ArrayList<>();
        for (Path file : files) {
            try {
                FingerprintCache.Stat before = FingerprintCache.Stat.of(file);
                long startedAt = FingerprintCache.nowNanos();
                String sha = Sha256.ofFile(file);
                context.fingerprints().record(file, before, startedAt, sha);
                hashes.add(sha);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        saveFingerprints();
        return hashes;
    }

    @Override
    public boolean schemaInHeader() {
        return files.stream().allMatch(DatasetReader::isArff);
    }

    @Override
    public Schema schema(ReadOptions options) {
        return reader.trainingSchema(files, excluding(options), parameter);
    }

    @Override
    public Dataset read(ReadOptions options) {
        return remembering(() -> reader.readTraining(files, excluding(options), parameter), Dataset::files);
    }

    @Override
    public Dataset read(Schema schema, String parameter) {
        return remembering(() -> reader.readWithSchema(files, schema, parameter, context.exclude()), Dataset::files);
    }

    @Override
    public List<DataFile> stream(Schema schema, String parameter, RowSink sink) {
        return remembering(() -> reader.stream(files, schema, parameter, context.exclude(), sink), read -> read);
    }

    /** The options with the columns the context drops added to those they drop themselves. */
    private ReadOptions excluding(ReadOptions options) {
        if (context.exclude().isEmpty() || options.exclude().containsAll(context.exclude())) {
            return options;
        }
        Set<String> columns = new LinkedHashSet<>(options.exclude());
        columns.addAll(context.exclude());
        return new ReadOptions(options.classAttribute(), options.attributeTypes(), options.datePatterns(), columns);
    }

    /**
     * Reads, then records the hash of each file read, with the size and modification time it had when its reading
     * started (nothing is recorded for a file that changed since).
     */
    private <T> T remembering(Supplier<T> read, java.util.function.Function<T, List<DataFile>> partsOf) {
        List<FingerprintCache.Stat> before = FingerprintCache.Stat.ofEach(files);
        long startedAt = FingerprintCache.nowNanos();
        T result = read.get();
        List<DataFile> parts = partsOf.apply(result);
        for (int i = 0; i < files.size() && i < parts.size(); i++) {
            context.fingerprints()
                    .record(files.get(i), before.get(i), startedAt, parts.get(i).sha256());
        }
        saveFingerprints();
        return result;
    }

    private void saveFingerprints() {
        try {
            context.fingerprints().save();
        } catch (IOException e) {
            context.log()
                    .warn("Cannot save the data fingerprints (" + e.getMessage()
                            + "); the next run hashes the data again");
        }
    }
}
