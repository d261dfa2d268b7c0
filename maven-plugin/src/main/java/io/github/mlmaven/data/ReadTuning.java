package io.github.mlmaven.data;

/**
 * How the readers use threads and memory. The defaults suit every caller; tests shrink them to reach the parallel
 * paths and the row limit with small files.
 *
 * @param parallelMinBytes files smaller than this are parsed on the reading thread alone
 * @param blockBytes the size of the blocks of whole lines handed to parsing threads
 * @param parallelThreads the number of parsing threads; 0 for one per available processor
 * @param maxRowBytes the longest row (or ARFF header) held whole: beyond it the read fails rather than grow its buffer.
 *     A real row is far shorter; what runs on is a quoted field never closed, which would otherwise take the rest of
 *     the file into one array (and past 1 GB fail with an array size Java cannot allocate)
 */
public record ReadTuning(long parallelMinBytes, int blockBytes, int parallelThreads, int maxRowBytes) {
    public static final ReadTuning DEFAULTS = new ReadTuning(4L << 20, ChunkedInput.CHUNK, 0, 1 << 28);

    public ReadTuning {
        if (parallelMinBytes < 0 || blockBytes <= 0 || parallelThreads < 0 || maxRowBytes < ChunkedInput.CHUNK) {
            throw new IllegalArgumentException("invalid read tuning " + parallelMinBytes + ", " + blockBytes + ", "
                    + parallelThreads + ", " + maxRowBytes);
        }
    }

    /** The number of parsing threads to use. */
    int threads() {
        return parallelThreads > 0 ? parallelThreads : Runtime.getRuntime().availableProcessors();
    }

    /** Whether a file of {@code size} bytes is parsed in parallel blocks. */
    boolean parallel(long size) {
        return threads() > 1 && size >= parallelMinBytes;
    }

    ReadTuning withParallelMinBytes(long bytes) {
        return new ReadTuning(bytes, blockBytes, parallelThreads, maxRowBytes);
    }

    ReadTuning withBlockBytes(int bytes) {
        return new ReadTuning(parallelMinBytes, bytes, parallelThreads, maxRowBytes);
    }

    ReadTuning withParallelThreads(int threads) {
        return new ReadTuning(parallelMinBytes, blockBytes, threads, maxRowBytes);
    }

    ReadTuning withMaxRowBytes(int bytes) {
        return new ReadTuning(parallelMinBytes, blockBytes, parallelThreads, bytes);
    }
}
