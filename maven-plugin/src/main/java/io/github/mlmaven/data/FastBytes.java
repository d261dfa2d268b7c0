package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Byte-level helpers of the readers: whitespace, strict UTF-8 checks, and a dictionary of byte strings. */
final class FastBytes {
    private FastBytes() {}

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
