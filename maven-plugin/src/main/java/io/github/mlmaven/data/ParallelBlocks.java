package io.github.mlmaven.data;

import java.io.IOException;
import java.nio.file.Path;
import weka.core.Attribute;

/**
 * What the parallel readers share: a file read and cut into blocks of whole lines on the reading thread (so that the
 * fingerprint covers the bytes in order), blocks parsed by worker threads, and their rows handed on in file order. A
 * block whose parsing fails is parsed again on the reading thread from its failing line, so that errors are those of
 * the sequential reader, naming the same line and row, and the first in the file wins.
 */
final class ParallelBlocks {
    private ParallelBlocks() {}

    /** Where parsing stands: the start of the next line, its line number, and the rows so far. */
    static final class Cursor {
        int p;
        int line;
        long row;

        Cursor(int p, int line, long row) {
            this.p = p;
            this.line = line;
            this.row = row;
        }
    }

    static java.util.concurrent.ExecutorService newPool(int threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "ml-read");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Where the block of whole lines from {@code p} ends: after the last newline within about {@link ReadTuning#blockBytes}
     * (or the first after, for longer lines), or at the end of the file; -1 when more bytes must be read first.
     */
    static int nextCut(ChunkedInput in, int p, int blockBytes) {
        byte[] b = in.buf;
        int target = p + blockBytes;
        if (target > in.limit) {
            return in.eof ? in.limit : -1;
        }
        for (int i = target - 1; i >= p; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        for (int i = target; i < in.limit; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return in.eof ? in.limit : -1;
    }

    /** One block of whole lines and what a worker made of it. */
    static final class Block {
        final byte[] data;
        /** The block's bytes are data[0, length). */
        final int length;
        /** Where in the file {@link #data} starts. */
        long fileOffset;

        double[][] values = new double[256][];
        double[] weights;
        /** Per row, its line in the block (from 0). */
        int[] lines = new int[256];

        int count;
        /** Where parsing stopped: all of the block, or the start of the line that failed. */
        Cursor end;

        boolean failed;

        Block(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        /** Rows parsed into this block (no string attributes: those files are never parsed in blocks). */
        FastDatasetReader.Rows collector() {
            return new FastDatasetReader.Rows() {
                @Override
                public void add(double[] values, double weight, Path file, int line) {
                    Block.this.add(values, weight, line);
                }

                @Override
                public Attribute stringAttribute(int index) {
                    return null;
                }
            };
        }

        void add(double[] row, double weight, int line) {
            if (count == values.length) {
                values = java.util.Arrays.copyOf(values, count * 2);
                lines = java.util.Arrays.copyOf(lines, count * 2);
                if (weights != null) {
                    weights = java.util.Arrays.copyOf(weights, count * 2);
                }
            }
            if (weight != 1.0 && weights == null) {
                weights = new double[values.length];
                java.util.Arrays.fill(weights, 0, count, 1.0);
            }
            values[count] = row;
            lines[count] = line;
            if (weights != null) {
                weights[count] = weight;
            }
            count++;
        }
    }

    static Block await(java.util.concurrent.Future<Block> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }
}
