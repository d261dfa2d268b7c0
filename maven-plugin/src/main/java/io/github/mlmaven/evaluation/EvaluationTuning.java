package io.github.mlmaven.evaluation;

/**
 * How the evaluation engines use the machine. The figures never depend on these values (every engine gives Weka's bit
 * for bit), only the time and memory an evaluation takes; tests set them to run every engine on small data.
 *
 * @param threads the cores to score rows and cross-validation folds on
 * @param minParallelRows the test rows from which scoring on several cores pays (below it, the thread hand-off costs
 *     more than it saves)
 * @param maxCopyBytes the largest serialized model that is copied for each extra scoring thread (a copy costs time and
 *     memory of its own)
 * @param chunkRows the rows handed to a scoring thread at a time (threads take chunks as they free up, so a slowed one
 *     takes fewer)
 */
public record EvaluationTuning(int threads, int minParallelRows, long maxCopyBytes, int chunkRows) {
    public EvaluationTuning {
        if (threads < 1 || minParallelRows < 0 || maxCopyBytes < 0 || chunkRows < 1) {
            throw new IllegalArgumentException("invalid evaluation tuning: threads " + threads + ", minParallelRows "
                    + minParallelRows + ", maxCopyBytes " + maxCopyBytes + ", chunkRows " + chunkRows);
        }
    }

    /** Every core, scoring in parallel from 20,000 rows, models up to 64 MiB copied, 4,096 rows a chunk. */
    public static EvaluationTuning defaults() {
        return new EvaluationTuning(Runtime.getRuntime().availableProcessors(), 20_000, 64L << 20, 4_096);
    }

    public EvaluationTuning withThreads(int threads) {
        return new EvaluationTuning(threads, minParallelRows, maxCopyBytes, chunkRows);
    }
}
