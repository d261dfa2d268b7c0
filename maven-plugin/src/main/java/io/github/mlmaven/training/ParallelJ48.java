package io.github.mlmaven.training;

import io.github.mlmaven.common.RadixSort;
import io.github.mlmaven.weka.WekaInternals;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;
import weka.classifiers.Classifier;
import weka.classifiers.trees.J48;
import weka.classifiers.trees.j48.C45ModelSelection;
import weka.classifiers.trees.j48.C45PruneableClassifierTree;
import weka.classifiers.trees.j48.C45Split;
import weka.classifiers.trees.j48.ClassifierSplitModel;
import weka.classifiers.trees.j48.ClassifierTree;
import weka.classifiers.trees.j48.Distribution;
import weka.classifiers.trees.j48.NoSplit;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Builds Weka's own {@link J48} with the candidate splits of each node evaluated on every core. Weka evaluates them one
 * attribute after another, each a sort of the node's row objects and a scan of them in sorted order, which jumps
 * through memory at every row: over nine tenths of the build. Here a large node's candidates come from primitive
 * arrays instead ({@link C45Candidates}: the values radix-sorted with the rows' classes, the counts held and scored by
 * Weka's own {@code Distribution} and criteria), one attribute per thread; only the chosen attribute's split is built by
 * Weka's {@code C45Split}, and it must carry the candidate's gain and gain ratio to the bit, else the node is evaluated
 * by Weka's code. C4.5's last step, moving the split point to the largest training value below it, scans every
 * training row at every node in Weka; here it searches the attribute's sorted values ({@link SplitPoints}). Small nodes,
 * splitting, collapsing and pruning run as Weka runs them. With one thread (a cross-validation fold, while other folds
 * use the other cores) the gain is the columns alone.
 *
 * <p>The tree is Weka's, node for node: each attribute's candidate split depends on the rows' values and classes, not
 * on their order, as long as every row weighs 1 (class counts are then sums of ones, exact in any order). Rows of equal
 * value may come out of Weka's sort in another order here, but a split point never falls between equal values. So this
 * path is taken only when every row weighs 1 and no attribute value is missing: C4.5 passes a row with a missing value
 * down every branch with a fractional weight, and sums of fractions depend on their order. Anything else, and any J48
 * configuration other than the default C4.5 tree (binary splits, reduced-error pruning), goes to
 * {@code buildClassifier}.
 *
 * <p>The model is a plain {@code J48}: its nodes refer to Weka's own {@link C45ModelSelection}, as after Weka's build,
 * so Weka's GUI, CLI and the runtime load it as any other. The selection below follows Weka 3.8.7's {@code
 * C45ModelSelection.selectModel}; Weka is GPL-3.0 like this project.
 */
final class ParallelJ48 implements FitStrategy {
    private final WekaInternals internals;
    private final FitTuning tuning;
    /** Nodes where a candidate from the columns differed from Weka's split (never seen; tests assert none). */
    private final AtomicInteger disagreements = new AtomicInteger();

    ParallelJ48(WekaInternals internals, FitTuning tuning) {
        this.internals = internals;
        this.tuning = tuning;
    }

    /**
     * True for exactly {@code J48} (no subclass) in its C4.5 configuration, on Weka rows that all weigh 1 and have
     * every attribute value. With one thread, the build still gains the radix sort of {@link SortableRows}.
     */
    @Override
    public boolean supports(Classifier classifier, FitData data) {
        if (!internals.has(WekaInternals.Part.J48)
                || classifier.getClass() != J48.class
                || !(data instanceof FitData.Rows rows)) {
            return false;
        }
        J48 j48 = (J48) classifier;
        if (j48.getBinarySplits() || j48.getReducedErrorPruning() || j48.getNumFolds() != 3 || j48.getSeed() != 1) {
            return false;
        }
        float cf = j48.getConfidenceFactor();
        if (cf <= 0 || cf >= 1 || (j48.getUnpruned() && (!j48.getSubtreeRaising() || cf != 0.25f))) {
            return false; // buildClassifier says what is wrong with these options
        }
        int classIndex = rows.rows().classIndex();
        for (Instance row : rows.rows()) {
            if (row.weight() != 1.0) {
                return false;
            }
            for (int a = 0; a < row.numAttributes(); a++) {
                if (a != classIndex && row.isMissing(a)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Builds the J48 {@code classifier} on the rows, as {@code buildClassifier} would. */
    @Override
    public void fit(Classifier classifier, FitData data) throws Exception {
        J48 model = (J48) classifier;
        Instances rows = data.rows();
        model.getCapabilities().testWithFail(rows);
        try (FitThreads threads = new FitThreads("ml-j48", tuning.threads())) {
            Selection selection = new Selection(model, rows, threads, tuning, disagreements);
            C45PruneableClassifierTree root = new C45PruneableClassifierTree(
                    selection,
                    !model.getUnpruned(),
                    model.getConfidenceFactor(),
                    model.getSubtreeRaising(),
                    !model.getSaveInstanceData(),
                    model.getCollapseTree());
            root.buildClassifier(rows);
            // the nodes keep their selection; give them Weka's own, as it is after Weka's build (no data held)
            C45ModelSelection plain = new C45ModelSelection(
                    model.getMinNumObj(), null, model.getUseMDLcorrection(), model.getDoNotMakeSplitPointActualValue());
            replaceSelection(root, plain);
            internals.setJ48Root(model, root);
        }
    }

    private void replaceSelection(ClassifierTree node, C45ModelSelection selection) {
        internals.setModelSelection(node, selection);
        if (node.getSons() != null) {
            for (ClassifierTree son : node.getSons()) {
                replaceSelection(son, selection);
            }
        }
    }

    /**
     * The rows of a node in a list of their own, so that a thread can sort them without disturbing another. A numeric
     * attribute's sort is a radix sort of the values' bits rather than Weka's quicksort of row objects: rows of equal
     * value may end in another order, which the split does not depend on (see the class comment).
     */
    static final class SortableRows extends Instances {
        private static final long serialVersionUID = 1L;

        /** Below this many rows Weka's own sort is as fast. */
        private final int radixMinRows;

        private transient long[] keys;
        private transient long[] keyScratch;
        private transient int[] order;
        private transient int[] orderScratch;
        private transient Instance[] rows;

        SortableRows(Instances data, int radixMinRows) {
            super(data, 0);
            this.radixMinRows = radixMinRows;
            m_Instances.addAll(data); // the same row objects: C45Split reads them and reorders only its list
        }

        @Override
        public void sort(int attIndex) {
            int n = numInstances();
            if (attribute(attIndex).isNominal() || n < radixMinRows) {
                super.sort(attIndex);
                return;
            }
            if (keys == null) {
                keys = new long[n];
                keyScratch = new long[n];
                order = new int[n];
                orderScratch = new int[n];
                rows = new Instance[n];
            }
            m_Instances.toArray(rows);
            for (int i = 0; i < n; i++) {
                double v = rows[i].value(attIndex);
                // as Weka's sort: a missing value counts as the largest
                keys[i] = RadixSort.sortableBits(Double.isNaN(v) ? Double.MAX_VALUE : v);
                order[i] = i;
            }
            int[] sorted = radixSort(keys, order, keyScratch, orderScratch, n);
            for (int i = 0; i < n; i++) {
                m_Instances.set(i, rows[sorted[i]]);
            }
        }
    }

    /** How many nodes had to be evaluated by Weka's code because a candidate from the columns differed. */
    int disagreements() {
        return disagreements.get();
    }

    /**
     * Weka's {@code C45Split.setSplitPoint(allData)}: the split point becomes the largest value of the attribute in all
     * the training rows that is at most the split point. Weka scans every training row at every node for it; here the
     * attribute's distinct values are sorted once and searched. The answer is the same value, so the split is given it
     * by Weka's own method, from a one-row set. When the answer is a zero and both +0.0 and -0.0 occur, which of the
     * two Weka keeps depends on the rows' order, and Weka's own scan decides.
     */
    static final class SplitPoints {
        private final Instances allData;
        private final double[][] distinct;
        private final boolean[] bothZeros;

        SplitPoints(Instances allData) {
            this.allData = allData;
            this.distinct = new double[allData.numAttributes()][];
            this.bothZeros = new boolean[allData.numAttributes()];
        }

        void apply(C45Split split, Instances data) {
            int att = split.attIndex();
            if (data != allData || !allData.attribute(att).isNumeric() || split.numSubsets() <= 1) {
                split.setSplitPoint(data);
                return;
            }
            double[] values = distinct(att);
            double splitPoint = split.splitPoint();
            int low = 0;
            int high = values.length; // the first index whose value is above the split point
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (values[mid] <= splitPoint) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            Instances oneRow = new Instances(allData, 1);
            if (low > 0) {
                double value = values[low - 1];
                if (value == 0 && bothZeros[att]) {
                    split.setSplitPoint(allData);
                    return;
                }
                double[] row = new double[allData.numAttributes()];
                row[att] = value;
                oneRow.add(new DenseInstance(1, row));
            }
            split.setSplitPoint(oneRow);
        }

        private double[] distinct(int att) {
            if (distinct[att] == null) {
                double[] values = allData.attributeToDoubleArray(att);
                RadixSort.sortAscending(values); // -0.0 before 0.0; no value is missing (ParallelJ48#supports)
                int count = 0;
                for (int i = 0; i < values.length; i++) {
                    if (count == 0
                            || Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(values[count - 1])) {
                        values[count++] = values[i];
                    }
                }
                for (int i = 1; i < count; i++) {
                    if (values[i - 1] == 0 && values[i] == 0) {
                        bothZeros[att] = true;
                    }
                }
                distinct[att] = Arrays.copyOf(values, count);
            }
            return distinct[att];
        }
    }

    /** Sorts {@code keys[0, n)} carrying {@code payload} along; returns whichever payload array holds the result. */
    static int[] radixSort(long[] keys, int[] payload, long[] keyScratch, int[] payloadScratch, int n) {
        return RadixSort.sort(keys, payload, keyScratch, payloadScratch, n) ? payloadScratch : payload;
    }

    /** Weka 3.8.7's C45ModelSelection.selectModel, each attribute's C45Split built on whichever thread is free. */
    private static final class Selection extends C45ModelSelection {
        private static final long serialVersionUID = 1L;

        private final transient FitThreads threads;
        private final transient FitTuning tuning;
        private final transient SplitPoints splitPoints;
        private final transient AtomicInteger disagreements;
        /** Each thread's arrays, kept from node to node (the nodes are selected one at a time). */
        private final transient C45Candidates.Scratch[] scratches;

        Selection(J48 model, Instances allData, FitThreads threads, FitTuning tuning, AtomicInteger disagreements) {
            super(
                    model.getMinNumObj(),
                    allData,
                    model.getUseMDLcorrection(),
                    model.getDoNotMakeSplitPointActualValue());
            this.threads = threads;
            this.tuning = tuning;
            this.splitPoints = new SplitPoints(allData);
            this.disagreements = disagreements;
            this.scratches = new C45Candidates.Scratch[threads.threads()];
            for (int t = 0; t < scratches.length; t++) {
                scratches[t] = new C45Candidates.Scratch();
            }
        }

        @Override
        public ClassifierSplitModel selectModel(Instances data) throws Exception {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            // Check if all Instances belong to one class or if not enough Instances to split.
            Distribution checkDistribution = new Distribution(data);
            NoSplit noSplitModel = new NoSplit(checkDistribution);
            if (Utils.sm(checkDistribution.total(), 2 * m_minNoObj)
                    || Utils.eq(checkDistribution.total(), checkDistribution.perClass(checkDistribution.maxClass()))) {
                return noSplitModel;
            }
            // Check if all attributes are nominal and have a lot of values.
            boolean multiVal = true;
            if (m_allData != null) {
                Enumeration<Attribute> enu = data.enumerateAttributes();
                while (enu.hasMoreElements()) {
                    Attribute attribute = enu.nextElement();
                    if ((attribute.isNumeric())
                            || (Utils.sm(attribute.numValues(), (0.3 * m_allData.numInstances())))) {
                        multiVal = false;
                        break;
                    }
                }
            }
            double sumOfWeights = data.sumOfWeights();
            C45Split bestModel;
            if (data.numInstances() < tuning.j48MinParallelRows()) {
                bestModel = choose(data, wekaSplits(data, sumOfWeights), multiVal);
            } else {
                bestModel = chooseFromColumns(data, sumOfWeights, multiVal);
            }
            if (bestModel == null) {
                return noSplitModel;
            }
            // Add all Instances with unknown values for the corresponding attribute to the distribution for the
            // model, so that the complete distribution is stored with the model.
            bestModel.distribution().addInstWithUnknown(data, bestModel.attIndex());
            // Set the split point analogue to C45 if attribute numeric.
            if ((m_allData != null) && (!m_doNotMakeSplitPointActualValue)) {
                splitPoints.apply(bestModel, m_allData);
            }
            return bestModel;
        }

        /**
         * The candidates of every attribute from the node's columns, on all threads; the chosen attribute's split then
         * built by Weka's C45Split and compared with its candidate. Should they ever differ, every attribute is
         * evaluated by Weka's code instead.
         */
        private C45Split chooseFromColumns(Instances data, double sumOfWeights, boolean multiVal) throws Exception {
            int numAttributes = data.numAttributes();
            C45Candidates columns = new C45Candidates(data, m_minNoObj, sumOfWeights, m_useMDLcorrection);
            C45Candidates.Candidate[] candidates = new C45Candidates.Candidate[numAttributes];
            AtomicInteger next = new AtomicInteger();
            threads.run(part -> {
                C45Candidates.Scratch scratch = scratches[part];
                for (int i = next.getAndIncrement(); i < numAttributes; i = next.getAndIncrement()) {
                    if (i != data.classIndex()) {
                        candidates[i] = columns.of(data, i, scratch);
                    }
                }
            });
            int best = bestIndex(data, candidates, multiVal);
            if (best < 0) {
                return null;
            }
            C45Split split = new C45Split(best, m_minNoObj, sumOfWeights, m_useMDLcorrection);
            split.buildClassifier(new SortableRows(data, tuning.j48RadixMinRows()));
            C45Candidates.Candidate candidate = candidates[best];
            if (split.checkModel()
                    && Double.compare(split.infoGain(), candidate.infoGain()) == 0
                    && Double.compare(split.gainRatio(), candidate.gainRatio()) == 0) {
                return split;
            }
            disagreements.incrementAndGet();
            return choose(data, wekaSplits(data, sumOfWeights), multiVal);
        }

        /** Weka's choice among Weka's splits of every attribute; null for none. */
        private C45Split choose(Instances data, C45Split[] splits, boolean multiVal) {
            C45Candidates.Candidate[] candidates = new C45Candidates.Candidate[splits.length];
            for (int i = 0; i < splits.length; i++) {
                if (splits[i] != null) {
                    candidates[i] = new C45Candidates.Candidate(
                            splits[i].checkModel(), splits[i].infoGain(), splits[i].gainRatio());
                }
            }
            int best = bestIndex(data, candidates, multiVal);
            return best < 0 ? null : splits[best];
        }

        /** The attribute C45ModelSelection.selectModel splits on, or -1 for none. */
        private int bestIndex(Instances data, C45Candidates.Candidate[] currentModel, boolean multiVal) {
            double averageInfoGain = 0;
            int validModels = 0;
            for (int i = 0; i < data.numAttributes(); i++) {
                // Check if useful split for current attribute exists and check for enumerated attributes with a lot
                // of values.
                if (i != data.classIndex() && currentModel[i].usable()) {
                    if (m_allData != null) {
                        if ((data.attribute(i).isNumeric())
                                || (multiVal
                                        || Utils.sm(data.attribute(i).numValues(), (0.3 * m_allData.numInstances())))) {
                            averageInfoGain = averageInfoGain + currentModel[i].infoGain();
                            validModels++;
                        }
                    } else {
                        averageInfoGain = averageInfoGain + currentModel[i].infoGain();
                        validModels++;
                    }
                }
            }
            // Check if any useful split was found.
            if (validModels == 0) {
                return -1;
            }
            averageInfoGain = averageInfoGain / validModels;
            // Find "best" attribute to split on.
            double minResult = 0;
            int best = -1;
            for (int i = 0; i < data.numAttributes(); i++) {
                if ((i != data.classIndex()) && (currentModel[i].usable())) {
                    // Use 1E-3 here to get a closer approximation to the original implementation.
                    if ((currentModel[i].infoGain() >= (averageInfoGain - 1E-3))
                            && Utils.gr(currentModel[i].gainRatio(), minResult)) {
                        best = i;
                        minResult = currentModel[i].gainRatio();
                    }
                }
            }
            // Check if useful split was found.
            return Utils.eq(minResult, 0) ? -1 : best;
        }

        /** Every attribute's split by Weka's code on the calling thread (null at the class). */
        private C45Split[] wekaSplits(Instances data, double sumOfWeights) throws Exception {
            C45Split[] splits = new C45Split[data.numAttributes()];
            for (int i = 0; i < splits.length; i++) {
                if (i != data.classIndex()) {
                    splits[i] = new C45Split(i, m_minNoObj, sumOfWeights, m_useMDLcorrection);
                    splits[i].buildClassifier(data);
                }
            }
            return splits;
        }
    }
}
