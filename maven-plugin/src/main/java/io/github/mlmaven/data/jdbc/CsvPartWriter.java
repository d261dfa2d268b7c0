package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.runtime.Sha256;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * Writes one CSV snapshot part as rows arrive, hashing the bytes as they are written: UTF-8, a header of column
 * labels, RFC 4180 quoting (a field with a comma, a quote, a line break, or whitespace at either end is quoted, quotes
 * doubled), {@code \n} between rows. {@link #finish} flushes and syncs the file to the disk before it may be moved
 * into place.
 */
final class CsvPartWriter implements AutoCloseable {
    /** What was written: the SHA-256 of the bytes, their number, and the data rows. */
    record Written(String sha256, long sizeBytes, long rows) {}

    private final FileChannel channel;
    private final MessageDigest digest = Sha256.newDigest();
    private final CountingStream counter;
    private final Writer out;
    private long rows;
    private boolean closed;

    CsvPartWriter(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        counter = new CountingStream(new DigestOutputStream(Channels.newOutputStream(channel), digest));
        out = new BufferedWriter(new OutputStreamWriter(counter, StandardCharsets.UTF_8), 1 << 16);
    }

    void header(List<String> labels) throws IOException {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            field(labels.get(i), false);
        }
        out.write('\n');
    }

    /** One row: each value already formatted, {@code null} standing for SQL NULL (written as {@code ?}). */
    void row(String[] values, boolean[] isNull) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (isNull[i]) {
                out.write('?');
            } else {
                field(values[i], true);
            }
        }
        out.write('\n');
        rows++;
    }

    /**
     * A field, quoted when RFC 4180 needs it or when the CSV reader would otherwise change it (strip its whitespace).
     * A text value {@code ?} or the empty text are read back as missing values either way.
     */
    private void field(String value, boolean data) throws IOException {
        if (needsQuotes(value)) {
            out.write('"');
            int start = 0;
            int quote;
            while ((quote = value.indexOf('"', start)) >= 0) {
                out.write(value, start, quote - start + 1);
                out.write('"');
                start = quote + 1;
            }
            out.write(value, start, value.length() - start);
            out.write('"');
        } else if (value.isEmpty() && !data) {
            out.write("\"\"");
        } else {
            out.write(value);
        }
    }

    static boolean needsQuotes(String value) {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(n - 1))) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Flushes, syncs the bytes to the disk and closes. */
    Written finish() throws IOException {
        out.flush();
        channel.force(true);
        close();
        return new Written(Sha256.hex(digest.digest()), counter.count, rows);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    /** Counts the bytes on their way to the file. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
