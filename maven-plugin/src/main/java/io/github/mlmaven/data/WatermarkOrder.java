package io.github.mlmaven.data;

import io.github.mlmaven.data.jdbc.WatermarkPosition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * The order of watermark values written as text (a sidecar's range, a part's cells): numbers by value, dates and
 * timestamps in time, anything else as text. The database ordered the rows when they were extracted; this only tells
 * afterwards on which side of a recorded watermark a row lies, without the database.
 */
final class WatermarkOrder {
    private WatermarkOrder() {}

    /**
     * Compares two positions: by value, then by tie-breaker when both have one. Without tie-breakers, equal values are
     * equal positions, as the extraction treats them (it continues strictly above the last value).
     */
    static int compare(WatermarkPosition a, WatermarkPosition b) {
        int byValue = compare(a.value(), b.value());
        if (byValue != 0 || a.tieBreaker() == null || b.tieBreaker() == null) {
            return byValue;
        }
        return compare(a.tieBreaker(), b.tieBreaker());
    }

    /** Compares two values as numbers when both are, as instants when both are dates or timestamps, else as text. */
    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        LocalDateTime s = dateTime(a);
        LocalDateTime t = dateTime(b);
        if (s != null && t != null) {
            return s.compareTo(t);
        }
        return a.compareTo(b);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code 2026-01-08}, {@code 2026-01-08T10:00:00.5} or a timestamp with time zone as the extraction writes it (in
     * UTC, with or without its {@code Z}); a date is its midnight.
     */
    private static LocalDateTime dateTime(String text) {
        String local = text.strip();
        if (local.endsWith("Z")) {
            local = local.substring(0, local.length() - 1);
        }
        try {
            return local.indexOf('T') > 0
                    ? LocalDateTime.parse(local)
                    : LocalDate.parse(local).atStartOfDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
