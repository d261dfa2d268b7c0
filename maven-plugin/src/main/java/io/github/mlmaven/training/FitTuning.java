package io.github.mlmaven.training;

/**
 * The knobs of the faster fits; none changes a model, only how the work is shared. Tests pass their own (a minimum
 * of 0 rows, for one, to take a parallel path on small data).
 *
 * @param threads the threads of one fit: J48's candidate splits, Logistic's likelihood and gradient, NaiveBayes's
 *     attributes (1 in a cross-validation fold, where the folds already share the cores)
 * @param j48MinParallelRows below this many rows a J48 node's splits are evaluated by Weka's code on the calling
 *     thread: copying the node into columns and handing it to other threads would cost more
 * @param j48RadixMinRows below this many rows a J48 node is sorted by Weka's own sort, as fast as the radix sort then
 * @param logisticMinParallelRows below this many rows Logistic is left to Weka: the hand-off to other threads would
 *     cost more than it saves
 * @param naiveBayesColumnsPerPass the attributes NaiveBayes copies out of Weka rows per visit of the rows: fewer
 *     visits, against 8 bytes per row each of memory
 */
public record FitTuning(
        int threads,
        int j48MinParallelRows,
        int j48RadixMinRows,
        int logisticMinParallelRows,
        int naiveBayesColumnsPerPass) {

    public FitTuning {
        if (threads < 1 || naiveBayesColumnsPerPass < 1) {
            throw new IllegalArgumentException("threads and naiveBayesColumnsPerPass must be at least 1");
        }
        if (j48MinParallelRows < 0 || j48RadixMinRows < 0 || logisticMinParallelRows < 0) {
            throw new IllegalArgumentException("a minimum number of rows cannot be negative");
        }
    }

    /** One thread per core; the thresholds measured on the benchmark data sets. */
    public static FitTuning defaults() {
        return new FitTuning(Runtime.getRuntime().availableProcessors(), 2_000, 1_000, 5_000, 4);
    }

    public FitTuning withThreads(int threads) {
        return new FitTuning(
                threads, j48MinParallelRows, j48RadixMinRows, logisticMinParallelRows, naiveBayesColumnsPerPass);
    }
}
