package io.github.mlmaven.training;

import io.github.mlmaven.common.RadixSort;
import weka.classifiers.trees.j48.Distribution;
import weka.classifiers.trees.j48.GainRatioSplitCrit;
import weka.classifiers.trees.j48.InfoGainSplitCrit;
import weka.core.Instances;
import weka.core.Utils;

/**
 * What Weka's {@code C45Split.buildClassifier} finds for one attribute of a J48 node (whether the split is usable, its
 * information gain and gain ratio), computed from the node's values and classes in primitive arrays instead of a scan
 * of row objects in sorted order, which jumps through memory at every row and was most of a large node's time.
 *
 * <p>The figures are Weka's to the bit: the scan visits the same split points in the same order with the same class
 * counts (with every row weighing 1 the counts are whole numbers, exact in any order of addition), holds those counts
 * in Weka's own {@link Distribution}, and evaluates them with Weka's own criteria. Only rows that all weigh 1 and have
 * every value of the attribute may be given here ({@link ParallelJ48#supports}). The caller still builds the chosen
 * attribute's split with Weka's code and compares it with the candidate (see {@link ParallelJ48}).
 *
 * <p>Follows Weka 3.8.7's {@code C45Split.handleNumericAttribute} and {@code handleEnumeratedAttribute}; Weka is
 * GPL-3.0 like this project.
 */
final class C45Candidates {
    /** One attribute's split as Weka's C45Split would hold it; {@code usable} is its {@code checkModel()}. */
    record Candidate(boolean usable, double infoGain, double gainRatio) {
        static final Candidate UNUSABLE = new Candidate(false, 0, 0);
    }

    private static final InfoGainSplitCrit INFO_GAIN = new InfoGainSplitCrit();
    private static final GainRatioSplitCrit GAIN_RATIO = new GainRatioSplitCrit();

    private final int numClasses;
    private final int minNoObj;
    private final double sumOfWeights;
    private final boolean useMdlCorrection;
    private final int[] classes;

    /** The node {@code data}, whose class values are read once here. */
    C45Candidates(Instances data, int minNoObj, double sumOfWeights, boolean useMdlCorrection) {
        this.numClasses = data.numClasses();
        this.minNoObj = minNoObj;
        this.sumOfWeights = sumOfWeights;
        this.useMdlCorrection = useMdlCorrection;
        int n = data.numInstances();
        this.classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (int) data.instance(i).classValue();
        }
    }

    /** Arrays one thread reuses from attribute to attribute. */
    static final class Scratch {
        private long[] keys = new long[0];
        private long[] keyScratch = new long[0];
        private int[] order = new int[0];
        private int[] orderScratch = new int[0];

        private void ensure(int n) {
            if (keys.length < n) {
                keys = new long[n];
                keyScratch = new long[n];
                order = new int[n];
                orderScratch = new int[n];
            }
        }
    }

    /** Attribute {@code attIndex} of {@code data} (the rows this was made with), numeric or nominal. */
    Candidate of(Instances data, int attIndex, Scratch scratch) {
        return data.attribute(attIndex).isNominal() ? nominal(data, attIndex) : numeric(data, attIndex, scratch);
    }

    private Candidate nominal(Instances data, int attIndex) {
        int numValues = data.attribute(attIndex).numValues();
        double[][] counts = new double[numValues][numClasses];
        for (int i = 0; i < classes.length; i++) {
            counts[(int) data.instance(i).value(attIndex)][classes[i]]++;
        }
        Distribution distribution = new Distribution(numValues, numClasses);
        for (int v = 0; v < numValues; v++) {
            distribution.add(v, counts[v]);
        }
        if (!distribution.check(minNoObj)) {
            return Candidate.UNUSABLE;
        }
        double infoGain = INFO_GAIN.splitCritValue(distribution, sumOfWeights);
        return new Candidate(true, infoGain, GAIN_RATIO.splitCritValue(distribution, sumOfWeights, infoGain));
    }

    private Candidate numeric(Instances data, int attIndex, Scratch scratch) {
        int n = classes.length;
        scratch.ensure(n);
        long[] keys = scratch.keys;
        int[] order = scratch.order;
        double[] all = new double[numClasses];
        for (int i = 0; i < n; i++) {
            keys[i] = RadixSort.sortableBits(data.instance(i).value(attIndex));
            order[i] = i;
            all[classes[i]]++;
        }
        boolean inScratch = RadixSort.sort(keys, order, scratch.keyScratch, scratch.orderScratch, n);
        long[] sortedKeys = inScratch ? scratch.keyScratch : keys;
        int[] sorted = inScratch ? scratch.orderScratch : order;

        Distribution distribution = new Distribution(2, numClasses);
        distribution.add(1, all);
        double minSplit = 0.1 * distribution.total() / numClasses;
        if (Utils.smOrEq(minSplit, minNoObj)) {
            minSplit = minNoObj;
        } else if (Utils.gr(minSplit, 25)) {
            minSplit = 25;
        }
        if (Utils.sm(n, 2 * minSplit)) {
            return Candidate.UNUSABLE;
        }
        double defaultEnt = INFO_GAIN.oldEnt(distribution);
        double[] moving = new double[numClasses];
        double[] leaving = new double[numClasses];
        double[] bestLeft = new double[numClasses];
        double infoGain = 0;
        int index = 0;
        boolean found = false;
        double previous = RadixSort.fromSortableBits(sortedKeys[0]);
        for (int next = 1; next < n; next++) {
            moving[classes[sorted[next - 1]]]++;
            double value = RadixSort.fromSortableBits(sortedKeys[next]);
            if (previous + 1e-5 < value) {
                // the rows up to this split point move from the right bag to the left one, as Weka's shiftRange
                for (int c = 0; c < numClasses; c++) {
                    leaving[c] = -moving[c];
                }
                distribution.add(1, leaving);
                distribution.add(0, moving);
                java.util.Arrays.fill(moving, 0);
                if (Utils.grOrEq(distribution.perBag(0), minSplit) && Utils.grOrEq(distribution.perBag(1), minSplit)) {
                    double currentInfoGain = INFO_GAIN.splitCritValue(distribution, sumOfWeights, defaultEnt);
                    if (Utils.gr(currentInfoGain, infoGain)) {
                        infoGain = currentInfoGain;
                        found = true;
                        for (int c = 0; c < numClasses; c++) {
                            bestLeft[c] = distribution.perClassPerBag(0, c);
                        }
                    }
                    index++;
                }
            }
            previous = value;
        }
        if (index == 0) {
            return Candidate.UNUSABLE;
        }
        if (useMdlCorrection) {
            infoGain = infoGain - (Utils.log2(index) / sumOfWeights);
        }
        if (Utils.smOrEq(infoGain, 0) || !found) {
            return Candidate.UNUSABLE;
        }
        double[] bestRight = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            bestRight[c] = all[c] - bestLeft[c];
        }
        Distribution best = new Distribution(2, numClasses);
        best.add(0, bestLeft);
        best.add(1, bestRight);
        return new Candidate(true, infoGain, GAIN_RATIO.splitCritValue(best, sumOfWeights, infoGain));
    }
}
