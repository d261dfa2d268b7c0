package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * Reads CSV and ARFF files into a {@link Dataset}. Training data decides the schema (an ARFF header, or types inferred
 * from CSV columns); test data is read against the training schema so that nominal values keep their indexes.
 *
 * <p>CSV type inference, documented in docs/data.md: a column whose values all parse as numbers is numeric (except a
 * class column of at most {@value #MAX_INTEGER_CLASS_VALUES} distinct integers, which is nominal); a column with a few
 * stray non-numbers among many numbers is an error naming the first stray value; other columns are nominal, or string
 * when most of their values are distinct pieces of text with spaces inside. Nominal
 * values are listed in the order they first appear, as Weka's CSVLoader does, so that models and metrics equal Weka's
 * command line on the same files. {@code attributeTypes} overrides any of this.
 */
public final class DatasetReader {
    static final int MAX_INTEGER_CLASS_VALUES = 10;
    /** Distinct values remembered per CSV column; a nominal attribute with more is refused as unusable. */
    static final int MAX_NOMINAL_VALUES = 10_000;

    private final Path basedir;
    private final MlLog log;
    private final FastDatasetReader fast;

    public DatasetReader(Path basedir, MlLog log) {
        this(basedir, log, ReadTuning.DEFAULTS);
    }

    /** A reader whose use of threads and memory is {@code tuning} rather than the defaults. */
    public DatasetReader(Path basedir, MlLog log, ReadTuning tuning) {
        this.basedir = basedir;
        this.log = log;
        this.fast = new FastDatasetReader(this, log, tuning);
    }

    /** For tests: called after each chunk of a file is read. */
    void chunkListener(ChunkedInput.ChunkListener listener) {
        fast.listener = listener;
    }

    /**
     * Files whose size and modification time when opened are those {@code known} recorded with their hash are not
     * hashed again as they are read (as git's index): their {@link DataFile#sha256()} is the recorded one. The rest of
     * the read is unchanged, the check that the file did not change while it was read included.
     */
    public DatasetReader knowingHashes(FingerprintCache known) {
        fast.knownHashes = known;
        return this;
    }

    /**
     * Reads training data, deciding the schema from the files. Each file is read once: CSV columns are typed in the
     * same pass that reads the rows. The first error met in reading order is thrown, naming file, line and column.
     */
    public Dataset readTraining(List<Path> files, ReadOptions options, String parameter) {
        checkExtensions(files, parameter);
        warnIfTypesIgnored(files, options);
        Dataset dataset = fast.readTraining(files, options, parameter);
        checkTrainable(dataset);
        return dataset;
    }

    /** Reads data against a known schema: columns are matched by name, nominal values by label. One read per file. */
    public Dataset readWithSchema(List<Path> files, Schema schema, String parameter) {
        return readWithSchema(files, schema, parameter, Set.of());
    }

    /**
     * As {@link #readWithSchema(List, Schema, String)}; a column the schema does not have is skipped when
     * {@code exclude} names it (an excluded column need not be in every file).
     */
    public Dataset readWithSchema(List<Path> files, Schema schema, String parameter, Set<String> exclude) {
        checkExtensions(files, parameter);
        return fast.readWithSchema(files, schema, parameter, exclude);
    }

    /**
     * The schema of training files without keeping rows: ARFF: the first file's header only; CSV: one scanning pass
     * (types and nominal values only).
     */
    public Schema trainingSchema(List<Path> files, ReadOptions options, String parameter) {
        checkExtensions(files, parameter);
        Path firstArff = warnIfTypesIgnored(files, options);
        return firstArff != null ? fast.arffSchema(firstArff, options) : fast.csvSchema(files, options);
    }

    /** The first ARFF file, whose header gives the types: {@code <attributeTypes>} is then ignored, with a warning. */
    private Path warnIfTypesIgnored(List<Path> files, ReadOptions options) {
        Path firstArff =
                files.stream().filter(DatasetReader::isArff).findFirst().orElse(null);
        if (firstArff != null && !options.attributeTypes().isEmpty()) {
            log.warn("<attributeTypes> is ignored: the types come from the header of " + display(firstArff));
        }
        return firstArff;
    }

    /**
     * One pass over each file against a known schema, hashing as it reads; rows go to the sink, none are kept.
     * Refuses string attributes (streaming does not support them). An exception of the sink propagates; a checked one
     * wrapped in an InvalidInputException that names the file and line.
     */
    public List<DataFile> stream(List<Path> files, Schema schema, String parameter, RowSink sink) {
        return stream(files, schema, parameter, Set.of(), sink);
    }

    /** As {@link #stream(List, Schema, String, RowSink)}, skipping the columns {@code exclude} names. */
    public List<DataFile> stream(List<Path> files, Schema schema, String parameter, Set<String> exclude, RowSink sink) {
        checkExtensions(files, parameter);
        return fast.stream(files, schema, parameter, exclude, sink);
    }

    // ---------------------------------------------------------------- checks

    private void checkExtensions(List<Path> files, String parameter) {
        for (Path file : files) {
            if (!isArff(file) && !isCsv(file)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "<" + parameter + "> file " + display(file)
                                + " is neither .csv nor .arff; the format is chosen by extension");
            }
        }
    }

    void checkNotEmpty(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(display(file) + " is empty; "
                        + (isCsv(file)
                                ? "a CSV file needs a header row and data rows"
                                : "an ARFF file needs a header"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses training data a classifier cannot learn from: a string class attribute, or fewer than two class values
     * present (held or streamed rows alike: the class distribution is the one counted while reading).
     */
    public static void checkTrainable(Dataset dataset) {
        Attribute classAttribute = dataset.instances().classAttribute();
        String files =
                String.join(", ", dataset.files().stream().map(DataFile::path).toList());
        if (classAttribute.isString()) {
            throw new InvalidConfigurationException(
                    "classAttribute",
                    "class attribute '" + classAttribute.name() + "' is a string attribute in " + files
                            + "; declare it with <attributeTypes><" + classAttribute.name()
                            + ">nominal</" + classAttribute.name() + "></attributeTypes>");
        }
        if (classAttribute.isNominal()) {
            Map<String, Long> distribution = dataset.classDistribution();
            List<String> present = distribution.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(Map.Entry::getKey)
                    .toList();
            if (present.size() < 2) {
                throw new InvalidInputException("the training data (" + files + ") has "
                        + (present.isEmpty() ? "no class value" : "only one class value, '" + present.get(0) + "',")
                        + " in class attribute '" + classAttribute.name()
                        + "'; a classifier needs rows of at least two classes");
            }
        }
    }

    /**
     * The fields of a CSV header that are read, in order: all but the columns {@code exclude} names, each of which
     * must be one of them (a misspelt name would otherwise leave the column in the model unnoticed).
     */
    int[] keptColumns(List<String> header, Set<String> exclude, Path file) {
        checkExcludedPresent(header, exclude, file);
        return java.util.stream.IntStream.range(0, header.size())
                .filter(i -> !exclude.contains(header.get(i)))
                .toArray();
    }

    /** An ARFF header without the attributes {@code exclude} names, each of which must be one of them. */
    Instances withoutExcluded(Instances header, Set<String> exclude, Path file) {
        if (exclude.isEmpty()) {
            return header;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.numAttributes(); i++) {
            names.add(header.attribute(i).name());
        }
        checkExcludedPresent(names, exclude, file);
        Instances kept = new Instances(header, 0);
        kept.setClassIndex(-1);
        for (int i = names.size() - 1; i >= 0; i--) {
            if (exclude.contains(names.get(i))) {
                kept.deleteAttributeAt(i);
            }
        }
        return kept;
    }

    private void checkExcludedPresent(List<String> columns, Set<String> exclude, Path file) {
        List<String> missing =
                exclude.stream().filter(name -> !columns.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidConfigurationException(
                    "exclude",
                    "<exclude> names "
                            + (missing.size() == 1
                                    ? "column '" + missing.get(0) + "'"
                                    : "columns '" + String.join("', '", missing) + "'")
                            + " that " + display(file)
                            + " does not have; its columns are: " + String.join(", ", columns));
        }
    }

    Instances withClass(Instances header, String classAttribute, Path file) {
        if (classAttribute == null || classAttribute.isBlank()) {
            header.setClassIndex(header.numAttributes() - 1);
        } else {
            Attribute attribute = header.attribute(classAttribute);
            if (attribute == null) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < header.numAttributes(); i++) {
                    names.add(header.attribute(i).name());
                }
                throw new InvalidConfigurationException(
                        "classAttribute",
                        "class attribute '" + classAttribute + "' not found in " + display(file)
                                + "; its attributes are: " + String.join(", ", names));
            }
            header.setClassIndex(attribute.index());
        }
        return header;
    }

    // ---------------------------------------------------------------- messages

    /** The labels of a nominal attribute for a message: the first few, each an excerpt, and how many more. */
    static String knownValues(List<String> values) {
        int shown = Math.min(values.size(), 20);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(ArffGuard.excerpt(values.get(i)));
        }
        if (values.size() > shown) {
            text.append(" and ").append(values.size() - shown).append(" more");
        }
        return text.toString();
    }

    /**
     * Why a number beyond a double's range is refused: read as Infinity it would reach the classifier, and Logistic,
     * say, would then blame its own options for the NaN it computes. {@code text} is null where only the parsed
     * value is known (an ARFF row Weka read).
     */
    static String outOfRange(String text) {
        return (text == null ? "a number" : "'" + ArffGuard.excerpt(text) + "'")
                + " is out of the range of numbers (beyond ±1.8E308) and would be read as infinity; fix the value,"
                + " or write ? for a missing value";
    }

    String location(Path file, int line, String column, int field) {
        return display(file) + " line " + line + ", column '" + column + "' (field " + (field + 1) + ")";
    }

    String display(Path file) {
        return display(basedir, file);
    }

    private static String display(Path basedir, Path file) {
        return basedir == null ? file.toString() : DataFiles.displayPath(basedir, file);
    }

    static String relationName(List<Path> files) {
        String name = files.get(0).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static boolean isArff(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".arff");
    }

    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}
