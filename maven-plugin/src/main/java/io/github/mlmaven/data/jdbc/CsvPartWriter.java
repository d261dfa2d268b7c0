package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes one CSV snapshot part as rows arrive, hashing the bytes as they are written: UTF-8, a header of column
 * labels, RFC 4180 quoting (a field with a comma, a quote, a line break, or whitespace at either end is quoted, quotes
 * doubled), {@code \n} between rows. {@link #finish} flushes and syncs the file to the disk before it may be moved
 * into place.
 *
 * <p>A part has tens of millions of fields, so the writer encodes them itself into one byte buffer (ASCII, nearly
 * every field, byte by byte; other text through the JDK's UTF-8 encoder) and hashes and writes that buffer whole:
 * a {@code Writer} over a digest stream costs an encoder call per field and a digest call per small chunk.
 */
final class CsvPartWriter implements AutoCloseable {
    /** What was written: the SHA-256 of the bytes, their number, and the data rows. */
    record Written(String sha256, long sizeBytes, long rows) {}

    private static final int BUFFER = 1 << 16;

    private final FileChannel channel;
    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] buffer = new byte[BUFFER];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    private int used;
    private long size;
    private long rows;
    /** Whether the current row has a field already, so the next one needs a comma first. */
    private boolean inRow;

    private boolean closed;

    CsvPartWriter(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    void header(List<String> labels) throws IOException {
        for (String label : labels) {
            separator();
            field(label, false);
        }
        endRow();
        rows--; // the header is no data row
    }

    /** One field of the current row; {@code null} stands for SQL NULL, written as {@code ?}. */
    void value(@Nullable String text) throws IOException {
        separator();
        if (text == null) {
            put((byte) '?');
        } else {
            field(text, true);
        }
    }

    /** Ends the current row. */
    void endRow() throws IOException {
        put((byte) '\n');
        inRow = false;
        rows++;
    }

    private void separator() throws IOException {
        if (inRow) {
            put((byte) ',');
        }
        inRow = true;
    }

    /**
     * A field, quoted when RFC 4180 needs it or when the CSV reader would otherwise change it (strip its whitespace).
     * A text value {@code ?} or the empty text are read back as missing values either way.
     */
    private void field(String value, boolean data) throws IOException {
        if (needsQuotes(value)) {
            put((byte) '"');
            int start = 0;
            int quote;
            while ((quote = value.indexOf('"', start)) >= 0) {
                text(value, start, quote + 1);
                put((byte) '"');
                start = quote + 1;
            }
            text(value, start, value.length());
            put((byte) '"');
        } else if (value.isEmpty() && !data) {
            put((byte) '"');
            put((byte) '"');
        } else {
            text(value, 0, value.length());
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

    /** The characters {@code from} to {@code to} of a text, in UTF-8. */
    private void text(String value, int from, int to) throws IOException {
        if (to - from > BUFFER - used) {
            drain();
        }
        if (to - from <= BUFFER - used) {
            int at = used;
            for (int i = from; i < to; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    used = at;
                    bytes(value.substring(i, to).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                buffer[at++] = (byte) c;
            }
            used = at;
        } else {
            bytes(value.substring(from, to).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void bytes(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            if (used == BUFFER) {
                drain();
            }
            int n = Math.min(bytes.length - off, BUFFER - used);
            System.arraycopy(bytes, off, buffer, used, n);
            used += n;
            off += n;
        }
    }

    private void put(byte b) throws IOException {
        if (used == BUFFER) {
            drain();
        }
        buffer[used++] = b;
    }

    /** Hashes the buffered bytes and writes them to the file. */
    private void drain() throws IOException {
        digest.update(buffer, 0, used);
        wrapped.clear().limit(used);
        while (wrapped.hasRemaining()) {
            channel.write(wrapped);
        }
        size += used;
        used = 0;
    }

    /** Flushes, syncs the bytes to the disk and closes. */
    Written finish() throws IOException {
        drain();
        channel.force(true);
        close();
        return new Written(Sha256.hex(digest.digest()), size, rows);
    }

    /** Closes the file; bytes still buffered are dropped, as the file is only kept after {@link #finish}. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }
}
