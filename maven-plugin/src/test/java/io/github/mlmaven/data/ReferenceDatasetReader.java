package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffLoader;

/**
 * The test oracle of the readers: a String-based, two-pass reader built on {@link CsvRecordReader} and Weka's own
 * ArffLoader, written for clarity rather than speed. It is not used at runtime; differential tests (fuzzing included)
 * hold {@link DatasetReader} to it: the same instances bit for bit, or the same error message.
 */
final class ReferenceDatasetReader {
    static final int MAX_INTEGER_CLASS_VALUES = 10;
    static final int STRING_MIN_DISTINCT = 20;
    /** Distinct values remembered per CSV column; a nominal attribute with more is refused as unusable. */
    static final int MAX_NOMINAL_VALUES = 10_000;

    private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    private final Path basedir;
    private final MlLog log;

    ReferenceDatasetReader(Path basedir, MlLog log) {
        this.basedir = basedir;
        this.log = log;
    }

    /** The reference reader of training data: a typing pass over CSV files, then a reading pass. */
    Dataset readTraining(List<Path> files, ReadOptions options, String parameter) {
        checkExtensions(files, parameter);
        Path firstArff = files.stream()
                .filter(ReferenceDatasetReader::isArff)
                .findFirst()
                .orElse(null);
        Schema schema;
        if (firstArff != null) {
            Instances header = readArff(firstArff, null).instances;
            schema = Schema.of(withClass(header, options.classAttribute(), firstArff));
        } else {
            schema = inferCsvSchema(files, options);
        }
        return readWithSchema(files, schema, parameter);
    }

    /** The reference reader of data against a known schema. */
    Dataset readWithSchema(List<Path> files, Schema schema, String parameter) {
        checkExtensions(files, parameter);
        Instances instances = schema.emptyInstances(relationName(files), 1024);
        List<DataFile> read = new ArrayList<>();
        for (Path file : files) {
            long start = System.nanoTime();
            checkNotEmpty(file);
            DataFile dataFile = isArff(file) ? appendArff(file, schema, instances) : appendCsv(file, schema, instances);
            read.add(dataFile);
            log.info(String.format(
                    Locale.ROOT,
                    "Read %s: %,d rows in %.2f s",
                    dataFile.path(),
                    dataFile.rows(),
                    (System.nanoTime() - start) / 1e9));
        }
        if (instances.numInstances() == 0) {
            throw new InvalidInputException("<" + parameter + "> holds no data rows ("
                    + String.join(", ", read.stream().map(DataFile::path).toList()) + ")");
        }
        instances.compactify();
        return new Dataset(instances, schema, read);
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

    // ---------------------------------------------------------------- CSV

    /** First pass over CSV files: the header of each must agree, and each column's values decide its type. */
    private Schema inferCsvSchema(List<Path> files, ReadOptions options) {
        List<String> header = null;
        Path headerFile = null;
        List<ReferenceColumnStats> stats = null;
        for (Path file : files) {
            checkNotEmpty(file);
            try (CsvRecordReader reader = csvReader(file, null)) {
                List<String> fileHeader = readHeader(reader, file);
                if (header == null) {
                    header = fileHeader;
                    headerFile = file;
                    stats = new ArrayList<>();
                    for (String name : header) {
                        stats.add(new ReferenceColumnStats(name));
                    }
                } else if (!header.equals(fileHeader)) {
                    throw new InvalidInputException(display(file) + " line 1: its columns differ from "
                            + display(headerFile) + ": " + describeDifference(header, fileHeader)
                            + "; all training files must have the same columns in the same order");
                }
                List<String> record;
                while ((record = reader.next()) != null) {
                    checkFieldCount(file, reader.recordStartLine(), record, header);
                    for (int i = 0; i < record.size(); i++) {
                        stats.get(i).add(record.get(i), display(file), reader.recordStartLine());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return decideCsvSchema(header, headerFile, files, options, stats);
    }

    /** The schema that what a pass learned about the CSV columns decides. */
    Schema decideCsvSchema(
            List<String> header,
            Path headerFile,
            List<Path> files,
            ReadOptions options,
            List<ReferenceColumnStats> stats) {
        String classAttribute = options.classAttribute();
        if (classAttribute == null || classAttribute.isBlank()) {
            classAttribute = header.get(header.size() - 1);
        } else if (!header.contains(classAttribute)) {
            throw new InvalidConfigurationException(
                    "classAttribute",
                    "class attribute '" + classAttribute + "' not found in " + display(headerFile)
                            + "; its columns are: " + String.join(", ", header));
        }
        for (String name : options.attributeTypes().keySet()) {
            if (!header.contains(name)) {
                throw new InvalidConfigurationException(
                        "attributeTypes/" + name,
                        "<attributeTypes> names column '" + name + "' that " + display(headerFile)
                                + " does not have; its columns are: " + String.join(", ", header));
            }
        }
        String filesShown = String.join(", ", files.stream().map(this::display).toList());
        List<AttributeSpec> specs = new ArrayList<>();
        for (ReferenceColumnStats column : stats) {
            specs.add(column.decide(
                    options.attributeTypes().get(column.name), column.name.equals(classAttribute), log, filesShown));
        }
        return new Schema(specs, classAttribute);
    }

    private DataFile appendCsv(Path file, Schema schema, Instances target) {
        MessageDigest digest = Sha256.newDigest();
        long rows = 0;
        try (CsvRecordReader reader = csvReader(file, digest)) {
            List<String> header = readHeader(reader, file);
            int[] columnOf = mapColumns(file, header, schema);
            int numAttributes = schema.attributes().size();
            List<Map<String, Integer>> nominalIndex = nominalIndexes(schema);
            long lastLog = System.nanoTime();
            List<String> record;
            while ((record = reader.next()) != null) {
                int line = reader.recordStartLine();
                checkFieldCount(file, line, record, header);
                double[] values = new double[numAttributes];
                for (int a = 0; a < numAttributes; a++) {
                    int field = columnOf[a];
                    String text = record.get(field);
                    AttributeSpec spec = schema.attributes().get(a);
                    if (isMissing(text)) {
                        values[a] = Utils.missingValue();
                        continue;
                    }
                    values[a] = switch (spec.type()) {
                        case NUMERIC -> parseNumber(text, file, line, spec, field);
                        case NOMINAL -> {
                            Integer index = nominalIndex.get(a).get(text);
                            if (index == null && markersAreMissing(spec) && NUMERIC_MISSING_MARKERS.contains(text)) {
                                yield Utils.missingValue();
                            }
                            if (index == null) {
                                throw new InvalidInputException(location(file, line, spec.name(), field)
                                        + ": value '" + ArffGuard.excerpt(text)
                                        + "' never appears in the training data; known values: "
                                        + knownValues(spec.values())
                                        + ". Retrain with data that holds it, or correct the value");
                            }
                            yield index;
                        }
                        case STRING -> target.attribute(a).addStringValue(text);
                        case DATE -> parseDate(text, file, line, spec, field);
                    };
                }
                target.add(new DenseInstance(1.0, values));
                rows++;
                if ((rows & 0xFFFF) == 0 && System.nanoTime() - lastLog > PROGRESS_INTERVAL_NANOS) {
                    lastLog = System.nanoTime();
                    log.info(String.format(Locale.ROOT, "  ... %s: %,d rows so far", display(file), rows));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return dataFile(file, Sha256.hex(digest.digest()), rows);
    }

    private List<String> readHeader(CsvRecordReader reader, Path file) throws IOException {
        List<String> header = reader.next();
        if (header == null) {
            throw new InvalidInputException(display(file) + " is empty; a CSV file needs a header row and data rows");
        }
        checkHeader(header, file, reader.recordStartLine());
        return header;
    }

    void checkHeader(List<String> header, Path file, int line) {
        if (header.size() == 1) {
            for (String separator : new String[] {";", "\t", "|"}) {
                if (header.get(0).contains(separator)) {
                    throw new InvalidInputException(display(file) + " line " + line
                            + ": the header row has a single column that contains '" + separator.replace("\t", "\\t")
                            + "'; the file seems to use another separator, but CSV files must be comma-separated");
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new InvalidInputException(display(file) + " line " + line + ": column " + (i + 1)
                        + " of the header row has no name; every column needs a name");
            }
            if (!seen.add(name)) {
                throw new InvalidInputException(display(file) + " line " + line + ": column name '" + name
                        + "' appears twice in the header row; column names must be unique");
            }
        }
    }

    private void checkFieldCount(Path file, int line, List<String> record, List<String> header) {
        if (record.size() != header.size()) {
            throw new InvalidInputException(display(file) + " line " + line + ": " + record.size()
                    + " fields, but the header row has " + header.size()
                    + " columns; quote values that contain commas, or fix the row");
        }
    }

    int[] mapColumns(Path file, List<String> header, Schema schema) {
        int[] columnOf = new int[schema.attributes().size()];
        for (int a = 0; a < columnOf.length; a++) {
            String name = schema.attributes().get(a).name();
            columnOf[a] = header.indexOf(name);
            if (columnOf[a] < 0) {
                throw new InvalidInputException(display(file) + " line 1: no column '" + name
                        + "', which the training data has; its columns are: " + String.join(", ", header));
            }
        }
        for (String name : header) {
            if (schema.indexOf(name) < 0) {
                throw new InvalidInputException(display(file) + " line 1: column '" + name
                        + "' is not in the training data, whose attributes are: " + schema.attributeNames());
            }
        }
        return columnOf;
    }

    private CsvRecordReader csvReader(Path file, MessageDigest digest) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (digest != null) {
            in = new DigestInputStream(in, digest);
        }
        // strict decoding: a Latin-1 file is reported, not silently garbled
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvRecordReader(new InputStreamReader(in, utf8), display(file));
    }

    // ---------------------------------------------------------------- ARFF

    private record ArffRead(Instances instances, String sha256) {}

    private ArffRead readArff(Path file, MessageDigest digestOrNull) {
        MessageDigest digest = digestOrNull == null ? Sha256.newDigest() : digestOrNull;
        String shown = display(file);
        // strict decoding, as for CSV: Weka's own loader would turn bytes that are not UTF-8 into U+FFFD
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ArffGuard guard = null;
        try {
            // Weka, handed a header without @data, may never return
            int lastLine = lastLineIfNoData(file);
            if (lastLine > 0) {
                throw new InvalidInputException(ArffGuard.noDataLine(shown, lastLine));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new DigestInputStream(Files.newInputStream(file), digest), utf8))) {
            guard = new ArffGuard(reader, shown);
            Instances instances = new ArffLoader.ArffReader(guard).getData();
            checkArffTypes(file, instances);
            return new ArffRead(instances, Sha256.hex(digest.digest()));
        } catch (ArffGuard.UnexpectedEnd e) {
            throw new InvalidInputException(e.getMessage(), e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(
                    shown + " line " + guard.line() + ": not valid UTF-8 (at or after this"
                            + " line); save the file with UTF-8 encoding",
                    e);
        } catch (IOException e) {
            // Weka's ArffReader reports syntax errors as IOExceptions that name the line
            throw new InvalidInputException(ArffGuard.wekaSyntaxError(shown, e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException || guard == null) {
                throw e;
            }
            // Weka's runtime exceptions (duplicate names or labels, a weight cut off) name no file
            throw new InvalidInputException(ArffGuard.wekaError(shown, guard.line(), e), e);
        }
    }

    void checkArffTypes(Path file, Instances instances) {
        for (int i = 0; i < instances.numAttributes(); i++) {
            Attribute a = instances.attribute(i);
            if (a.isRelationValued()) {
                throw new InvalidInputException(display(file) + ": attribute '" + a.name() + "' is of type "
                        + Attribute.typeToString(a)
                        + ", which is not supported yet; convert it to numeric or nominal");
            }
        }
    }

    private DataFile appendArff(Path file, Schema schema, Instances target) {
        ArffRead read = readArff(file, null);
        Instances source = read.instances();
        int numAttributes = schema.attributes().size();
        int[] sourceIndex = arffSourceIndex(file, source, schema);
        List<Map<String, Integer>> nominalIndex = nominalIndexes(schema);
        long row = 0;
        for (Instance instance : source) {
            row++;
            double[] values = new double[numAttributes];
            for (int a = 0; a < numAttributes; a++) {
                int s = sourceIndex[a];
                if (instance.isMissing(s)) {
                    values[a] = Utils.missingValue();
                    continue;
                }
                AttributeSpec spec = schema.attributes().get(a);
                values[a] = switch (spec.type()) {
                    case NUMERIC -> {
                        if (Double.isInfinite(instance.value(s))) {
                            throw new InvalidInputException(display(file) + " data row " + row + ", attribute '"
                                    + spec.name() + "': " + outOfRange(null));
                        }
                        yield instance.value(s);
                    }
                    case NOMINAL -> {
                        String label = instance.stringValue(s);
                        Integer index = nominalIndex.get(a).get(label);
                        if (index == null) {
                            throw new InvalidInputException(display(file) + " data row " + row + ", attribute '"
                                    + spec.name() + "': value '" + ArffGuard.excerpt(label)
                                    + "' never appears in the training data; known values: "
                                    + knownValues(spec.values())
                                    + ". Retrain with data that holds it, or correct the value");
                        }
                        yield index;
                    }
                    case STRING -> target.attribute(a).addStringValue(instance.stringValue(s));
                    case DATE -> asUtc(instance.value(s), source.attribute(s).getDateFormat());
                };
            }
            target.add(new DenseInstance(instance.weight(), values));
        }
        return dataFile(file, read.sha256(), source.numInstances());
    }

    /** For each schema attribute, the index of the same attribute in an ARFF file's header, which must agree. */
    int[] arffSourceIndex(Path file, Instances source, Schema schema) {
        int numAttributes = schema.attributes().size();
        int[] sourceIndex = new int[numAttributes];
        for (int a = 0; a < numAttributes; a++) {
            AttributeSpec spec = schema.attributes().get(a);
            Attribute attribute = source.attribute(spec.name());
            if (attribute == null) {
                throw new InvalidInputException(display(file) + ": no attribute '" + spec.name()
                        + "', which the training data has; its attributes are: "
                        + Schema.of(withClassIfPresent(source)).attributeNames());
            }
            AttributeType type = attribute.isDate()
                    ? AttributeType.DATE
                    : attribute.isNominal()
                            ? AttributeType.NOMINAL
                            : attribute.isString() ? AttributeType.STRING : AttributeType.NUMERIC;
            if (type != spec.type()) {
                throw new InvalidInputException(display(file) + ": attribute '" + spec.name() + "' is "
                        + type.jsonName() + " here but " + spec.type().jsonName()
                        + " in the training data; the schemas must agree");
            }
            sourceIndex[a] = attribute.index();
        }
        if (source.numAttributes() != numAttributes) {
            for (int i = 0; i < source.numAttributes(); i++) {
                if (schema.indexOf(source.attribute(i).name()) < 0) {
                    throw new InvalidInputException(display(file) + ": attribute '"
                            + source.attribute(i).name() + "' is not in the training data, whose attributes are: "
                            + schema.attributeNames());
                }
            }
        }
        return sourceIndex;
    }

    private static Instances withClassIfPresent(Instances instances) {
        if (instances.classIndex() < 0) {
            instances.setClassIndex(instances.numAttributes() - 1);
        }
        return instances;
    }

    // ---------------------------------------------------------------- helpers

    private static List<Map<String, Integer>> nominalIndexes(Schema schema) {
        List<Map<String, Integer>> result = new ArrayList<>();
        for (AttributeSpec spec : schema.attributes()) {
            Map<String, Integer> index = new HashMap<>();
            for (int v = 0; v < spec.values().size(); v++) {
                index.put(spec.values().get(v), v);
            }
            result.add(index);
        }
        return result;
    }

    private double parseNumber(String text, Path file, int line, AttributeSpec spec, int field) {
        if (NUMERIC_MISSING_MARKERS.contains(text)) {
            return Utils.missingValue();
        }
        Double value = tryParseNumber(text);
        if (value == null) {
            throw new InvalidInputException(location(file, line, spec.name(), field) + ": '" + ArffGuard.excerpt(text)
                    + "' is not a number, but '" + spec.name()
                    + "' is numeric; fix the value, or write ? or leave it empty for a missing value");
        }
        if (value.isInfinite()) {
            throw new InvalidInputException(location(file, line, spec.name(), field) + ": " + outOfRange(text));
        }
        return value;
    }

    /**
     * A CSV date: ISO-8601 ({@link #tryParseIsoDate}), else the attribute's own pattern when it is no ISO one, the whole
     * text in UTC; NA and the like are missing.
     */
    private double parseDate(String text, Path file, int line, AttributeSpec spec, int field) {
        Long millis = tryParseIsoDate(text);
        if (millis != null) {
            return millis;
        }
        if (NUMERIC_MISSING_MARKERS.contains(text)) {
            return Utils.missingValue();
        }
        boolean iso = List.of("yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS")
                .contains(spec.format());
        if (!iso) {
            java.text.SimpleDateFormat format = new java.text.SimpleDateFormat(spec.format(), Locale.US);
            format.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            format.setLenient(false);
            java.text.ParsePosition position = new java.text.ParsePosition(0);
            java.util.Date date = format.parse(text, position);
            if (date != null && position.getIndex() == text.length()) {
                return date.getTime();
            }
        }
        String forms = "yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss[.SSS]] (or a space for the T), optionally followed by Z or an"
                + " offset such as +02:00" + (iso ? "" : ", or " + spec.format());
        throw new InvalidInputException(location(file, line, spec.name(), field) + ": '" + ArffGuard.excerpt(text)
                + "' is not a date, but '" + spec.name() + "' is a date attribute; write it as " + forms
                + ", or ? or nothing for a missing value");
    }

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");

    /**
     * The milliseconds of an ISO-8601 date in one of the forms docs/data.md lists, read with java.time; a time without
     * an offset is UTC, a fraction of a second is cut to the millisecond. Null for anything else.
     */
    static Long tryParseIsoDate(String text) {
        java.util.regex.Matcher m = ISO_DATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            java.time.LocalDate day = java.time.LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return day.toEpochDay() * 86_400_000L;
            }
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
            java.time.LocalDateTime time = day.atTime(
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    Integer.parseInt(fraction));
            java.time.ZoneOffset offset = m.group(8) == null
                    ? java.time.ZoneOffset.UTC
                    : java.time.ZoneOffset.of(m.group(8).length() == 3 ? m.group(8) + ":00" : m.group(8));
            return time.toInstant(offset).toEpochMilli();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * Weka's date value read in the machine's time zone, as the same wall-clock time in UTC (the reader's reading);
     * unchanged when the pattern holds a zone of its own.
     */
    static double asUtc(double wekaMillis, String pattern) {
        String unquoted = pattern.replaceAll("'[^']*'", "");
        if (unquoted.contains("Z") || unquoted.contains("X") || unquoted.contains("z")) {
            return wekaMillis;
        }
        return wekaMillis + java.util.TimeZone.getDefault().getOffset((long) wekaMillis);
    }

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

    /**
     * Whether NA and the like are missing values in a nominal column, as they are in the column of integers that
     * training read as nominal (its labels are all numbers); in a column of text they are labels like any other, and
     * one the training data never had is an error, not a class value silently made missing.
     */
    static boolean markersAreMissing(AttributeSpec spec) {
        if (spec.type() != AttributeType.NOMINAL || spec.values().isEmpty()) {
            return spec.type() == AttributeType.NOMINAL;
        }
        for (String value : spec.values()) {
            if (tryParseNumber(value) == null) {
                return false;
            }
        }
        return true;
    }

    /** Spellings of "no value" that other tools write; in a numeric column they mean missing, not text. */
    static final Set<String> NUMERIC_MISSING_MARKERS =
            Set.of("NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A");

    static boolean isMissing(String text) {
        return text.isEmpty() || text.equals("?");
    }

    /** Parses a plain decimal number; null for anything else (including NaN, Infinity and Java's 1d/1f suffixes). */
    static Double tryParseNumber(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        boolean plausible = (Character.isDigit(first) || first == '-' || first == '+' || first == '.')
                && (Character.isDigit(last) || last == '.');
        if (!plausible) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private DataFile dataFile(Path file, String sha256, long rows) {
        try {
            return new DataFile(display(file), file.toAbsolutePath().normalize(), sha256, rows, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static boolean isArff(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".arff");
    }

    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    static String describeDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e == null) {
                return "extra column " + (i + 1) + " '" + a + "'";
            }
            if (a == null) {
                return "column " + (i + 1) + " '" + e + "' is missing";
            }
            if (!e.equals(a)) {
                return "column " + (i + 1) + " is '" + a + "', expected '" + e + "'";
            }
        }
        return "columns differ";
    }

    /**
     * The last line of an ARFF file that has no {@code @data} line (as the single-pass reader finds it: a line whose
     * first word, after blanks and commas, is @data), or -1 when it has one.
     */
    static int lastLineIfNoData(java.nio.file.Path path) throws IOException {
        try (java.io.BufferedReader lines =
                java.nio.file.Files.newBufferedReader(path, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            int count = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                count++;
                int p = 0;
                while (p < line.length() && (line.charAt(p) <= ' ' || line.charAt(p) == ',')) {
                    p++;
                }
                if (line.regionMatches(true, p, "@data", 0, 5)) {
                    return -1;
                }
            }
            return Math.max(1, count);
        }
    }
}
