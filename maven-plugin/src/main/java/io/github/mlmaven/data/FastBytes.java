package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Byte-level helpers of the fast readers: number parsing that equals Double.parseDouble, and strict UTF-8 checks. */
final class FastBytes {
    private FastBytes() {}

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

    /**
     * Whether the text of these bytes has whitespace inside once stripped, as {@code text.strip()} and
     * {@link Character#isWhitespace} see it; without a stream per value when the bytes are ASCII (a wide file has
     * millions of distinct values).
     */
    static boolean hasInnerWhitespace(byte[] b, int off, int len) {
        int start = off;
        int end = off + len;
        for (int p = off; p < end; p++) {
            if (b[p] < 0) {
                return utf8(b, off, len).strip().chars().anyMatch(Character::isWhitespace);
            }
        }
        while (start < end && isAsciiWhitespace(b[start])) {
            start++;
        }
        while (end > start && isAsciiWhitespace(b[end - 1])) {
            end--;
        }
        for (int p = start; p < end; p++) {
            if (isAsciiWhitespace(b[p])) {
                return true;
            }
        }
        return false;
    }

    static boolean isAsciiWhitespace(int c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }

    /** Whether bytes are strictly valid UTF-8, as Java's decoder with REPORT accepts them. */
    static boolean isValidUtf8(byte[] b, int off, int len) {
        return firstInvalidUtf8(b, off, len) < 0;
    }

    /** Where the first byte that is not strictly valid UTF-8 is, or -1 when all are valid. */
    static int firstInvalidUtf8(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end) {
            int c = b[p] & 0xFF;
            if (c < 0x80) {
                p++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return p;
            }
            if (p + need >= end) {
                return p;
            }
            int cp = c & (0x3F >> need);
            for (int i = 1; i <= need; i++) {
                int cc = b[p + i] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return p;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return p;
            }
            p += need + 1;
        }
        return -1;
    }

    /**
     * The error for bytes that are not UTF-8: names the line and the column (in characters) of the first bad byte,
     * found from {@code from}, which is the start of line {@code line}. Lines end at LF, CR or CRLF as in the readers.
     */
    static InvalidInputException invalidUtf8(String file, byte[] b, int from, int line, int bad) {
        int lineStart = from;
        for (int p = from; p < bad; p++) {
            if (b[p] == '\n' || (b[p] == '\r' && (p + 1 >= bad || b[p + 1] != '\n'))) {
                line++;
                lineStart = p + 1;
            }
        }
        int column = 1;
        for (int p = lineStart; p < bad; p++) {
            if ((b[p] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new InvalidInputException(file + " line " + line + ", column " + column
                + String.format(java.util.Locale.ROOT, ": byte 0x%02X is not valid UTF-8", b[bad] & 0xFF)
                + "; the file seems saved in another encoding (such as Latin-1 or Windows-1252):"
                + " save it as UTF-8");
    }

    /** The code point whose UTF-8 encoding starts at {@code p} (valid UTF-8 assumed), or -1 if cut off at end. */
    static int codePointAt(byte[] b, int p, int end) {
        int c = b[p] & 0xFF;
        if (c < 0x80) {
            return c;
        }
        int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        if (p + need >= end) {
            return -1;
        }
        int cp = c & (0x3F >> need);
        for (int i = 1; i <= need; i++) {
            cp = (cp << 6) | (b[p + i] & 0x3F);
        }
        return cp;
    }

    /** The code point whose UTF-8 encoding ends just before {@code end}, not looking before {@code start}. */
    static int codePointBefore(byte[] b, int start, int end) {
        int p = end - 1;
        while (p > start && (b[p] & 0xC0) == 0x80) {
            p--;
        }
        int cp = codePointAt(b, p, end);
        return cp;
    }

    static String utf8(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    static boolean equalsAscii(byte[] b, int off, int len, String ascii) {
        if (len != ascii.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Insertion-ordered set of byte strings, looked up without allocating; ids are 0, 1, 2, ... */
    static final class Dictionary {
        private int[] table = new int[64];
        /**
         * The keys' bytes one after another, and where each starts and how long it is: a wide file holds millions of
         * distinct values, and an array (and a String) of their own for each kept the collector busier than the read.
         */
        private byte[] arena = new byte[256];

        private int arenaUsed;
        private int[] starts = new int[16];
        private int[] lengths = new int[16];
        private int[] hashes = new int[16];
        private int size;

        Dictionary() {
            Arrays.fill(table, -1);
        }

        int size() {
            return size;
        }

        byte[] key(int id) {
            return Arrays.copyOfRange(arena, starts[id], starts[id] + lengths[id]);
        }

        /** The key as text (UTF-8). */
        String text(int id) {
            return utf8(arena, starts[id], lengths[id]);
        }

        /** The keys as text, in the order they were added. */
        List<String> texts() {
            List<String> texts = new ArrayList<>(size);
            for (int id = 0; id < size; id++) {
                texts.add(text(id));
            }
            return texts;
        }

        private static int hash(byte[] b, int off, int len) {
            int h = 1;
            for (int i = off; i < off + len; i++) {
                h = 31 * h + b[i];
            }
            // murmur3's finalizer: the polynomial hash of short numbers such as 0.123 falls in a narrow band, whose
            // keys would fill runs of neighbouring slots and make each miss probe a whole run
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }

        /** The id of the bytes, or -1. */
        int find(byte[] b, int off, int len) {
            int h = hash(b, off, len);
            int mask = table.length - 1;
            for (int slot = h & mask; ; slot = (slot + 1) & mask) {
                int id = table[slot];
                if (id < 0) {
                    return -1;
                }
                if (hashes[id] == h && Arrays.equals(arena, starts[id], starts[id] + lengths[id], b, off, off + len)) {
                    return id;
                }
            }
        }

        /** Adds the bytes, which must not be present; returns the new id. */
        int add(byte[] b, int off, int len) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            if (arena.length - arenaUsed < len) {
                arena = Arrays.copyOf(arena, (int)
                        Math.min(Integer.MAX_VALUE - 8, Math.max((long) arena.length * 2, (long) arenaUsed + len)));
            }
            int id = size++;
            System.arraycopy(b, off, arena, arenaUsed, len);
            starts[id] = arenaUsed;
            lengths[id] = len;
            arenaUsed += len;
            hashes[id] = hash(b, off, len);
            if (size * 2 > table.length) {
                table = new int[table.length * 2];
                Arrays.fill(table, -1);
                for (int i = 0; i < size; i++) {
                    insert(i);
                }
            } else {
                insert(id);
            }
            return id;
        }

        private void insert(int id) {
            int mask = table.length - 1;
            int slot = hashes[id] & mask;
            while (table[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id;
        }

        void clear() {
            table = new int[64];
            Arrays.fill(table, -1);
            arena = new byte[256];
            arenaUsed = 0;
            starts = new int[16];
            lengths = new int[16];
            hashes = new int[16];
            size = 0;
        }
    }
}
