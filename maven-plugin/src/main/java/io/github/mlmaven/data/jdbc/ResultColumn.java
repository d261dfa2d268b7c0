package io.github.mlmaven.data.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One column of a query's result: its label, what kind of value it holds, and how a value is read from the result set
 * and written as text. Values are read as objects and printed by their Java class, so a database without fixed column
 * types (SQLite) prints each value as what it is; text columns, and the numbers of a driver whose text of a number is
 * exact ({@link #numbersAsText}), are read as text and written without a Java object in between.
 */
final class ResultColumn {
    /** What a column holds, from its SQL type. */
    enum Kind {
        INTEGER,
        DECIMAL,
        FLOATING,
        BOOLEAN,
        DATE,
        TIMESTAMP,
        /** A timestamp with time zone: written in UTC. */
        TIMESTAMP_TZ,
        TIME,
        TEXT,
        BINARY,
        OTHER;

        boolean temporal() {
            return this == DATE || this == TIMESTAMP || this == TIMESTAMP_TZ;
        }
    }

    final int index;
    final String label;
    final String typeName;
    final Kind kind;
    /** Set once the driver could not give this temporal column as a java.time value: read as text from then on. */
    private boolean temporalAsText;
    /**
     * Whether {@code getString} of an integer or floating-point value gives the database's own text of it, which the
     * driver's {@code getObject} would parse: then {@link #text} writes that text instead of parsing and printing the
     * number again. Set for PostgreSQL's driver (the server's text, printed with {@code extra_float_digits} so that
     * it parses back to the same double; with binary transfer, Java's own text of the value).
     */
    boolean numbersAsText;

    ResultColumn(int index, String label, String typeName, Kind kind) {
        this.index = index;
        this.label = label;
        this.typeName = typeName;
        this.kind = kind;
    }

    static ResultColumn of(ResultSetMetaData meta, int index) throws SQLException {
        String label = meta.getColumnLabel(index);
        if (label == null || label.isBlank()) {
            label = meta.getColumnName(index);
        }
        String typeName = String.valueOf(meta.getColumnTypeName(index));
        return new ResultColumn(index, label, typeName, kindOf(meta.getColumnType(index), typeName));
    }

    static Kind kindOf(int sqlType, String typeName) {
        String name = typeName.toLowerCase(Locale.ROOT);
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOATING;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.DATE -> Kind.DATE;
            // PostgreSQL reports timestamptz as TIMESTAMP, with its own type name
            case Types.TIMESTAMP ->
                name.contains("tz") || name.contains("time zone") ? Kind.TIMESTAMP_TZ : Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_TZ;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB,
                    Types.NCLOB -> Kind.TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
            default -> Kind.OTHER;
        };
    }

    /**
     * The value of this column in the current row: null for SQL NULL, else a Long, BigDecimal, Double, Float,
     * Boolean, LocalDate, LocalDateTime, OffsetDateTime (in UTC), String or another object of the driver's.
     */
    @Nullable
    Object read(ResultSet rs) throws SQLException {
        return switch (kind) {
            case DATE -> temporal(rs, LocalDate.class);
            case TIMESTAMP -> temporal(rs, LocalDateTime.class);
            case TIMESTAMP_TZ -> {
                Object value = temporal(rs, OffsetDateTime.class);
                yield value instanceof OffsetDateTime odt ? odt.withOffsetSameInstant(ZoneOffset.UTC) : value;
            }
            case TEXT -> rs.getString(index);
            default -> rs.getObject(index);
        };
    }

    private @Nullable Object temporal(ResultSet rs, Class<?> type) throws SQLException {
        if (!temporalAsText) {
            try {
                return rs.getObject(index, type);
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException sql && JdbcErrors.isConnectionLost(sql)) {
                    throw sql;
                }
                // drivers without java.time support (older ones, SQLite's text dates): read the text
                temporalAsText = true;
            }
        }
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return type == OffsetDateTime.class ? ts.toInstant().atOffset(ZoneOffset.UTC) : ts.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        String text = value.toString().strip();
        try {
            if (type == LocalDate.class) {
                return LocalDate.parse(text);
            }
            LocalDateTime local = LocalDateTime.parse(text.replace(' ', 'T'));
            return type == OffsetDateTime.class ? local.atOffset(ZoneOffset.UTC) : local;
        } catch (DateTimeParseException notIso) {
            return text;
        }
    }

    /**
     * The value of this column in the current row as a part holds it, null for SQL NULL: {@code format(read(rs))},
     * or the driver's text where that reads back to the same value (text; with {@link #numbersAsText}, an integer in
     * Java's form, and a floating-point number that is no whole number in plain or negative-exponent form). The CSV
     * reader takes a whole number's text as a label when the class column holds a few whole numbers only, so whole
     * numbers are written exactly as {@link Double#toString} writes them ({@code 3} as {@code 3.0}).
     */
    @Nullable
    String text(ResultSet rs) throws SQLException {
        if (kind == Kind.TEXT) {
            return rs.getString(index);
        }
        if (numbersAsText && (kind == Kind.FLOATING || kind == Kind.INTEGER)) {
            String text = rs.getString(index);
            if (text == null) {
                return null;
            }
            String written = kind == Kind.FLOATING ? floatingText(text) : integerText(text);
            if (written != null) {
                return written;
            }
        }
        Object value = read(rs);
        return value == null ? null : format(value);
    }

    /**
     * A floating-point number's text as a part holds it when the text can be kept: {@code -?D+(.D+)?}, or one digit
     * {@code 1-9} with decimals and a negative exponent ({@code 1.5e-05}); a whole number of up to 7 digits gets
     * {@code .0} as {@link Double#toString} writes it. Null for other texts (NaN, Infinity, positive exponents, long
     * whole numbers), which go through {@code Double.toString}.
     */
    static @Nullable String floatingText(String text) {
        int n = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        int start = i;
        while (i < n && digit(text.charAt(i))) {
            i++;
        }
        int whole = i - start;
        if (whole == 0 || (whole > 1 && text.charAt(start) == '0')) {
            return null;
        }
        boolean point = i < n && text.charAt(i) == '.';
        if (point) {
            int decimals = ++i;
            while (i < n && digit(text.charAt(i))) {
                i++;
            }
            if (i == decimals) {
                return null;
            }
        }
        if (i == n) {
            return point ? text : whole <= 7 ? text + ".0" : null;
        }
        // an exponent: only a negative one after a single non-zero digit, so the number is no whole number
        if (whole != 1 || text.charAt(start) == '0' || (text.charAt(i) != 'e' && text.charAt(i) != 'E')) {
            return null;
        }
        if (++i >= n || text.charAt(i) != '-') {
            return null;
        }
        int exponent = ++i;
        while (i < n && digit(text.charAt(i))) {
            i++;
        }
        return i == n && i > exponent ? text : null;
    }

    /** An integer's text when it is as {@link Long#toString} writes it ({@code -?(0|[1-9]D*)}, not {@code -0}). */
    static @Nullable String integerText(String text) {
        int n = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        if (i == n || (text.charAt(i) == '0' && (n - i > 1 || i == 1))) {
            return null;
        }
        for (int j = i; j < n; j++) {
            if (!digit(text.charAt(j))) {
                return null;
            }
        }
        return text;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value as a snapshot part holds it; {@code ?} for NULL. */
    static String format(@Nullable Object value) throws SQLException {
        if (value == null) {
            return "?";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double
                || value instanceof Float
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof LocalDateTime t) {
            return dateTime(t, false);
        }
        if (value instanceof OffsetDateTime t) {
            return dateTime(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), false);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof LocalTime t) {
            StringBuilder text = new StringBuilder(8);
            twoDigits(text, t.getHour()).append(':');
            twoDigits(text, t.getMinute()).append(':');
            return twoDigits(text, t.getSecond()).toString();
        }
        if (value instanceof Timestamp ts) {
            return dateTime(ts.toLocalDateTime(), false);
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time t) {
            return format(t.toLocalTime());
        }
        if (value instanceof Clob clob) {
            long length = clob.length();
            return length == 0 ? "" : clob.getSubString(1, (int) Math.min(length, Integer.MAX_VALUE));
        }
        return value.toString();
    }

    /**
     * A watermark value as a sidecar records it: like {@link #format} but with every fractional digit of a timestamp,
     * and {@code Z} after a timestamp with time zone, so that it reads back to exactly the value the database holds.
     */
    static String watermarkText(Object value) throws SQLException {
        if (value instanceof LocalDateTime t) {
            return dateTime(t, true);
        }
        if (value instanceof OffsetDateTime t) {
            return dateTime(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), true) + "Z";
        }
        return format(value);
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss}, then milliseconds when not whole seconds (or every digit, when {@code exact}). */
    static String dateTime(LocalDateTime t, boolean exact) {
        // by hand: String.format would cost more than reading the row
        StringBuilder text = new StringBuilder(29);
        text.append(t.toLocalDate()).append('T');
        twoDigits(text, t.getHour()).append(':');
        twoDigits(text, t.getMinute()).append(':');
        twoDigits(text, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = exact ? 9 : 3;
            int value = exact ? nanos : nanos / 1_000_000;
            if (exact) {
                while (value % 10 == 0) {
                    value /= 10;
                    digits--;
                }
            }
            text.append('.');
            String number = Integer.toString(value);
            for (int i = number.length(); i < digits; i++) {
                text.append('0');
            }
            text.append(number);
        }
        return text.toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A recorded watermark's text as the value to compare this column with; null when it is not such a value. */
    @Nullable
    Object parse(String text) {
        try {
            return switch (kind) {
                case INTEGER -> {
                    try {
                        yield Long.parseLong(text);
                    } catch (NumberFormatException tooLong) {
                        yield new BigDecimal(text);
                    }
                }
                case DECIMAL -> new BigDecimal(text);
                case FLOATING -> Double.parseDouble(text);
                case DATE -> LocalDate.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(text);
                case TIMESTAMP_TZ ->
                    text.endsWith("Z") || text.contains("+")
                            ? OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC)
                            : LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
                default -> text;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return label + " (" + typeName + ")";
    }
}
