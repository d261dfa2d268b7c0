package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.weka.WekaInternals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The one reading path behind {@link DatasetReader}: each file is read from disk once, in large chunks
 * ({@link ChunkedInput}) that are hashed as they are read and parsed in place as bytes, and every error is worded
 * here, naming file, line and column. CSV: {@link FastCsvTokenizer}, typed by {@link CsvColumn} in the reading pass
 * for training data ({@link CsvTrainingReader}), read against a schema by {@link CsvFileReader}. ARFF:
 * {@link ArffFileReader}, whose header Weka parses and whose data lines {@link ArffLines} parses, handing the lines it
 * does not read itself (sparse rows, weights, quotes, errors) to Weka one line at a time.
 *
 * <p>Files of {@link ReadTuning#parallelMinBytes} or more without string attributes are parsed in parallel
 * ({@link ParallelBlocks}): ARFF data, and CSV read against a known schema (until a quote character appears). CSV
 * training data, typed column by column as it is read, stays sequential.
 */
final class FastDatasetReader {
    final DatasetReader owner;
    final MlLog log;
    final ReadTuning tuning;
    ChunkedInput.ChunkListener listener;
    /** Hashes of unchanged files, not computed again (null: every file is hashed). */
    FingerprintCache knownHashes;

    private final ArffFileReader arff = new ArffFileReader(this);
    private final CsvFileReader csv = new CsvFileReader(this);
    private final CsvTrainingReader csvTraining = new CsvTrainingReader(this);

    FastDatasetReader(DatasetReader owner, MlLog log, ReadTuning tuning) {
        this.owner = owner;
        this.log = log;
        this.tuning = tuning;
    }

    /** Opens a file to be read once, hashed as it is read. */
    ChunkedInput open(Path file, String shown) throws IOException {
        return new ChunkedInput(file, shown, listener, knownHashes, tuning.maxRowBytes());
    }

    /** Where rows go; {@code line} is the line the row starts on, for messages. */
    interface Rows {
        void add(double[] values, double weight, Path file, int line);

        /** The attribute that takes string values; null when string attributes are not accepted. */
        Attribute stringAttribute(int index);
    }

    // ---------------------------------------------------------------- batch

    /** Rows appended to Weka instances without Instances.add's copy of each instance. */
    static final class Batch implements Rows {
        final Instances instances;
        final List<Instance> list;

        Batch(Instances instances) {
            this.instances = instances;
            this.list = WekaInternals.shared().rowList(instances).orElse(null);
        }

        @Override
        public void add(double[] values, double weight, Path file, int line) {
            DenseInstance instance = new DenseInstance(weight, values);
            if (list != null) {
                instance.setDataset(instances);
                list.add(instance);
            } else {
                instances.add(instance);
            }
        }

        @Override
        public Attribute stringAttribute(int index) {
            return instances.attribute(index);
        }
    }

    private static final class Streamed implements Rows {
        final RowSink sink;
        final DatasetReader owner;

        Streamed(RowSink sink, DatasetReader owner) {
            this.sink = sink;
            this.owner = owner;
        }

        @Override
        public void add(double[] values, double weight, Path file, int line) {
            try {
                sink.accept(values, weight);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new InvalidInputException(
                        owner.display(file) + " line " + line + ": the row could not be used: " + e.getMessage(), e);
            }
        }

        @Override
        public Attribute stringAttribute(int index) {
            return null;
        }
    }

    Dataset readWithSchema(List<Path> files, Schema schema, String parameter, Set<String> exclude) {
        Instances instances = schema.emptyInstances(DatasetReader.relationName(files), 1024);
        Batch batch = new Batch(instances);
        List<DataFile> read = new ArrayList<>();
        try {
            for (Path file : files) {
                read.add(readFile(file, schema, batch, exclude));
            }
        } catch (RuntimeException e) {
            release(instances);
            throw e;
        }
        if (instances.numInstances() == 0) {
            throw new InvalidInputException("<" + parameter + "> holds no data rows ("
                    + String.join(", ", read.stream().map(DataFile::path).toList()) + ")");
        }
        instances.compactify();
        return new Dataset(instances, schema, read);
    }

    List<DataFile> stream(List<Path> files, Schema schema, String parameter, Set<String> exclude, RowSink sink) {
        for (AttributeSpec spec : schema.attributes()) {
            if (spec.type() == AttributeType.STRING) {
                throw new InvalidInputException("<" + parameter + ">: attribute '" + spec.name()
                        + "' is a string attribute, and streaming does not support string attributes;"
                        + " read the data in memory instead");
            }
        }
        Streamed rows = new Streamed(sink, owner);
        List<DataFile> read = new ArrayList<>();
        for (Path file : files) {
            read.add(readFile(file, schema, rows, exclude));
        }
        return read;
    }

    private DataFile readFile(Path file, Schema schema, Rows rows, Set<String> exclude) {
        long start = System.nanoTime();
        owner.checkNotEmpty(file);
        DataFile dataFile = DatasetReader.isArff(file)
                ? arff.read(file, schema, null, () -> rows, false, exclude)
                : csv.read(file, schema, rows, exclude);
        logRead(dataFile, start);
        return dataFile;
    }

    void logRead(DataFile dataFile, long start) {
        log.info(String.format(
                Locale.ROOT,
                "Read %s: %,d rows in %.2f s",
                dataFile.path(),
                dataFile.rows(),
                (System.nanoTime() - start) / 1e9));
    }

    /** Training data: the schema comes from the first ARFF header, or from the CSV columns in the same pass. */
    Dataset readTraining(List<Path> files, ReadOptions options, String parameter) {
        Path firstArff =
                files.stream().filter(DatasetReader::isArff).findFirst().orElse(null);
        if (firstArff == null) {
            return csvTraining.readTraining(files, options, parameter);
        }
        if (!files.get(0).equals(firstArff)) {
            return readWithSchema(files, arffSchema(firstArff, options), parameter, options.exclude());
        }
        List<DataFile> read = new ArrayList<>();
        Batch[] batch = new Batch[1];
        Schema[] schema = new Schema[1];
        long start = System.nanoTime();
        owner.checkNotEmpty(firstArff);
        try {
            DataFile first = arff.read(
                    firstArff,
                    null,
                    header -> {
                        schema[0] = Schema.of(owner.withClass(
                                owner.withoutExcluded(header, options.exclude(), firstArff),
                                options.classAttribute(),
                                firstArff));
                        batch[0] = new Batch(schema[0].emptyInstances(DatasetReader.relationName(files), 1024));
                        return schema[0];
                    },
                    () -> batch[0],
                    false,
                    options.exclude());
            logRead(first, start);
            read.add(first);
            for (Path file : files.subList(1, files.size())) {
                read.add(readFile(file, schema[0], batch[0], options.exclude()));
            }
        } catch (RuntimeException e) {
            if (batch[0] != null) {
                release(batch[0].instances);
            }
            throw e;
        }
        Instances instances = batch[0].instances;
        if (instances.numInstances() == 0) {
            throw new InvalidInputException("<" + parameter + "> holds no data rows ("
                    + String.join(", ", read.stream().map(DataFile::path).toList()) + ")");
        }
        instances.compactify();
        return new Dataset(instances, schema[0], read);
    }

    /** Drops the rows read before an error, so that their memory can be reclaimed while the error is reported. */
    private static void release(Instances instances) {
        instances.delete();
    }

    /** The schema from the header of an ARFF file, reading only the header. */
    Schema arffSchema(Path file, ReadOptions options) {
        owner.checkNotEmpty(file);
        Schema[] schema = new Schema[1];
        arff.read(
                file,
                null,
                header -> schema[0] = Schema.of(owner.withClass(
                        owner.withoutExcluded(header, options.exclude(), file), options.classAttribute(), file)),
                () -> null,
                true,
                options.exclude());
        return schema[0];
    }

    Schema csvSchema(List<Path> files, ReadOptions options) {
        return csvTraining.csvSchema(files, options);
    }
}
