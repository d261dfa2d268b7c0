package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.FastDatasetReader.Rows;
import io.github.mlmaven.runtime.DateValues;
import java.io.IOException;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import weka.core.Attribute;
import weka.core.Utils;

/** CSV records read against a schema; thread-safe when {@link #parallelSafe}. */
final class CsvLines {
    private final DatasetReader owner;
    final Path file;
    final Schema schema;
    final int[] columnOf;
    final int width;
    final FastBytes.Dictionary[] nominal;
    /** Per nominal attribute, the schema index of each label id; null where they are the same. */
    private final int[][] nominalIndex;
    /** Per attribute: whether NA and the like are missing values, not unknown labels. */
    final boolean[] markersMissing;
    /**
     * Per date attribute whose pattern is no ISO one (an ARFF file's, or one declared), that pattern; values are tried
     * as ISO first.
     */
    private final String[] datePatterns;
    /** Per thread (blocks are parsed in parallel), the formats of {@link #datePatterns}, made at first use. */
    private final ThreadLocal<SimpleDateFormat[]> dateFormats;

    final int numAttributes;
    /** No string attributes: nothing is added to shared tables while parsing. */
    final boolean parallelSafe;

    CsvLines(
            DatasetReader owner,
            Path file,
            Schema schema,
            int[] columnOf,
            int width,
            FastBytes.Dictionary[] nominal,
            int[][] nominalIndex) {
        this.owner = owner;
        this.nominalIndex = nominalIndex;
        this.file = file;
        this.schema = schema;
        this.columnOf = columnOf;
        this.width = width;
        this.nominal = nominal;
        this.numAttributes = schema.attributes().size();
        this.markersMissing = new boolean[numAttributes];
        for (int a = 0; a < numAttributes; a++) {
            markersMissing[a] = CsvNumbers.markersAreMissing(schema.attributes().get(a));
        }
        this.datePatterns = new String[numAttributes];
        for (int a = 0; a < numAttributes; a++) {
            AttributeSpec spec = schema.attributes().get(a);
            if (spec.type() == AttributeType.DATE && !DateValues.isIsoPattern(spec.format())) {
                datePatterns[a] = spec.format();
            }
        }
        this.dateFormats = ThreadLocal.withInitial(() -> new SimpleDateFormat[numAttributes]);
        this.parallelSafe = schema.attributes().stream().noneMatch(a -> a.type() == AttributeType.STRING);
    }

    /** Reads the next record into {@code rows}; false at the end of the data. */
    boolean row(FastCsvTokenizer csv, Rows rows) throws IOException {
        if (!csv.next()) {
            return false;
        }
        checkFieldCount(owner, csv, file, width);
        record(csv, rows);
        return true;
    }

    /** Reads the record {@code csv} holds, whose field count is checked, into {@code rows}. */
    void record(FastCsvTokenizer csv, Rows rows) {
        int line = csv.recordStartLine;
        double[] values = new double[numAttributes];
        for (int a = 0; a < numAttributes; a++) {
            int f = columnOf[a];
            byte[] b = csv.fieldBuf[f];
            int off = csv.fieldOff[f];
            int len = csv.fieldLen[f];
            if (len == 0 || (len == 1 && b[off] == '?')) {
                values[a] = Utils.missingValue();
                continue;
            }
            AttributeSpec spec = schema.attributes().get(a);
            switch (spec.type()) {
                case NUMERIC -> {
                    if (CsvNumbers.isMissingMarker(b, off, len)) {
                        values[a] = Utils.missingValue();
                        continue;
                    }
                    long bits = CsvNumbers.numberBits(b, off, len);
                    if (bits == CsvNumbers.NO_NUMBER) {
                        throw new InvalidInputException(owner.location(file, line, spec.name(), f) + ": '"
                                + ArffGuard.excerpt(csv.fieldString(f))
                                + "' is not a number, but '" + spec.name()
                                + "' is numeric; fix the value, or write ? or leave it empty for a"
                                + " missing value");
                    }
                    if (Double.isInfinite(Double.longBitsToDouble(bits))) {
                        throw new InvalidInputException(owner.location(file, line, spec.name(), f) + ": "
                                + DatasetReader.outOfRange(csv.fieldString(f)));
                    }
                    values[a] = Double.longBitsToDouble(bits);
                }
                case NOMINAL -> {
                    int index = nominal[a].find(b, off, len);
                    if (index < 0 && markersMissing[a] && CsvNumbers.isMissingMarker(b, off, len)) {
                        values[a] = Utils.missingValue();
                    } else if (index < 0) {
                        throw new InvalidInputException(owner.location(file, line, spec.name(), f) + ": value '"
                                + ArffGuard.excerpt(csv.fieldString(f))
                                + "' never appears in the training data; known values: "
                                + DatasetReader.knownValues(spec.values())
                                + ". Retrain with data that holds it, or correct the value");
                    } else {
                        values[a] = nominalIndex[a] == null ? index : nominalIndex[a][index];
                    }
                }
                case DATE -> values[a] = date(csv, f, a, line);
                case STRING -> {
                    Attribute target = rows.stringAttribute(a);
                    values[a] = target == null ? 0 : target.addStringValue(csv.fieldString(f));
                }
            }
        }
        rows.add(values, 1.0, file, line);
    }

    /** The milliseconds of a date field: ISO-8601, else the attribute's own pattern; NA and the like are missing. */
    private double date(FastCsvTokenizer csv, int f, int a, int line) {
        byte[] b = csv.fieldBuf[f];
        int off = csv.fieldOff[f];
        int len = csv.fieldLen[f];
        long millis = DateValues.isoMillis(b, off, len);
        if (millis != DateValues.NOT_A_DATE) {
            return millis;
        }
        if (CsvNumbers.isMissingMarker(b, off, len)) {
            return Utils.missingValue();
        }
        if (datePatterns[a] != null) {
            SimpleDateFormat[] formats = dateFormats.get();
            if (formats[a] == null) {
                formats[a] = DateValues.patternFormat(datePatterns[a]);
            }
            millis = DateValues.patternMillis(formats[a], csv.fieldString(f));
            if (millis != DateValues.NOT_A_DATE) {
                return millis;
            }
        }
        AttributeSpec spec = schema.attributes().get(a);
        throw new InvalidInputException(owner.location(file, line, spec.name(), f) + ": '"
                + ArffGuard.excerpt(csv.fieldString(f)) + "' is not a date, but '" + spec.name()
                + "' is a date attribute; write it as " + DateValues.acceptedForms(spec.format())
                + ", or ? or nothing for a missing value");
    }

    static void checkFieldCount(DatasetReader owner, FastCsvTokenizer csv, Path file, int columns) {
        if (csv.fieldCount != columns) {
            throw new InvalidInputException(owner.display(file) + " line " + csv.recordStartLine + ": " + csv.fieldCount
                    + " fields, but the header row has " + columns
                    + " columns; quote values that contain commas, or fix the row");
        }
    }
}
