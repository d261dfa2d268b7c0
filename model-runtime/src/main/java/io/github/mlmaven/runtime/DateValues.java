package io.github.mlmaven.runtime;

import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Date values as the plugin reads them and Weka stores them: milliseconds since 1970-01-01T00:00:00Z, as a double.
 *
 * <p>Text in ISO-8601 is read in one of these forms, and only these:
 *
 * <ul>
 *   <li>{@code yyyy-MM-dd} (the start of that day),
 *   <li>{@code yyyy-MM-ddTHH:mm}, {@code yyyy-MM-ddTHH:mm:ss}, {@code yyyy-MM-ddTHH:mm:ss.f} with 1 to 9 digits of
 *       fraction (kept to the millisecond, further digits dropped, since Weka stores milliseconds), a space allowed in
 *       place of the {@code T},
 *   <li>any of the forms with a time, followed by {@code Z} or an offset {@code +HH}, {@code +HH:mm} or {@code +HHmm}
 *       ({@code -} too).
 * </ul>
 *
 * A value without an offset is read as UTC, on every machine, so that the same file gives the same model whatever the
 * time zone of the machine that trains it. Dates written with another pattern (an ARFF file's {@code @attribute visit
 * date "dd.MM.yyyy HH:mm"}) are read with {@link #patternFormat}, Weka's {@link SimpleDateFormat} of that pattern,
 * also in UTC.
 */
public final class DateValues {
    /** Returned for text that is not a date in one of the ISO-8601 forms; never the value of a date. */
    public static final long NOT_A_DATE = Long.MIN_VALUE;

    /** Weka's default pattern of ARFF date attributes, and the pattern of CSV columns that hold times. */
    public static final String DATE_TIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss";
    /** The pattern of CSV date columns that hold days only. */
    public static final String DATE_PATTERN = "yyyy-MM-dd";
    /** The pattern of CSV date columns some of whose times have a fraction of a second. */
    public static final String DATE_TIME_MILLIS_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS";

    /** The accepted ISO-8601 forms, for messages. */
    public static final String ISO_FORMS = "yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss[.SSS]] (or a space for the T),"
            + " optionally followed by Z or an offset such as +02:00";

    private static final long MILLIS_PER_DAY = 86_400_000L;

    static final String TWO_DIGIT_YEAR_START_TEXT = "1950-01-01T00:00:00Z";
    /** {@value #TWO_DIGIT_YEAR_START_TEXT}: where the window of two-digit years starts. */
    private static final long TWO_DIGIT_YEAR_START = -7305L * MILLIS_PER_DAY;

    private DateValues() {}

    /** Whether a pattern is one of those the plugin gives ISO-8601 columns; values of such columns are read as ISO. */
    public static boolean isIsoPattern(String pattern) {
        return pattern == null
                || pattern.equals(DATE_PATTERN)
                || pattern.equals(DATE_TIME_PATTERN)
                || pattern.equals(DATE_TIME_MILLIS_PATTERN);
    }

    /** The milliseconds of an ISO-8601 text, or {@link #NOT_A_DATE}. */
    public static long isoMillis(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return isoMillis(bytes, 0, bytes.length);
    }

    /** The milliseconds of the ISO-8601 text in {@code b[off, off + len)}, or {@link #NOT_A_DATE}. */
    public static long isoMillis(byte[] b, int off, int len) {
        if (len < 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            return NOT_A_DATE;
        }
        int year = digits(b, off, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return NOT_A_DATE;
        }
        long millis = daysSinceEpoch(year, month, day) * MILLIS_PER_DAY;
        if (len == 10) {
            return millis;
        }
        int p = off + 10;
        int end = off + len;
        if ((b[p] != 'T' && b[p] != ' ') || end - p < 6 || b[p + 3] != ':') {
            return NOT_A_DATE;
        }
        int hour = digits(b, p + 1, 2);
        int minute = digits(b, p + 4, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return NOT_A_DATE;
        }
        millis += (hour * 60L + minute) * 60_000L;
        p += 6;
        if (p < end && b[p] == ':') {
            int second = end - p >= 3 ? digits(b, p + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return NOT_A_DATE;
            }
            millis += second * 1000L;
            p += 3;
            if (p < end && b[p] == '.') {
                int first = ++p;
                int fraction = 0;
                while (p < end && b[p] >= '0' && b[p] <= '9') {
                    if (p - first < 3) {
                        fraction = fraction * 10 + (b[p] - '0');
                    }
                    p++;
                }
                int count = p - first;
                if (count == 0 || count > 9) {
                    return NOT_A_DATE;
                }
                for (int i = count; i < 3; i++) {
                    fraction *= 10;
                }
                millis += fraction;
            }
        }
        if (p == end) {
            return millis;
        }
        long offset = offsetMillis(b, p, end);
        return offset == NOT_A_DATE ? NOT_A_DATE : millis - offset;
    }

    /** {@code Z}, {@code +HH}, {@code +HH:mm} or {@code +HHmm} (or with {@code -}) up to {@code end}. */
    private static long offsetMillis(byte[] b, int p, int end) {
        if (b[p] == 'Z') {
            return p + 1 == end ? 0 : NOT_A_DATE;
        }
        if (b[p] != '+' && b[p] != '-') {
            return NOT_A_DATE;
        }
        int sign = b[p] == '-' ? -1 : 1;
        int rest = end - p - 1;
        int hours = rest >= 2 ? digits(b, p + 1, 2) : -1;
        int minutes;
        if (rest == 2) {
            minutes = 0;
        } else if (rest == 5 && b[p + 3] == ':') {
            minutes = digits(b, p + 4, 2);
        } else if (rest == 4) {
            minutes = digits(b, p + 3, 2);
        } else {
            return NOT_A_DATE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || (hours == 18 && minutes > 0)) {
            return NOT_A_DATE;
        }
        return sign * (hours * 60L + minutes) * 60_000L;
    }

    /** Whether an ISO-8601 value (one {@link #isoMillis} accepts) holds a time, not only a day. */
    public static boolean hasTime(int len) {
        return len > 10;
    }

    /** Whether an ISO-8601 value (one {@link #isoMillis} accepts) holds a fraction of a second. */
    public static boolean hasFraction(byte[] b, int off, int len) {
        return len > 19 && b[off + 19] == '.';
    }

    /**
     * Weka's date format of a pattern (not lenient, as Weka's date attributes), in UTC rather than the machine's time
     * zone, with English month and day names whatever the machine's language, and two-digit years ({@code yy}) read
     * in the fixed window {@value #TWO_DIGIT_YEAR_START_TEXT} to 2049. A new {@link SimpleDateFormat} holds the moment
     * it was made (its calendar's time, and the start of its two-digit-year window, 80 years before); the format is
     * serialized with a model's date attribute, so without a fixed window a model's bytes would change with every
     * build. Not thread-safe, as every {@link SimpleDateFormat}: one per thread.
     */
    public static SimpleDateFormat patternFormat(String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.US);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        format.setLenient(false);
        format.set2DigitYearStart(new Date(TWO_DIGIT_YEAR_START));
        return format;
    }

    /**
     * A text read with a pattern's format as a whole (unlike {@link SimpleDateFormat#parse(String)}, which ignores
     * what follows a date); {@link #NOT_A_DATE} when it is no date of that pattern.
     */
    public static long patternMillis(SimpleDateFormat format, String text) {
        ParsePosition position = new ParsePosition(0);
        Date date = format.parse(text, position);
        return date == null || position.getIndex() != text.length() ? NOT_A_DATE : date.getTime();
    }

    /**
     * The milliseconds of a text as a date attribute of the given pattern reads it: ISO-8601 first, then, for a
     * pattern other than the ISO ones, the pattern; {@link #NOT_A_DATE} when neither reads it.
     */
    public static long parse(String text, String pattern) {
        long millis = isoMillis(text);
        if (millis == NOT_A_DATE && !isIsoPattern(pattern)) {
            millis = patternMillis(patternFormat(pattern), text);
        }
        return millis;
    }

    /** The forms a date attribute of the given pattern accepts, for messages. */
    public static String acceptedForms(String pattern) {
        return isIsoPattern(pattern) ? ISO_FORMS : ISO_FORMS + ", or " + pattern;
    }

    private static int digits(byte[] b, int off, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            int d = b[off + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 in the proleptic Gregorian calendar (java.time's; Hinnant's days_from_civil). */
    private static long daysSinceEpoch(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
