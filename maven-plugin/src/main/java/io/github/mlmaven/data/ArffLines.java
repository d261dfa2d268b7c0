package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.FastDatasetReader.Rows;
import io.github.mlmaven.data.ParallelBlocks.Cursor;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffLoader;

/** Dense ARFF data lines, parsed to rows of the schema; thread-safe when {@link #parallelSafe}. */
final class ArffLines {
    final Path file;
    final String shown;
    final Instances header;
    final Schema schema;
    final int n;
    final int numAttributes;
    /**
     * The length of a row as parsed: one slot more than the schema when the header has attributes the schema does not
     * (those {@code <exclude>} drops), which are parsed as declared into that last slot, cut off when the row is
     * handed on.
     */
    final int width;
    // per source attribute: its schema index, type, and for nominal ones label bytes -> schema index
    final int[] schemaIndex;
    final char[] type;
    final FastBytes.Dictionary[] labels;
    final int[][] labelToSchema;
    final Instances wekaStructure;
    /** No string attributes: nothing is added to shared tables while parsing. */
    final boolean parallelSafe;

    ArffLines(Path file, String shown, Instances header, Schema schema, int[] sourceIndex) {
        this.file = file;
        this.shown = shown;
        this.header = header;
        this.schema = schema;
        n = header.numAttributes();
        numAttributes = schema.attributes().size();
        schemaIndex = new int[n];
        type = new char[n];
        labels = new FastBytes.Dictionary[n];
        labelToSchema = new int[n][];
        boolean strings = false;
        for (int a = 0; a < numAttributes; a++) {
            int s = sourceIndex[a];
            schemaIndex[s] = a;
            Attribute attribute = header.attribute(s);
            AttributeSpec spec = schema.attributes().get(a);
            type[s] = attribute.isNominal() ? 'n' : attribute.isString() ? 's' : 'd';
            strings |= attribute.isString();
            if (attribute.isNominal()) {
                Map<String, Integer> index = new HashMap<>();
                for (int v = 0; v < spec.values().size(); v++) {
                    index.put(spec.values().get(v), v);
                }
                labels[s] = new FastBytes.Dictionary();
                labelToSchema[s] = new int[attribute.numValues()];
                for (int v = 0; v < attribute.numValues(); v++) {
                    byte[] bytes = attribute.value(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (labels[s].find(bytes, 0, bytes.length) < 0) {
                        labels[s].add(bytes, 0, bytes.length);
                    }
                    Integer i = index.get(attribute.value(v));
                    labelToSchema[s][v] = i == null ? -1 : i;
                }
            }
        }
        boolean dropping = false;
        for (int s = 0; s < n; s++) {
            if (type[s] == 0) {
                dropping = true;
                schemaIndex[s] = numAttributes;
                Attribute attribute = header.attribute(s);
                type[s] = attribute.isNominal() ? 'n' : attribute.isString() ? 's' : 'd';
                if (attribute.isNominal()) {
                    labels[s] = new FastBytes.Dictionary();
                    labelToSchema[s] = new int[attribute.numValues()]; // any label is accepted into the cut slot
                    for (int v = 0; v < attribute.numValues(); v++) {
                        byte[] bytes = attribute.value(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        if (labels[s].find(bytes, 0, bytes.length) < 0) {
                            labels[s].add(bytes, 0, bytes.length);
                        }
                    }
                }
            }
        }
        width = numAttributes + (dropping ? 1 : 0);
        for (int s = 0; s < n; s++) {
            strings |= header.attribute(s).isString() || type[s] == 0;
        }
        wekaStructure = new Instances(header, 0);
        parallelSafe = !strings;
    }

    final class Scratch {
        final int[] tokenStart = new int[n];
        final int[] tokenEnd = new int[n];
        /** Where {@link PlainDecimal#parseDecimalPrefix} stopped. */
        final int[] end = new int[1];
        /** Whether the line last tokenized holds a quote, a brace or more tokens than attributes. */
        boolean unusual;
    }

    Scratch scratch() {
        return new Scratch();
    }

    /** Parses every line of {@code b} from {@code cursor.p} to {@code limit}, which is the end of the data. */
    void parseLines(byte[] b, int limit, Cursor cursor, Rows rows, Progress progress) {
        Scratch scratch = new Scratch();
        while (cursor.p < limit) {
            int eol = cursor.p;
            while (eol < limit && b[eol] != '\n' && b[eol] != '\r') {
                eol++;
            }
            parseLine(b, eol, limit, cursor, rows, progress, scratch);
        }
    }

    /**
     * Parses the line from {@code cursor.p} to {@code eol}, where a line end (or the end of the data) is; bytes
     * up to {@code limit} are valid. Moves the cursor to the next line; rows go to {@code rows}. A plain line is read
     * in one pass; a line of tokens that are all plain numbers and known labels, from its tokens; any other line (a
     * sparse row, a weight, quotes, an error) by Weka, one line at a time.
     */
    void parseLine(byte[] b, int eol, int limit, Cursor cursor, Rows rows, Progress progress, Scratch scratch) {
        int p = cursor.p;
        int line = cursor.line;
        int next = eol;
        if (next < limit) {
            next += b[next] == '\r' && next + 1 < limit && b[next + 1] == '\n' ? 2 : 1;
        }
        double[] simple = simpleLine(b, p, eol, scratch);
        if (simple != null) {
            emit(simple, 1.0, line, next, cursor, rows, progress);
            return;
        }
        int tokens = tokenize(b, p, eol, line, scratch);
        if (tokens == 0 && !scratch.unusual) {
            cursor.p = next;
            cursor.line++;
            return;
        }
        double[] values = new double[width];
        double weight = 1.0;
        if (scratch.unusual || tokens != n || !fromTokens(b, values, rows, scratch)) {
            // the line end too, as Weka's tokenizer sees it in the whole file
            Instance instance = wekaLine(wekaStructure, FastBytes.utf8(b, p, next - p), line, shown);
            if (instance == null) {
                cursor.p = next;
                cursor.line++;
                return;
            }
            weight = instance.weight();
            fromWeka(instance, values, line, cursor.row + 1, rows);
        }
        emit(values, weight, line, next, cursor, rows, progress);
    }

    /**
     * Splits a line into tokens as Weka separates them, into {@code scratch}; returns how many. Stops at a comment, and
     * at a quote, a brace or a token past the last attribute, which make the line {@link Scratch#unusual}.
     */
    private int tokenize(byte[] b, int p, int eol, int line, Scratch scratch) {
        int[] tokenStart = scratch.tokenStart;
        int[] tokenEnd = scratch.tokenEnd;
        int tokens = 0;
        boolean high = false;
        scratch.unusual = false;
        int q = p;
        while (q < eol) {
            byte c = b[q];
            if (ArffFileReader.arffSeparator(c)) {
                q++;
                continue;
            }
            if (c == '%') {
                break;
            }
            if (c == '\'' || c == '"' || c == '{' || c == '}' || tokens == n) {
                scratch.unusual = true;
                break;
            }
            int t = q;
            while (q < eol) {
                c = b[q];
                if (c < 0) {
                    high = true;
                } else if (c <= ' ' || c == ',' || c == '%' || c == '\'' || c == '"' || c == '{' || c == '}') {
                    break;
                }
                q++;
            }
            tokenStart[tokens] = t;
            tokenEnd[tokens] = q;
            tokens++;
        }
        if (high) {
            int bad = FastBytes.firstInvalidUtf8(b, p, eol - p);
            if (bad >= 0) {
                throw FastBytes.invalidUtf8(shown, b, p, line, bad);
            }
        }
        return tokens;
    }

    /**
     * The row's values from its {@link #n} tokens; false when one is not a plain number or a label the schema knows,
     * and Weka's reading of the line must say what it is.
     */
    private boolean fromTokens(byte[] b, double[] values, Rows rows, Scratch scratch) {
        for (int s = 0; s < n; s++) {
            int t = scratch.tokenStart[s];
            int len = scratch.tokenEnd[s] - t;
            int a = schemaIndex[s];
            if (len == 1 && b[t] == '?') {
                values[a] = Utils.missingValue();
                continue;
            }
            switch (type[s]) {
                case 'd' -> {
                    long bits = CsvNumbers.javaNumberBits(b, t, len);
                    values[a] = Double.longBitsToDouble(bits);
                    if (bits == CsvNumbers.NO_NUMBER || Double.isInfinite(values[a])) {
                        return false;
                    }
                }
                case 'n' -> {
                    int v = labels[s].find(b, t, len);
                    if (v < 0 || labelToSchema[s][v] < 0) {
                        return false;
                    }
                    values[a] = labelToSchema[s][v];
                }
                default -> {
                    // kept in the file's own string table too: a sparse row's absent string is its first
                    String text = FastBytes.utf8(b, t, len);
                    wekaStructure.attribute(s).addStringValue(text);
                    Attribute target = rows == null || a == numAttributes ? null : rows.stringAttribute(a);
                    values[a] = target == null ? 0 : target.addStringValue(text);
                }
            }
        }
        return true;
    }

    /** The row's values from the instance Weka read from its line; {@code row} is its number among the data rows. */
    private void fromWeka(Instance instance, double[] values, int line, long row, Rows rows) {
        for (int s = 0; s < n; s++) {
            int a = schemaIndex[s];
            if (instance.isMissing(s)) {
                values[a] = Utils.missingValue();
                continue;
            }
            values[a] = switch (type[s]) {
                case 'd' -> {
                    if (Double.isInfinite(instance.value(s))) {
                        throw new InvalidInputException(shown + " line " + line + ", attribute '"
                                + header.attribute(s).name() + "': " + DatasetReader.outOfRange(null));
                    }
                    yield instance.value(s);
                }
                case 'n' -> {
                    int v = labelToSchema[s][(int) instance.value(s)];
                    if (v < 0) {
                        AttributeSpec spec = schema.attributes().get(a);
                        throw new InvalidInputException(shown + " data row " + row + ", attribute '" + spec.name()
                                + "': value '"
                                + ArffGuard.excerpt(header.attribute(s).value((int) instance.value(s)))
                                + "' never appears in the training data; known values: "
                                + DatasetReader.knownValues(spec.values())
                                + ". Retrain with data that holds it, or correct the value");
                    }
                    yield v;
                }
                default -> {
                    Attribute target = rows == null || a == numAttributes ? null : rows.stringAttribute(a);
                    String value = wekaStructure.attribute(s).value((int) instance.value(s));
                    yield target == null ? 0 : target.addStringValue(value);
                }
            };
        }
    }

    private void emit(double[] values, double weight, int line, int next, Cursor cursor, Rows rows, Progress progress) {
        cursor.row++;
        if (rows != null) {
            rows.add(
                    width == numAttributes ? values : java.util.Arrays.copyOf(values, numAttributes),
                    weight,
                    file,
                    line);
        }
        if (progress != null) {
            progress.row(cursor.row);
        }
        cursor.p = next;
        cursor.line++;
    }

    /**
     * The row of a plain line, read in one pass: every field a plain decimal, a known label or {@code ?}, separated
     * as Weka separates them, and nothing after the last but separators or a comment. Null for any other line,
     * which the general path then reads; for a line read here, the general path gives the same row.
     */
    private double[] simpleLine(byte[] b, int p, int eol, Scratch scratch) {
        if (!parallelSafe) {
            return null;
        }
        double[] values = new double[width];
        int q = p;
        for (int s = 0; s < n; s++) {
            int c = 0;
            while (q < eol && ((c = b[q]) == ',' || (c >= 0 && c <= ' '))) {
                q++;
            }
            if (q >= eol) {
                return null; // fewer fields than attributes
            }
            int t = q;
            if (c == '?') {
                q++;
                values[schemaIndex[s]] = Utils.missingValue();
            } else if (type[s] == 'd') {
                long bits = PlainDecimal.parseDecimalPrefix(b, t, eol, scratch.end);
                if (bits == PlainDecimal.NOT_FAST) {
                    return null;
                }
                q = scratch.end[0];
                values[schemaIndex[s]] = Double.longBitsToDouble(bits);
            } else {
                while (q < eol
                        && (c = b[q]) > ' '
                        && c != ','
                        && c != '%'
                        && c != '\''
                        && c != '"'
                        && c != '{'
                        && c != '}') {
                    q++;
                }
                if (!simpleValue(b, t, q, s, values)) {
                    return null;
                }
            }
            // the field must end where the general path's token ends: at a separator or the line's end
            if (q < eol && !((c = b[q]) == ',' || (c >= 0 && c <= ' '))) {
                return null;
            }
        }
        while (q < eol && (b[q] == ',' || (b[q] >= 0 && b[q] <= ' '))) {
            q++;
        }
        return q == eol || b[q] == '%' ? values : null;
    }

    /** Sets the value of nominal source attribute {@code s} from its token {@code b[t, q)}; false when unknown. */
    private boolean simpleValue(byte[] b, int t, int q, int s, double[] values) {
        int v = q > t ? labels[s].find(b, t, q - t) : -1;
        if (v < 0 || labelToSchema[s][v] < 0) {
            return false;
        }
        values[schemaIndex[s]] = labelToSchema[s][v];
        return true;
    }

    /** One data line read by Weka itself; its errors name the same line as when Weka reads the whole file. */
    private static Instance wekaLine(Instances structure, String text, int line, String shown) {
        try {
            ArffLoader.ArffReader weka =
                    new ArffLoader.ArffReader(new ArffGuard(new StringReader(text), shown), structure, 0, 1, true);
            Instance instance = weka.readInstance(structure);
            if (instance != null && !restIsEmpty(weka, structure)) {
                // Weka reading the whole file takes what is left as the start of the next row, and then fails
                throw new InvalidInputException(
                        shown + " line " + line + ": not a valid ARFF file: the row has text after its "
                                + structure.numAttributes() + " values: more values than the header declares, or"
                                + " an instance weight not written {number}; remove the extra values or fix the"
                                + " header",
                        null);
            }
            if (instance != null && Double.isNaN(instance.weight())) {
                throw new InvalidInputException(
                        shown + " line " + line + ": not a valid ARFF file: the instance weight is not a number;"
                                + " write it {number} after the row's values",
                        null);
            }
            return instance;
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            // Weka's NullPointerException for a weight's "{" with nothing after it, and the like
            String why = e instanceof NullPointerException
                    ? "an instance weight's { has no number after it"
                    : "Weka cannot read it: " + ArffGuard.excerpt(String.valueOf(e.getMessage()), 120);
            throw new InvalidInputException(
                    shown + " line " + line + ": not a valid ARFF file: " + why
                            + "; an instance weight is written {number} after the row's values",
                    e);
        } catch (IOException e) {
            String message;
            try {
                ArffLoader.ArffReader weka =
                        new ArffLoader.ArffReader(new PaddedReader(line - 1, text), structure, 0, 1, true);
                weka.readInstance(structure);
                message = e.getMessage();
            } catch (IOException exact) {
                message = exact.getMessage();
            } catch (RuntimeException other) {
                message = e.getMessage();
            }
            // Weka's message for the line, as Weka reading the whole file gives it: the reference reader's
            throw new InvalidInputException(ArffGuard.wekaSyntaxError(shown, message), e);
        }
    }

    /** Whether a line Weka read a row from holds nothing more: extra values would otherwise be dropped unseen. */
    private static boolean restIsEmpty(ArffLoader.ArffReader weka, Instances structure) {
        try {
            return weka.readInstance(structure) == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code lines} empty lines and then a text, so that Weka's tokenizer counts lines as in the whole file. */
    private static final class PaddedReader extends Reader {
        private int newlines;
        private final StringReader rest;

        PaddedReader(int newlines, String text) {
            this.newlines = newlines;
            this.rest = new StringReader(text);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (newlines > 0) {
                int n = Math.min(len, newlines);
                for (int i = 0; i < n; i++) {
                    cbuf[off + i] = '\n';
                }
                newlines -= n;
                return n;
            }
            return rest.read(cbuf, off, len);
        }

        @Override
        public void close() {}
    }
}
