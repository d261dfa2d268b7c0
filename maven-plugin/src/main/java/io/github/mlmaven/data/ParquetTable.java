package io.github.mlmaven.data;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file read row by row, each value as the text a CSV export of the file would hold, so that Parquet data
 * is typed and parsed by the CSV rules ({@link CsvColumn}, {@link CsvLines}) and the same rows give the same data set
 * in either format: integers and decimals as plain numbers, FLOAT and DOUBLE as their shortest decimal ({@link #write}), BOOLEAN as
 * {@code true}/{@code false} (a nominal attribute, as a CSV column of those words is), strings as their UTF-8 bytes,
 * nulls as missing values, DATE and TIMESTAMP values as ISO-8601 text (date attributes, {@link #writeInstant}). Only flat tables
 * are read: a nested or repeated column is refused with its name.
 *
 * <p>Memory: one row group at a time (parquet-java reads a row group's column chunks, then this walks its rows).
 *
 * <p>Without Hadoop: parquet-java's {@code ParquetReadOptions.Builder} creates Hadoop's codec factory in its
 * constructor, whatever codec factory is set afterwards, so the options are made with their constructor instead
 * ({@link #readOptions}), with {@link ParquetCodecs}; everything else of the read path takes no Hadoop class.
 * This class is the only one that names parquet-java types, and it is loaded only when a .parquet file is read.
 */
final class ParquetTable implements AutoCloseable {
    /** parquet-java's default: the largest buffer one read of a column chunk allocates. */
    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern(".SSS", Locale.ROOT);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** How a column's values become text. */
    private enum Kind {
        BOOLEAN,
        INT32,
        UINT32,
        INT64,
        UINT64,
        FLOAT,
        DOUBLE,
        DECIMAL_INT32,
        DECIMAL_INT64,
        DECIMAL_BINARY,
        TEXT,
        DATE,
        TIME_MILLIS,
        TIME_MICROS,
        TIME_NANOS,
        TIMESTAMP_MILLIS,
        TIMESTAMP_MICROS,
        TIMESTAMP_NANOS,
        INT96_TIMESTAMP
    }

    /** Receives each row; the record holds its fields until the next call. */
    @FunctionalInterface
    interface RowHandler {
        void row(FastCsvTokenizer record) throws IOException;
    }

    private final String shown;
    private final ParquetFileReader reader;
    private final MessageType schema;
    private final List<String> columns;
    private final List<ColumnDescriptor> descriptors;
    private final Kind[] kinds;
    private final int[] scales;

    private byte[] buf = new byte[1024];
    private int used;
    private final int[] offsets;
    private final int[] lengths;

    private ParquetTable(String shown, ParquetFileReader reader) {
        this.shown = shown;
        this.reader = reader;
        this.schema = reader.getFooter().getFileMetaData().getSchema();
        this.columns = new ArrayList<>();
        for (Type field : schema.getFields()) {
            checkFlat(field);
            columns.add(field.getName());
        }
        this.descriptors = schema.getColumns();
        this.kinds = new Kind[descriptors.size()];
        this.scales = new int[descriptors.size()];
        for (int c = 0; c < kinds.length; c++) {
            PrimitiveType type = descriptors.get(c).getPrimitiveType();
            kinds[c] = kindOf(type);
            if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                scales[c] = decimal.getScale();
            }
        }
        this.offsets = new int[kinds.length];
        this.lengths = new int[kinds.length];
    }

    /** Opens {@code file} and checks its schema; {@code shown} names it in messages. */
    static ParquetTable open(Path file, String shown) {
        ParquetReadOptions options;
        try {
            options = readOptions();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot create parquet-java's read options (" + e
                            + "); the parquet-hadoop on the class path is not the version the plugin was built with",
                    e);
        }
        ParquetFileReader reader;
        try {
            reader = new ParquetFileReader(new LocalInputFile(file), options);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(shown + " is not a readable Parquet file (" + e.getMessage()
                    + "); a .parquet file must be a complete Apache Parquet file, as pyarrow, pandas, Spark or"
                    + " DuckDB write it: write it again, or rename it if it is in another format");
        }
        try {
            return new ParquetTable(shown, reader);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /** The column names, in the file's order. */
    List<String> columns() {
        return columns;
    }

    /** The number of rows, from the footer. */
    long rowCount() {
        return reader.getRecordCount();
    }

    /**
     * Sets each row, in file order, on {@code record} (row {@code n} as line {@code n}) and hands it to {@code handler};
     * returns the number of rows.
     */
    long forEachRow(FastCsvTokenizer record, RowHandler handler) throws IOException {
        GroupConverter ignored = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return new PrimitiveConverter() {};
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        long row = 0;
        for (int group = 1; ; group++) {
            PageReadStore pages;
            ColumnReader[] readers = new ColumnReader[kinds.length];
            try {
                pages = reader.readNextRowGroup();
                if (pages == null) {
                    return row;
                }
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, ignored, schema, createdBy);
                for (int c = 0; c < readers.length; c++) {
                    readers[c] = store.getColumnReader(descriptors.get(c));
                }
            } catch (ParquetCodecs.UnsupportedCodecException e) {
                throw new InvalidInputException(shown + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw damaged("row group " + group, e);
            }
            for (long r = pages.getRowCount(); r > 0; r--) {
                row++;
                fill(readers, row);
                record.setRecord((int) Math.min(row, Integer.MAX_VALUE), buf, offsets, lengths, kinds.length);
                handler.row(record);
            }
        }
    }

    private void fill(ColumnReader[] readers, long row) {
        used = 0;
        for (int c = 0; c < readers.length; c++) {
            ColumnReader column = readers[c];
            offsets[c] = used;
            try {
                if (column.getCurrentDefinitionLevel() == descriptors.get(c).getMaxDefinitionLevel()) {
                    write(c, column, row);
                }
                column.consume();
            } catch (InvalidInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw damaged("row " + row + ", column '" + columns.get(c) + "'", e);
            }
            lengths[c] = used - offsets[c];
        }
    }

    /**
     * A FLOAT or DOUBLE is written as the shortest decimal that reads back as the same value (Schubfach, as Java 19+
     * prints them, e.g. 1.1 for the FLOAT 1.1): the number the CSV rule then parses is the value in the file. Java 17's
     * Double.toString took half the time of reading a file of doubles, and on some values prints more digits than
     * needed, which would make the text depend on the JDK. A DOUBLE of at most six decimal places, the common case, is
     * written without Schubfach's cost ({@link #sixDecimals}).
     */
    private void write(int c, ColumnReader column, long row) {
        switch (kinds[c]) {
            case BOOLEAN -> writeAscii(column.getBoolean() ? "true" : "false");
            case INT32 -> writeAscii(Integer.toString(column.getInteger()));
            case UINT32 -> writeAscii(Integer.toUnsignedString(column.getInteger()));
            case INT64 -> writeAscii(Long.toString(column.getLong()));
            case UINT64 -> writeAscii(Long.toUnsignedString(column.getLong()));
            case FLOAT -> writeAscii(FloatToDecimal.toString((float) finite(column.getFloat(), c, row)));
            case DOUBLE -> writeDouble(finite(column.getDouble(), c, row));
            case DECIMAL_INT32 ->
                writeAscii(BigDecimal.valueOf(column.getInteger(), scales[c]).toPlainString());
            case DECIMAL_INT64 ->
                writeAscii(BigDecimal.valueOf(column.getLong(), scales[c]).toPlainString());
            case DECIMAL_BINARY ->
                writeAscii(
                        new BigDecimal(new BigInteger(column.getBinary().getBytesUnsafe()), scales[c]).toPlainString());
            case TEXT -> writeBytes(column.getBinary().getBytesUnsafe());
            case DATE -> writeAscii(LocalDate.ofEpochDay(column.getInteger()).toString());
            case TIME_MILLIS -> writeAscii(Integer.toString(column.getInteger()));
            case TIME_MICROS -> writeAscii(Long.toString(Math.floorDiv(column.getLong(), 1_000L)));
            case TIME_NANOS -> writeAscii(Long.toString(Math.floorDiv(column.getLong(), 1_000_000L)));
            case TIMESTAMP_MILLIS -> writeInstant(column.getLong());
            case TIMESTAMP_MICROS -> writeInstant(Math.floorDiv(column.getLong(), 1_000L));
            case TIMESTAMP_NANOS -> writeInstant(Math.floorDiv(column.getLong(), 1_000_000L));
            case INT96_TIMESTAMP -> writeInstant(int96Millis(column.getBinary().getBytesUnsafe()));
        }
    }

    private void writeDouble(double value) {
        ensure(SIX_DECIMALS_MAX);
        int end = sixDecimals(value, buf, used);
        if (end >= 0) {
            used = end;
        } else {
            writeAscii(DoubleToDecimal.toString(value));
        }
    }

    /** The longest text {@link #sixDecimals} writes: a sign, 7 digits, the point and 6 digits. */
    static final int SIX_DECIMALS_MAX = 15;

    /**
     * Writes {@code value} at {@code out[pos]} when it is a decimal of at most six places (the common case: values
     * exported from text, money, rates) between 0.001 and 10^7 in magnitude, and returns the end; else returns -1.
     * The text is the one Schubfach gives, without its cost: if m / 10^6 == value for the integer m nearest to
     * value * 10^6, the decimal m * 10^-6 reads back as value (the division rounds correctly, as parsing does), and
     * below 10^7 doubles are closer together than 10^-6, so no other decimal of six places, or shorter, reads back as
     * value: it is the shortest. Java writes such magnitudes without an exponent, with at least one decimal.
     */
    static int sixDecimals(double value, byte[] out, int pos) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return -1;
        }
        double scaled = Math.rint(value * 1e6);
        if (scaled / 1e6 != value) {
            return -1;
        }
        long m = (long) Math.abs(scaled);
        if (value < 0) {
            out[pos++] = '-';
        }
        long whole = m / 1_000_000L;
        long fraction = m % 1_000_000L;
        int digits = 6;
        while (digits > 1 && fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        int wholeDigits = 1;
        for (long rest = whole; rest >= 10; rest /= 10) {
            wholeDigits++;
        }
        for (int i = pos + wholeDigits - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + whole % 10);
            whole /= 10;
        }
        pos += wholeDigits;
        out[pos++] = '.';
        for (int i = pos + digits - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return pos + digits;
    }

    /**
     * An infinite FLOAT or DOUBLE is refused: as text ("Infinity") it would turn a numeric column into a nominal one,
     * and as a number no classifier can use it, as a CSV number beyond the range of doubles is refused. A NaN passes:
     * the CSV rule reads it as a missing value, as it reads the text NaN in a CSV file.
     */
    private double finite(double value, int c, long row) {
        if (Double.isInfinite(value)) {
            throw new InvalidInputException(shown + " row " + row + ", column '" + columns.get(c) + "' (field "
                    + (c + 1)
                    + "): the value is " + (value > 0 ? "" : "minus ") + "infinity, which no classifier can use;"
                    + " write it as a missing value (null) or as a finite number");
        }
        return value;
    }

    /**
     * A TIMESTAMP value, in UTC, as the ISO-8601 text the CSV rule reads as a date ({@code 2024-01-05T12:30:15}, with
     * {@code .250} when it has milliseconds; finer digits are dropped, as Weka's dates hold milliseconds). A DATE is
     * written as its day ({@code 2024-01-05}). TIMESTAMPs not adjusted to UTC (local date-times) are taken as UTC, as
     * CSV values without an offset are.
     */
    private void writeInstant(long epochMillis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(
                Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        writeAscii(SECONDS.format(time));
        if (time.getNano() != 0) {
            writeAscii(MILLIS.format(time));
        }
    }

    /** Impala's and old Spark's timestamps: 8 bytes of nanoseconds in the day, then 4 of the Julian day, little-endian. */
    private static long int96Millis(byte[] bytes) {
        long nanos = 0;
        for (int i = 7; i >= 0; i--) {
            nanos = (nanos << 8) | (bytes[i] & 0xFF);
        }
        long julianDay = 0;
        for (int i = 11; i >= 8; i--) {
            julianDay = (julianDay << 8) | (bytes[i] & 0xFF);
        }
        return (julianDay - JULIAN_DAY_OF_EPOCH) * MILLIS_PER_DAY + Math.floorDiv(nanos, 1_000_000L);
    }

    private void writeAscii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buf[used++] = (byte) text.charAt(i);
        }
    }

    private void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, used, bytes.length);
        used += bytes.length;
    }

    private void ensure(int more) {
        if (used + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, used + more));
        }
    }

    private InvalidInputException damaged(String where, Exception e) {
        return new InvalidInputException(shown + ", " + where + ": cannot be read (" + e.getMessage()
                + "); the file is damaged or was not completely written: write it again");
    }

    private void checkFlat(Type field) {
        String what = null;
        if (!field.isPrimitive()) {
            LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
            what = annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                    ? "a list"
                    : annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                            ? "a map"
                            : "a nested group (struct)";
        } else if (field.isRepetition(Type.Repetition.REPEATED)) {
            what = "a repeated value (a list)";
        }
        if (what != null) {
            throw new InvalidInputException(shown + ": column '" + field.getName() + "' is " + what
                    + "; the plugin reads flat tables, one value per column and row: write the file without it,"
                    + " or with its parts as columns of their own");
        }
    }

    private Kind kindOf(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        boolean decimal = annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                return Kind.BOOLEAN;
            case FLOAT:
                return Kind.FLOAT;
            case DOUBLE:
                return Kind.DOUBLE;
            case INT96:
                return Kind.INT96_TIMESTAMP;
            case INT32:
                if (decimal) {
                    return Kind.DECIMAL_INT32;
                }
                if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return Kind.DATE;
                }
                if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    return Kind.TIME_MILLIS;
                }
                return unsigned(annotation) ? Kind.UINT32 : Kind.INT32;
            case INT64:
                if (decimal) {
                    return Kind.DECIMAL_INT64;
                }
                if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
                    return switch (timestamp.getUnit()) {
                        case MILLIS -> Kind.TIMESTAMP_MILLIS;
                        case MICROS -> Kind.TIMESTAMP_MICROS;
                        case NANOS -> Kind.TIMESTAMP_NANOS;
                    };
                }
                if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
                    return time.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS ? Kind.TIME_MICROS : Kind.TIME_NANOS;
                }
                return unsigned(annotation) ? Kind.UINT64 : Kind.INT64;
            case BINARY:
                if (decimal) {
                    return Kind.DECIMAL_BINARY;
                }
                // strings, enums and JSON; a binary column without annotation is taken as text too, as the
                // writers that write strings that way (older Spark and Impala) mean it
                if (annotation == null
                        || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return Kind.TEXT;
                }
                break;
            case FIXED_LEN_BYTE_ARRAY:
                if (decimal) {
                    return Kind.DECIMAL_BINARY;
                }
                break;
        }
        throw new InvalidInputException(shown + ": column '" + type.getName() + "' is of Parquet type " + type
                + ", which the plugin does not read; write it as a number or a string, or leave it out of the file");
    }

    private static boolean unsigned(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer && !integer.isSigned();
    }

    /**
     * The read options, made with their constructor, which takes the codec factory; its builder would first create
     * Hadoop's. Filters are off (every row is read) and page checksums are verified where the writer wrote them.
     */
    private static ParquetReadOptions readOptions() throws ReflectiveOperationException {
        Constructor<ParquetReadOptions> constructor = ParquetReadOptions.class.getDeclaredConstructor(
                boolean.class, // useSignedStringMinMax
                boolean.class, // useStatsFilter
                boolean.class, // useDictionaryFilter
                boolean.class, // useRecordFilter
                boolean.class, // useColumnIndexFilter
                boolean.class, // usePageChecksumVerification
                boolean.class, // useBloomFilter
                boolean.class, // useOffHeapDecryptBuffer
                boolean.class, // useHadoopVectoredIo
                FilterCompat.Filter.class,
                ParquetMetadataConverter.MetadataFilter.class,
                CompressionCodecFactory.class,
                ByteBufferAllocator.class,
                int.class,
                Map.class,
                FileDecryptionProperties.class,
                ParquetMetricsCallback.class,
                ParquetConfiguration.class);
        constructor.setAccessible(true);
        return constructor.newInstance(
                false,
                false,
                false,
                false,
                false,
                true,
                false,
                false,
                false,
                FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER,
                new ParquetCodecs(),
                new HeapByteBufferAllocator(),
                MAX_ALLOCATION,
                Map.of(),
                null,
                null,
                new PlainParquetConfiguration());
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(ParquetFileReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // a file only read from: nothing was lost
        }
    }
}
