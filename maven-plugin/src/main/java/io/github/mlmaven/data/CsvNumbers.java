package io.github.mlmaven.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The number parser of the readers, and the missing-value markers of CSV. Numbers are parsed from the bytes by
 * FastDoubleParser to the same bits as {@link Double#parseDouble} (measured faster than the hand-written decimal
 * parser and than the JDK on whole fields: benchmarks/reader/NumberParseBench.java); only the plain data lines of ARFF
 * files keep {@link PlainDecimal}, which finds a field's end while it parses it and was measured faster there. A CSV
 * value is a number when it looks like one (a digit, sign or point first, a digit or point last): NaN, Infinity and
 * Java's 1d/1f suffixes are not; ARFF values are numbers as Weka reads them, in Java's syntax.
 */
final class CsvNumbers {
    /** Returned for text that is no number; never the bits of a parsed number (a NaN no parser returns). */
    static final long NO_NUMBER = 0x7ff8dead0000beefL;

    /** Spellings of "no value" that other tools write; in a numeric column they mean missing, not text. */
    static final Set<String> NUMERIC_MISSING_MARKERS =
            Set.of("NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A");

    private static final byte[][] MARKERS = NUMERIC_MISSING_MARKERS.stream()
            .map(s -> s.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    private CsvNumbers() {}

    /** The raw bits of the number a CSV field holds, or {@link #NO_NUMBER} when it is no number. */
    static long numberBits(byte[] b, int off, int len) {
        if (len == 0) {
            return NO_NUMBER;
        }
        int first = b[off];
        int last = b[off + len - 1];
        boolean plausible = ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.')
                && ((last >= '0' && last <= '9') || last == '.');
        if (!plausible) {
            return NO_NUMBER;
        }
        return javaNumberBits(b, off, len);
    }

    /** The raw bits of the number in Java's syntax ({@link Double#parseDouble}'s), or {@link #NO_NUMBER}. */
    static long javaNumberBits(byte[] b, int off, int len) {
        try {
            return Double.doubleToRawLongBits(JavaDoubleParser.parseDouble(b, off, len));
        } catch (NumberFormatException e) {
            return NO_NUMBER;
        }
    }

    /** {@link #numberBits} of a text: its number, or null for anything else. */
    static Double tryParseNumber(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long bits = numberBits(bytes, 0, bytes.length);
        return bits == NO_NUMBER ? null : Double.longBitsToDouble(bits);
    }

    static boolean isMissingMarker(byte[] b, int off, int len) {
        if (len < 2 || len > 4) {
            return false;
        }
        for (byte[] marker : MARKERS) {
            if (marker.length == len && Arrays.equals(marker, 0, len, b, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether NA and the like are missing values in a nominal column, as they are in the column of integers that
     * training read as nominal (its labels are all numbers); in a column of text they are labels like any other, and
     * one the training data never had is an error, not a class value silently made missing.
     */
    static boolean markersAreMissing(AttributeSpec spec) {
        if (spec.type() != AttributeType.NOMINAL || spec.values().isEmpty()) {
            return spec.type() == AttributeType.NOMINAL;
        }
        for (String value : spec.values()) {
            if (tryParseNumber(value) == null) {
                return false;
            }
        }
        return true;
    }
}
