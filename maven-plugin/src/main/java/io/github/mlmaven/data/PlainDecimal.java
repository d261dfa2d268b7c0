package io.github.mlmaven.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The plain-ARFF-line fast path of the number parser: a plain decimal read in the same scan that finds where the field
 * ends, a field of up to 7 digits before and after its point eight bytes at a time. Measured faster on the data lines
 * of ARFF files than finding the field's end first and handing it to {@link CsvNumbers} (FastDoubleParser), which
 * reads everything this class leaves ({@link #NOT_FAST}): long digit strings, other syntax. The bits are those of
 * {@link Double#parseDouble} either way.
 */
final class PlainDecimal {
    private PlainDecimal() {}

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** Returned by {@link #parseDecimal} when the text is not a plain decimal that the fast path can convert. */
    static final long NOT_FAST = 0x7ff8dead0000beefL;

    /**
     * Parses {@code [+-]?digits[.digits]?} or {@code [+-]?.digits} (with an optional {@code e[+-]digits}) exactly as
     * {@link Double#parseDouble} does, returning the double's raw bits, or {@link #NOT_FAST} when the text has another
     * form or too many significant digits to be converted exactly here. Exact because a significand below 2^53 and a
     * power of ten up to 10^22 are both exact doubles, and a single multiplication or division rounds correctly.
     */
    static long parseDecimal(byte[] b, int off, int len) {
        return decimal(b, off, off + len, null);
    }

    /**
     * As {@link #parseDecimal}, for the decimal that starts at {@code off} and ends at the first byte that cannot
     * continue it (or at {@code limit}); that end goes to {@code end[0]}. Lets a parser read a field in one pass,
     * without first finding where it ends.
     */
    static long parseDecimalPrefix(byte[] b, int off, int limit, int[] end) {
        return decimal(b, off, limit, end);
    }

    /** The decimal from {@code off}: all of it up to {@code limit} when {@code end} is null, else its longest prefix. */
    private static long decimal(byte[] b, int off, int limit, int[] end) {
        if (off == limit) {
            return NOT_FAST;
        }
        long shortOne = shortDecimal(b, off, limit, end);
        return shortOne != NOT_FAST ? shortOne : decimalDigitByDigit(b, off, limit, end);
    }

    /** {@link #decimal} one byte at a time: any length, exponents; package-private for tests. */
    static long decimalDigitByDigit(byte[] b, int off, int limit, int[] end) {
        int p = off;
        if (p == limit) {
            return NOT_FAST;
        }
        boolean negative = false;
        if (b[p] == '-' || b[p] == '+') {
            negative = b[p] == '-';
            p++;
        }
        // digits, an optional dot, digits: summed without overflow while there are at most 18 of them
        int intStart = p;
        long mantissa = 0;
        int d;
        while (p < limit && (d = b[p] - '0') >= 0 && d <= 9) {
            mantissa = mantissa * 10 + d;
            p++;
        }
        int digits = p - intStart;
        int scale = 0;
        if (p < limit && b[p] == '.') {
            p++;
            int fractionStart = p;
            while (p < limit && (d = b[p] - '0') >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d;
                p++;
            }
            scale = p - fractionStart;
            digits += scale;
        }
        if (digits == 0) {
            return NOT_FAST;
        }
        if (digits > 18 && significantDigits(b, intStart, p) > 18) {
            return NOT_FAST; // the sum may have overflowed; leading zeros alone never make it
        }
        int exponent = 0;
        if (p < limit && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean negativeExponent = false;
            if (p < limit && (b[p] == '-' || b[p] == '+')) {
                negativeExponent = b[p] == '-';
                p++;
            }
            int expDigits = 0;
            for (; p < limit; p++) {
                int c = b[p];
                if (c < '0' || c > '9') {
                    break;
                }
                if (expDigits > 4) {
                    return NOT_FAST;
                }
                exponent = exponent * 10 + (c - '0');
                expDigits++;
            }
            if (expDigits == 0) {
                return NOT_FAST;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (end == null) {
            if (p != limit) {
                return NOT_FAST;
            }
        } else {
            end[0] = p;
        }
        if (mantissa > (1L << 53)) {
            return NOT_FAST;
        }
        int power = exponent - scale;
        double value;
        if (mantissa == 0) {
            value = 0;
        } else if (power >= 0 && power <= 22) {
            value = (double) mantissa * POWERS_OF_TEN[power];
        } else if (power < 0 && power >= -22) {
            value = (double) mantissa / POWERS_OF_TEN[-power];
        } else {
            return NOT_FAST;
        }
        return Double.doubleToRawLongBits(negative ? -value : value);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;
    private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    /**
     * {@link #decimal} for the usual field, {@code -?d{0,7}(.d{0,7})?} with at least one digit and no exponent, read
     * eight bytes at a time with no branch per digit or on the sign; {@link #NOT_FAST} for anything else (including
     * a field near the array's end), which the general loop then reads. At most 14 digits, so the significand is
     * exact, and it is divided by the same power of ten as there: the same bits.
     */
    private static long shortDecimal(byte[] b, int off, int limit, int[] end) {
        int negative = b[off] == '-' ? 1 : 0;
        int p = off + negative;
        if (p + 2 * Long.BYTES > b.length) {
            return NOT_FAST;
        }
        long word = (long) LONGS.get(b, p);
        int intDigits = digitRun(word);
        int q = p + intDigits;
        if (intDigits == Long.BYTES || q >= limit) {
            return NOT_FAST; // long, or running up to the end: the general loop
        }
        long mantissa = digitsValue(word, intDigits);
        int fractionDigits = 0;
        if (b[q] == '.') {
            long fraction = (long) LONGS.get(b, q + 1);
            fractionDigits = digitRun(fraction);
            if (fractionDigits == Long.BYTES) {
                return NOT_FAST;
            }
            mantissa = mantissa * LONG_POWERS_OF_TEN[fractionDigits] + digitsValue(fraction, fractionDigits);
            q += 1 + fractionDigits;
        }
        if (intDigits + fractionDigits == 0
                || q > limit
                || (q < limit && (b[q] == 'e' || b[q] == 'E'))
                || (end == null && q != limit)) {
            return NOT_FAST;
        }
        if (end != null) {
            end[0] = q;
        }
        double value = (double) mantissa / POWERS_OF_TEN[fractionDigits];
        return Double.doubleToRawLongBits(value) | ((long) negative << 63);
    }

    /**
     * How many of the eight bytes of {@code word} (the first in the lowest byte) are ASCII digits before the first
     * that is not. Subtracting '0' sets the top bit of a byte below '0' or from 0xB0 up; adding 0x7F - '9' sets it for
     * one above '9' and below 0xBA. Bytes before the first non-digit neither borrow nor carry, so that one is flagged
     * exactly.
     */
    private static int digitRun(long word) {
        long notDigits = ((word - ZEROS) | (word + 0x4646464646464646L)) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(notDigits) >>> 3; // 8 when all are digits
    }

    /**
     * The number written by the first {@code count} (0 to 7) bytes of {@code word}, all digits: moved to the top
     * bytes with zeros below (leading zeros of the number), then pairs, quadruples and all eight combined in three
     * multiplications (Lemire's method).
     */
    private static long digitsValue(long word, int count) {
        if (count == 0) {
            return 0;
        }
        long x = (word - ZEROS) << ((Long.BYTES - count) << 3);
        x = (x * 10 + (x >>> 8)) & 0x00FF00FF00FF00FFL;
        x = (x * 100 + (x >>> 16)) & 0x0000FFFF0000FFFFL;
        return (x * 10000 + (x >>> 32)) & 0xFFFFFFFFL;
    }

    /** The digits of {@code b[from, to)} from the first one that is not zero on (a dot does not count). */
    private static int significantDigits(byte[] b, int from, int to) {
        int p = from;
        while (p < to && (b[p] == '0' || b[p] == '.')) {
            p++;
        }
        int count = 0;
        for (; p < to; p++) {
            if (b[p] != '.') {
                count++;
            }
        }
        return count;
    }
}
