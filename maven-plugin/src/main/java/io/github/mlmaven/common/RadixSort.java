package io.github.mlmaven.common;

/**
 * Least-significant-digit radix sort of 64-bit keys as unsigned numbers, 11 bits a pass, a pass skipped when every key
 * has the same digit there. Linear in the number of keys, where a comparison sort of a column of a million values, or
 * Weka's quicksort of row objects, was the larger part of a fit. Stable: equal keys keep their order.
 */
public final class RadixSort {
    private static final int BITS = 11;
    private static final int MASK = (1 << BITS) - 1;

    private RadixSort() {}

    /**
     * Sorts {@code keys[0, n)}, carrying {@code payload} along, with scratch arrays of at least
     * {@code n} elements. Returns true when the sorted keys (and payload) ended in the scratch arrays, false when in
     * the arrays given.
     */
    public static boolean sort(long[] keys, int[] payload, long[] keyScratch, int[] payloadScratch, int n) {
        return sort(keys, payload, keyScratch, payloadScratch, n, true);
    }

    /** {@link #sort} without a payload. */
    public static boolean sortKeys(long[] keys, long[] keyScratch, int n) {
        int[] noPayload = new int[0];
        return sort(keys, noPayload, keyScratch, noPayload, n, false);
    }

    private static boolean sort(
            long[] keys, int[] payload, long[] keyScratch, int[] payloadScratch, int n, boolean carryPayload) {
        long[] fromKeys = keys;
        long[] toKeys = keyScratch;
        int[] from = payload;
        int[] to = payloadScratch;
        boolean inScratch = false;
        int[] counts = new int[1 << BITS];
        for (int shift = 0; shift < 64; shift += BITS) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) ((fromKeys[i] >>> shift) & MASK)]++;
            }
            if (n == 0 || counts[(int) ((fromKeys[0] >>> shift) & MASK)] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long key = fromKeys[i];
                int slot = counts[(int) ((key >>> shift) & MASK)]++;
                toKeys[slot] = key;
                if (carryPayload) {
                    to[slot] = from[i];
                }
            }
            long[] swapKeys = fromKeys;
            fromKeys = toKeys;
            toKeys = swapKeys;
            int[] swap = from;
            from = to;
            to = swap;
            inScratch = !inScratch;
        }
        return inScratch;
    }

    /** A double's bits, turned so that unsigned order of the keys is numeric order (-0.0 just before 0.0). */
    public static long sortableBits(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** The double whose {@link #sortableBits} are {@code key}. */
    public static double fromSortableBits(long key) {
        long bits = key ^ (((~key) >> 63) | Long.MIN_VALUE);
        return Double.longBitsToDouble(bits);
    }

    /**
     * Sorts {@code values} in place into {@link java.util.Arrays#sort(double[])}'s order (-0.0 just before 0.0); none
     * may be NaN. Linear: a column of a million values takes a few passes instead of a comparison sort.
     */
    public static void sortAscending(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = sortableBits(values[i]);
        }
        long[] scratch = new long[n];
        long[] sorted = sortKeys(keys, scratch, n) ? scratch : keys;
        for (int i = 0; i < n; i++) {
            values[i] = fromSortableBits(sorted[i]);
        }
    }

    /**
     * The positions of {@code values[0, n)} in ascending order of value, equal values in their order; none may be
     * NaN.
     */
    public static int[] ascendingOrder(double[] values, int n) {
        long[] keys = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = sortableBits(values[i]);
            order[i] = i;
        }
        int[] scratch = new int[n];
        return sort(keys, order, new long[n], scratch, n) ? scratch : order;
    }
}
