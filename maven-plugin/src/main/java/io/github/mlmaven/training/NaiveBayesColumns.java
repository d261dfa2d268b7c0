package io.github.mlmaven.training;

import java.util.ArrayList;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.core.Instances;

/**
 * Training rows for {@link NaiveBayes} kept as primitive columns while the files are read, instead of as Weka
 * {@code Instance} objects: NaiveBayes only needs each attribute's values per class, so the rows are never built
 * (a row object and its value array cost 48 more bytes a row than the column cells, and a million of them cost the
 * garbage collector copies), and the fit reads each column straight. Columns grow in chunks of 65,536 rows, so nothing
 * is copied as they grow. The model is the one {@link Training#fit} gives on the same rows, field for field.
 */
public final class NaiveBayesColumns {
    static final int CHUNK = 1 << 16;

    private final Instances header;
    private final int numAttributes;
    private final int classIndex;
    /** Chunk, then attribute, then row within the chunk. */
    private final List<double[][]> chunks = new ArrayList<>();
    /** Row weights per chunk, from the first weight other than 1 on (null until then: all 1). */
    private List<double[]> weights;

    private int size;

    public NaiveBayesColumns(Instances header) {
        this.header = new Instances(header, 0);
        this.numAttributes = header.numAttributes();
        this.classIndex = header.classIndex();
    }

    /** True when {@code classifier} is fitted by {@link #fit}: exactly NaiveBayes with normal estimators. */
    public static boolean supports(Classifier classifier) {
        return NaiveBayesFit.supports(classifier);
    }

    /** Adds one row of the header's attributes; a row with a missing class takes no part, as in Weka's NaiveBayes. */
    public void add(double[] values, double weight) {
        if (Double.isNaN(values[classIndex])) {
            return;
        }
        int within = size & (CHUNK - 1);
        if (within == 0) {
            chunks.add(new double[numAttributes][CHUNK]);
            if (weights != null) {
                weights.add(new double[CHUNK]);
            }
        }
        double[][] chunk = chunks.get(chunks.size() - 1);
        for (int a = 0; a < numAttributes; a++) {
            chunk[a][within] = values[a];
        }
        if (weight != 1.0 && weights == null) {
            weights = new ArrayList<>();
            for (int c = 0; c < chunks.size(); c++) {
                double[] ones = new double[CHUNK];
                java.util.Arrays.fill(ones, 1.0);
                weights.add(ones);
            }
        }
        if (weights != null) {
            weights.get(weights.size() - 1)[within] = weight;
        }
        size++;
    }

    /** Rows kept (those with a class value). */
    public int size() {
        return size;
    }

    /** Fits {@code model} to the rows added. */
    public void fit(NaiveBayes model) throws Exception {
        NaiveBayesFit.fit(model, header, this);
    }

    /** Copies attribute {@code attribute} of every row into {@code into}. */
    void copyColumn(int attribute, double[] into) {
        for (int c = 0; c < chunks.size(); c++) {
            int from = c * CHUNK;
            System.arraycopy(chunks.get(c)[attribute], 0, into, from, Math.min(CHUNK, size - from));
        }
    }

    /** Attribute {@code attribute} of every row, a nominal one (whole numbers), into {@code into}. */
    void copyAsInts(int attribute, int[] into) {
        for (int c = 0; c < chunks.size(); c++) {
            double[] column = chunks.get(c)[attribute];
            int from = c * CHUNK;
            int to = Math.min(CHUNK, size - from);
            for (int i = 0; i < to; i++) {
                into[from + i] = (int) column[i];
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
}
