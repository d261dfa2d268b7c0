package io.github.mlmaven.training;

import io.github.mlmaven.weka.WekaInternals;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Training rows for {@link NaiveBayes} kept as primitive columns while the files are read, instead of as Weka
 * {@code Instance} objects: NaiveBayes only needs each attribute's values per class, so the rows are never built
 * (a row object and its value array cost 48 more bytes a row than the column cells, and a million of them cost the
 * garbage collector copies), and the fit reads each column straight. Columns grow in chunks of 65,536 rows, so nothing
 * is copied as they grow. Values written with few decimals, as data files usually hold them, take 4 bytes instead of 8
 * (see {@link Column}). The model is the one {@link Training#fit(Classifier, Instances)} gives on the same rows, field for field.
 */
public final class NaiveBayesColumns {
    private static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;

    private final Instances header;
    private final int numAttributes;
    private final int classIndex;
    private final Column[] columns;
    /** Row weights per chunk, from the first weight other than 1 on (null until then: all 1). */
    private List<double[]> weights;

    private int size;

    public NaiveBayesColumns(Instances header) {
        this.header = new Instances(header, 0);
        this.numAttributes = header.numAttributes();
        this.classIndex = header.classIndex();
        this.columns = new Column[numAttributes];
        for (int a = 0; a < numAttributes; a++) {
            columns[a] = new Column();
        }
    }

    /**
     * True when {@code classifier} is fitted from columns without building Weka rows: exactly NaiveBayes with normal
     * estimators, on a Weka whose NaiveBayes fields the fit can set.
     */
    public static boolean supports(Classifier classifier) {
        return NaiveBayesFit.handles(WekaInternals.shared(), classifier);
    }

    /** Adds one row of the header's attributes; a row with a missing class takes no part, as in Weka's NaiveBayes. */
    public void add(double[] values, double weight) {
        if (Double.isNaN(values[classIndex])) {
            return;
        }
        int chunk = size >>> CHUNK_BITS;
        int within = size & (CHUNK - 1);
        if (within == 0) {
            for (Column column : columns) {
                column.addChunk();
            }
            if (weights != null) {
                weights.add(new double[CHUNK]);
            }
        }
        for (int a = 0; a < numAttributes; a++) {
            columns[a].set(chunk, within, values[a]);
        }
        if (weight != 1.0 && weights == null) {
            weights = new ArrayList<>();
            for (int c = 0; c <= chunk; c++) {
                double[] ones = new double[CHUNK];
                java.util.Arrays.fill(ones, 1.0);
                weights.add(ones);
            }
        }
        if (weights != null) {
            weights.get(chunk)[within] = weight;
        }
        size++;
    }

    /** Rows kept (those with a class value). */
    public int size() {
        return size;
    }

    /** The attributes and the class, without rows. */
    Instances header() {
        return header;
    }

    /**
     * The rows added, as Weka rows: for a fit that needs them (Weka's own, when the faster one cannot run). The values
     * and weights are those added, bit for bit.
     */
    Instances toInstances() {
        double[][] values = new double[numAttributes][size];
        for (int a = 0; a < numAttributes; a++) {
            copyColumn(a, values[a]);
        }
        double[] rowWeights = new double[size];
        copyWeights(rowWeights);
        Instances rows = new Instances(header, size);
        for (int i = 0; i < size; i++) {
            double[] row = new double[numAttributes];
            for (int a = 0; a < numAttributes; a++) {
                row[a] = values[a][i];
            }
            rows.add(new DenseInstance(rowWeights[i], row));
        }
        return rows;
    }

    /** Copies attribute {@code attribute} of every row into {@code into}: the values added, bit for bit. */
    void copyColumn(int attribute, double[] into) {
        columns[attribute].copyTo(into, size);
    }

    /** Attribute {@code attribute} of every row, a nominal one (whole numbers), into {@code into}. */
    void copyAsInts(int attribute, int[] into) {
        double[] values = new double[Math.min(size, CHUNK)];
        for (int from = 0; from < size; from += CHUNK) {
            int count = Math.min(CHUNK, size - from);
            columns[attribute].copyChunk(from >>> CHUNK_BITS, values, 0, count);
            for (int i = 0; i < count; i++) {
                into[from + i] = (int) values[i];
            }
        }
    }

    /** Every row's weight into {@code into}. */
    void copyWeights(double[] into) {
        if (weights == null) {
            java.util.Arrays.fill(into, 0, size, 1.0);
            return;
        }
        for (int c = 0; c < weights.size(); c++) {
            int from = c * CHUNK;
            System.arraycopy(weights.get(c), 0, into, from, Math.min(CHUNK, size - from));
        }
    }

    /** Bytes a row takes in the columns, for tests: 4 per attribute stored as whole numbers, 8 per other. */
    int bytesPerRow() {
        int bytes = 0;
        for (Column column : columns) {
            bytes += column.doubles == null ? Integer.BYTES : Double.BYTES;
        }
        return bytes;
    }

    /**
     * One attribute's values. While every value so far is a whole number {@code k} of some decimals {@code d} (the
     * value is {@code k / 10^d}: that division gives back its exact bits, and {@code |k|} fits an int), the column
     * holds the {@code k}, 4 bytes a value; a value with more decimals raises {@code d} (the {@code k} so far are
     * multiplied by a power of ten, which keeps their values exact: the same quotient is rounded once either way); the
     * first value that fits no {@code d} up to 9 turns the column into doubles. A nominal attribute's indices are whole
     * numbers ({@code d = 0}). Missing values and -0.0 have codes of their own.
     */
    private static final class Column {
        private static final int MISSING = Integer.MIN_VALUE;
        private static final int NEGATIVE_ZERO = Integer.MIN_VALUE + 1;
        /** The largest |k| stored: the two smallest ints are the codes. */
        private static final int LARGEST = Integer.MAX_VALUE - 1;

        private static final int MAX_DECIMALS = 9;
        private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

        private int decimals;
        private double scale = 1;
        /** The largest |k| so far, to know whether more decimals still fit. */
        private long largest;

        private List<int[]> whole = new ArrayList<>();
        /** Non-null once the column holds doubles. */
        private List<double[]> doubles;

        void addChunk() {
            if (doubles != null) {
                doubles.add(new double[CHUNK]);
            } else {
                whole.add(new int[CHUNK]);
            }
        }

        void set(int chunk, int within, double value) {
            if (doubles != null) {
                doubles.get(chunk)[within] = value;
                return;
            }
            int code = code(value);
            if (code == MISSING && !Double.isNaN(value)) {
                if (!moreDecimals(value)) {
                    toDoubles();
                    doubles.get(chunk)[within] = value;
                    return;
                }
                code = code(value);
            }
            whole.get(chunk)[within] = code;
        }

        /** The code of {@code value} with the current decimals; MISSING also when it has no code (NaN aside). */
        private int code(double value) {
            double k = Math.rint(value * scale);
            if (Math.abs(k) <= LARGEST
                    && Double.doubleToRawLongBits((int) k / scale) == Double.doubleToRawLongBits(value)) {
                largest = Math.max(largest, Math.abs((long) k));
                return (int) k;
            }
            if (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0)) {
                return NEGATIVE_ZERO;
            }
            return MISSING; // NaN, or no whole number at these decimals
        }

        /** Raises the decimals so that {@code value} has a code, if one up to 9 does and the codes so far still fit. */
        private boolean moreDecimals(double value) {
            for (int d = decimals + 1; d <= MAX_DECIMALS; d++) {
                long factor = (long) POWERS_OF_TEN[d - decimals];
                if (largest * factor > LARGEST) {
                    return false;
                }
                double k = Math.rint(value * POWERS_OF_TEN[d]);
                if (Math.abs(k) <= LARGEST
                        && Double.doubleToRawLongBits((int) k / POWERS_OF_TEN[d])
                                == Double.doubleToRawLongBits(value)) {
                    for (int[] chunk : whole) {
                        for (int i = 0; i < chunk.length; i++) {
                            if (chunk[i] != MISSING && chunk[i] != NEGATIVE_ZERO) {
                                chunk[i] = (int) (chunk[i] * factor);
                            }
                        }
                    }
                    largest *= factor;
                    decimals = d;
                    scale = POWERS_OF_TEN[d];
                    return true;
                }
            }
            return false;
        }

        private double value(int code) {
            if (code == MISSING) {
                return Double.NaN;
            }
            return code == NEGATIVE_ZERO ? -0.0 : code / scale;
        }

        private void toDoubles() {
            doubles = new ArrayList<>();
            for (int[] chunk : whole) {
                double[] values = new double[CHUNK];
                for (int i = 0; i < CHUNK; i++) {
                    values[i] = value(chunk[i]);
                }
                doubles.add(values);
            }
            whole = null;
        }

        void copyChunk(int chunk, double[] into, int offset, int count) {
            if (doubles != null) {
                System.arraycopy(doubles.get(chunk), 0, into, offset, count);
                return;
            }
            int[] codes = whole.get(chunk);
            for (int i = 0; i < count; i++) {
                into[offset + i] = value(codes[i]);
            }
        }

        void copyTo(double[] into, int size) {
            for (int from = 0; from < size; from += CHUNK) {
                copyChunk(from >>> CHUNK_BITS, into, from, Math.min(CHUNK, size - from));
            }
        }
    }
}
