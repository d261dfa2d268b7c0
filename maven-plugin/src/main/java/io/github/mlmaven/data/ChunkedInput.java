package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

/**
 * A file read once, front to back, in large chunks into a byte buffer that callers parse in place. Every chunk updates
 * the digest as it is read, so the fingerprint covers exactly the bytes parsed. The size and modification time are
 * recorded when the file is opened, so that a file written to while it is read can be reported by {@link #finish()}.
 */
final class ChunkedInput implements AutoCloseable {
    static final int CHUNK = 1 << 20;

    /** Called after each chunk is read; for tests that change a file while it is being read. */
    interface ChunkListener {
        void chunkRead(Path file, long bytesSoFar) throws IOException;
    }

    private final Path file;
    private final String display;
    private final FileChannel channel;
    /** Null when the file's hash is known (or for a block). */
    private final MessageDigest digest;
    /** The file's hash when it was known before it was read. */
    private final String knownSha256;

    private final ChunkListener listener;
    /** The longest row (or ARFF header) held whole: {@link ReadTuning#maxRowBytes}. */
    final int maxRowBytes;

    final long sizeAtOpen;
    private final FileTime modifiedAtOpen;
    private long bytesRead;
    /** Where in its file a block's first byte is; 0 for a file read here. */
    private final long blockOffset;

    byte[] buf = new byte[CHUNK];
    /** Valid bytes are buf[0, limit). */
    int limit;

    boolean eof;

    /**
     * Opens {@code file}, to be hashed as it is read unless {@code known} (may be null) holds its hash for the size
     * and modification time it has now.
     */
    ChunkedInput(Path file, String display, ChunkListener listener, FingerprintCache known, int maxRowBytes)
            throws IOException {
        this.file = file;
        this.maxRowBytes = maxRowBytes;
        this.display = display;
        this.listener = listener;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.sizeAtOpen = channel.size();
        this.modifiedAtOpen = Files.getLastModifiedTime(file);
        this.blockOffset = 0;
        this.knownSha256 = known == null
                ? null
                : known.unchanged(file, FingerprintCache.Stat.of(sizeAtOpen, modifiedAtOpen))
                        .orElse(null);
        this.digest = knownSha256 == null ? Sha256.newDigest() : null;
    }

    /** The file's SHA-256 (hex), after the last byte was read. */
    String sha256() {
        return knownSha256 != null ? knownSha256 : Sha256.hex(digest.digest());
    }

    /**
     * The first {@code length} bytes of {@code data}, as if they were a whole file that has been read; for parsing
     * blocks of a file, whose first byte is at {@code blockOffset} of the file.
     */
    ChunkedInput(byte[] data, int length, long blockOffset) {
        this.file = null;
        this.display = null;
        this.digest = null;
        this.knownSha256 = null;
        this.listener = null;
        this.channel = null;
        this.sizeAtOpen = length;
        this.modifiedAtOpen = null;
        this.buf = data;
        this.limit = length;
        this.bytesRead = length;
        this.eof = true;
        this.blockOffset = blockOffset;
        this.maxRowBytes = Integer.MAX_VALUE;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** Where {@code buf[pos]} is in the file. */
    long offsetOf(int pos) {
        return blockOffset + bytesRead - limit + pos;
    }

    /**
     * Keeps the bytes from {@code keepFrom} on, moved to the start of the buffer (grown when they fill it), and reads
     * more after them. Returns false at the end of the file. The caller's offsets shift by {@code -keepFrom}.
     */
    boolean refill(int keepFrom) throws IOException {
        if (eof) {
            return false;
        }
        int kept = limit - keepFrom;
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, kept);
        } else if (kept == buf.length) {
            if (buf.length >= maxRowBytes) {
                throw new RowTooLong(display, offsetOf(0), maxRowBytes);
            }
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, kept);
            buf = bigger;
        }
        limit = kept;
        ByteBuffer target = ByteBuffer.wrap(buf, limit, buf.length - limit);
        while (target.hasRemaining()) {
            int n = channel.read(target);
            if (n < 0) {
                eof = true;
                break;
            }
        }
        int n = target.position() - limit;
        if (n > 0) {
            if (digest != null) {
                digest.update(buf, limit, n);
            }
            bytesRead += n;
            limit += n;
            if (listener != null) {
                listener.chunkRead(file, bytesRead);
            }
        }
        return n > 0;
    }

    /** After the last byte: the file must not have changed size (or been rewritten) while it was read. */
    void finish() throws IOException {
        long sizeNow = Files.size(file);
        FileTime modifiedNow = Files.getLastModifiedTime(file);
        if (bytesRead != sizeAtOpen || sizeNow != sizeAtOpen || !modifiedNow.equals(modifiedAtOpen)) {
            throw DataFileChangedException.whileRead(display, sizeAtOpen, sizeNow);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** A row longer than {@link #maxRowBytes}; the CSV tokenizer words it with the row's line. */
    static final class RowTooLong extends InvalidInputException {
        RowTooLong(String display, long startOffset, int maxBytes) {
            super(display + ": a row starting at byte " + startOffset + " runs on for more than " + (maxBytes >> 20)
                    + " MB; a quoted field that is never closed makes the rest of the file one value: close"
                    + " it with a double quote (\"), or fix the row");
        }
    }
}
