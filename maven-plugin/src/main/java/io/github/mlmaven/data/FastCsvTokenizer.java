package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The CSV tokenizer: RFC 4180 records read from the bytes of a {@link ChunkedInput}. Fields are separated by commas;
 * a field quoted with double quotes may hold commas, doubled quotes and line breaks; CRLF, LF and CR end lines; a
 * leading UTF-8 byte order mark is skipped; blank lines and lines of whitespace are skipped. Unquoted fields are
 * stripped of whitespace as {@link String#strip} strips it, whitespace around a quoted field is dropped, and anything
 * else after a closing quote is a syntax error naming its line. Fields are byte ranges of the read buffer (quoted ones
 * with doubled quotes undone), so numbers are parsed without a String per field. A record is always whole in the
 * buffer: when one crosses the end of the bytes read so far, more are read and the record is scanned again. Bytes that
 * are not UTF-8 are an error naming their line and column.
 */
final class FastCsvTokenizer {
    private final ChunkedInput in;
    private final String fileName;
    private int pos;
    private int line = 1;
    private boolean started;

    int recordStartLine;
    /** Where in the buffer the record last returned starts. */
    private int recordStartPos;
    /** Where in the file the record that a syntax error was thrown for starts, and where it was found. */
    long errorFrom;

    long errorTo;
    int fieldCount;
    boolean recordHadQuote;
    byte[][] fieldBuf = new byte[16][];
    int[] fieldOff = new int[16];
    int[] fieldLen = new int[16];
    private boolean[] fieldEscaped = new boolean[16];
    private byte[] scratch = new byte[256];

    FastCsvTokenizer(ChunkedInput in, String fileName) {
        this.in = in;
        this.fileName = fileName;
    }

    /** Reads on from {@code pos} in the buffer, which is on line {@code line}; after the header, so no byte order mark. */
    FastCsvTokenizer(ChunkedInput in, String fileName, int pos, int line) {
        this(in, fileName);
        this.pos = pos;
        this.line = line;
        this.started = true;
    }

    /**
     * A tokenizer that reads no text: its records are set with {@link #setRecord}, so that rows of another format
     * (a Parquet file's) go through the same typing and value parsing as CSV records.
     */
    static FastCsvTokenizer detached(String fileName) {
        return new FastCsvTokenizer(new ChunkedInput(new byte[0], 0, 0), fileName, 0, 1);
    }

    /** Makes {@code count} fields, each {@code lengths[i]} bytes of {@code buf} from {@code offsets[i]}, the record. */
    void setRecord(int line, byte[] buf, int[] offsets, int[] lengths, int count) {
        if (fieldBuf.length < count) {
            fieldBuf = new byte[count][];
            fieldOff = new int[count];
            fieldLen = new int[count];
        }
        java.util.Arrays.fill(fieldBuf, 0, count, buf);
        System.arraycopy(offsets, 0, fieldOff, 0, count);
        System.arraycopy(lengths, 0, fieldLen, 0, count);
        fieldCount = count;
        recordStartLine = line;
        recordHadQuote = false;
    }

    /** Where the next record (or the blank lines before it) starts in the buffer. */
    int pos() {
        return pos;
    }

    /** Where in the file the record last returned starts; valid until the next call of {@link #next()}. */
    long recordStartOffset() {
        return in.offsetOf(recordStartPos);
    }

    /** Where in the file the next record (or the blank lines before it) starts. */
    long endOffset() {
        return in.offsetOf(pos);
    }

    /** The 1-based line the current record ends on (the next record starts after it). */
    int line() {
        return line;
    }

    /** Advances to the next record, skipping blank lines and lines of whitespace; false at the end of the file. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            while (in.limit < 3 && in.refill(0)) {
                // read enough to see a byte order mark
            }
            if (in.limit >= 3 && in.buf[0] == (byte) 0xEF && in.buf[1] == (byte) 0xBB && in.buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            int result = scan();
            if (result < 0) {
                try {
                    in.refill(pos);
                } catch (ChunkedInput.RowTooLong e) {
                    // pos and line are where the unfinished row starts
                    throw new InvalidInputException(
                            fileName + " line " + line + ": the row starting on this line runs on for more than "
                                    + (in.maxRowBytes >> 20) + " MB; a quoted field that is never closed"
                                    + " makes the rest of the file one value: close it with a double quote (\"), or"
                                    + " fix the row",
                            e);
                }
                pos = 0;
                continue;
            }
            if (result == 0) {
                return false;
            }
            if (fieldCount > 1 || fieldLen[0] > 0 || recordHadQuote) {
                finishFields();
                return true;
            }
        }
    }

    String fieldString(int i) {
        return FastBytes.utf8(fieldBuf[i], fieldOff[i], fieldLen[i]);
    }

    private void finishFields() {
        int used = 0;
        for (int i = 0; i < fieldCount; i++) {
            if (fieldEscaped[i]) {
                byte[] b = in.buf;
                int off = fieldOff[i];
                int len = fieldLen[i];
                if (scratch.length < used + len) {
                    scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, used + len));
                    used = 0;
                }
                int start = used;
                for (int p = off; p < off + len; p++) {
                    scratch[used++] = b[p];
                    if (b[p] == '"') {
                        p++;
                    }
                }
                fieldBuf[i] = scratch;
                fieldOff[i] = start;
                fieldLen[i] = used - start;
            } else {
                fieldBuf[i] = in.buf;
            }
        }
    }

    private void addField(int off, int len, boolean escaped) {
        if (fieldCount == fieldOff.length) {
            int n = fieldCount * 2;
            fieldBuf = Arrays.copyOf(fieldBuf, n);
            fieldOff = Arrays.copyOf(fieldOff, n);
            fieldLen = Arrays.copyOf(fieldLen, n);
            fieldEscaped = Arrays.copyOf(fieldEscaped, n);
        }
        fieldOff[fieldCount] = off;
        fieldLen[fieldCount] = len;
        fieldEscaped[fieldCount] = escaped;
        fieldCount++;
    }

    /**
     * Where the line end at {@code b[p]} (LF, CR or CRLF) ends; -1 when it is a CR that ends the bytes read so far and
     * an LF may follow.
     */
    private static int afterLineEnd(byte[] b, int p, int limit, boolean eof) {
        if (b[p] != '\r') {
            return p + 1;
        }
        if (p + 1 >= limit && !eof) {
            return -1;
        }
        return p + 1 < limit && b[p + 1] == '\n' ? p + 2 : p + 1;
    }

    /**
     * An unquoted field, stripped as {@link String#strip} strips it: whitespace is {@link Character#isWhitespace},
     * non-ASCII whitespace (U+2003, say) included. Bytes that are not UTF-8 are left for {@link #endRecord} to report.
     */
    private void addUnquoted(byte[] b, int start, int end, int limit) {
        while (start < end) {
            int width = whitespaceWidth(b, start, end);
            if (width == 0) {
                break;
            }
            start += width;
        }
        while (end > start) {
            int width = whitespaceWidthBefore(b, start, end);
            if (width == 0) {
                break;
            }
            end -= width;
        }
        addField(start, end - start, false);
    }

    /** The length of the whitespace character at {@code b[p]} (before {@code end}), or 0 when it is none. */
    static int whitespaceWidth(byte[] b, int p, int end) {
        if (b[p] >= 0) {
            return FastBytes.isAsciiWhitespace(b[p]) ? 1 : 0;
        }
        int width = utf8Width(b[p]);
        if (width == 0 || p + width > end || !FastBytes.isValidUtf8(b, p, width)) {
            return 0;
        }
        return Character.isWhitespace(FastBytes.codePointAt(b, p, end)) ? width : 0;
    }

    private static int whitespaceWidthBefore(byte[] b, int start, int end) {
        if (b[end - 1] >= 0) {
            return FastBytes.isAsciiWhitespace(b[end - 1]) ? 1 : 0;
        }
        int p = end - 1;
        while (p > start && p > end - 4 && (b[p] & 0xC0) == 0x80) {
            p--;
        }
        return whitespaceWidth(b, p, end) == end - p ? end - p : 0;
    }

    /** The length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
    private static int utf8Width(byte lead) {
        int c = lead & 0xFF;
        return c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c >= 0xF0 ? 0 : 3) : c >= 0xC2 ? 2 : 0;
    }

    /** {@link #afterQuote}'s result when the record ended (and {@link #endRecord} was called). */
    private static final int RECORD_ENDED = -2;

    /** Where the quoted field last scanned by {@link #scanQuoted} closes, and what it held. */
    private int quoteEnd;

    private boolean quoteEscaped;
    private int quoteLines;
    private boolean quoteHigh;

    /** 1: a record, 0: end of file, -1: more bytes needed. Commits {@code pos} and {@code line} only on 0 and 1. */
    private int scan() {
        int blank = skipBlankLines();
        if (blank <= 0) {
            return blank;
        }
        byte[] b = in.buf;
        int limit = in.limit;
        boolean eof = in.eof;
        int p = pos;
        int ln = line;
        int startLine = ln;
        fieldCount = 0;
        boolean hadQuote = false;
        boolean high = false;
        int recordStart = p;
        while (true) {
            // one field
            int fieldStart = p;
            boolean blankSoFar = true;
            while (true) {
                if (p >= limit) {
                    if (!eof) {
                        return -1;
                    }
                    addUnquoted(b, fieldStart, p, limit);
                    return endRecord(b, recordStart, p, startLine, ln, hadQuote, high, p);
                }
                byte c = b[p];
                if (c == ',') {
                    addUnquoted(b, fieldStart, p, limit);
                    p++;
                    fieldStart = p;
                    blankSoFar = true;
                } else if (c == '\n' || c == '\r') {
                    int end = p;
                    p = afterLineEnd(b, p, limit, eof);
                    if (p < 0) {
                        return -1;
                    }
                    addUnquoted(b, fieldStart, end, limit);
                    return endRecord(b, recordStart, end, startLine, ln + 1, hadQuote, high, p);
                } else if (c == '"' && blankSoFar) {
                    break;
                } else {
                    if (c < 0) {
                        high = true;
                        if (blankSoFar) {
                            if (p + 4 > limit && !eof) {
                                return -1;
                            }
                            // whitespace before a quote opens it as ASCII whitespace does
                            int width = whitespaceWidth(b, p, limit);
                            if (width > 0) {
                                p += width;
                                continue;
                            }
                        }
                        blankSoFar = false;
                    } else if (blankSoFar && !FastBytes.isAsciiWhitespace(c)) {
                        blankSoFar = false;
                    }
                    p++;
                }
            }
            hadQuote = true;
            int quoteStart = p + 1;
            p = scanQuoted(b, quoteStart, limit, eof, recordStart, startLine);
            if (p < 0) {
                return -1;
            }
            ln += quoteLines;
            high |= quoteHigh;
            p = afterQuote(b, p, limit, eof, quoteStart, recordStart, startLine, ln, high);
            if (p == RECORD_ENDED) {
                return 1;
            }
            if (p < 0) {
                return -1;
            }
        }
    }

    /**
     * Skips the blank lines before a record: 1 when a record starts at {@code pos} (committed with its line), 0 at the
     * end of the file, -1 when more bytes are needed.
     */
    private int skipBlankLines() {
        byte[] b = in.buf;
        int limit = in.limit;
        int p = pos;
        int ln = line;
        while (true) {
            if (p >= limit) {
                pos = p;
                line = ln;
                return in.eof ? 0 : -1;
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                ln++;
            } else if (c == '\r') {
                if (p + 1 >= limit && !in.eof) {
                    pos = p;
                    line = ln;
                    return -1;
                }
                p++;
                if (p < limit && b[p] == '\n') {
                    p++;
                }
                ln++;
            } else {
                pos = p;
                line = ln;
                return 1;
            }
        }
    }

    /**
     * Scans a quoted field from just after its opening quote: returns where its closing quote ends, or -1 when more
     * bytes are needed; sets {@link #quoteEnd}, {@link #quoteEscaped}, {@link #quoteLines} and {@link #quoteHigh}.
     */
    private int scanQuoted(byte[] b, int p, int limit, boolean eof, int recordStart, int startLine) {
        quoteEscaped = false;
        quoteLines = 0;
        quoteHigh = false;
        while (true) {
            if (p >= limit) {
                if (!eof) {
                    return -1;
                }
                syntaxErrorAt(recordStart, p);
                throw new CsvSyntaxException(
                        fileName,
                        startLine,
                        "a quoted field opened on line " + startLine
                                + " is never closed; close it with a double quote (\")");
            }
            byte c = b[p];
            if (c == '"') {
                if (p + 1 >= limit) {
                    if (!eof) {
                        return -1;
                    }
                    quoteEnd = p;
                    return p + 1;
                }
                if (b[p + 1] != '"') {
                    quoteEnd = p;
                    return p + 1;
                }
                quoteEscaped = true;
                p += 2;
            } else if (c == '\n') {
                quoteLines++;
                p++;
            } else if (c == '\r') {
                quoteLines++;
                p++;
                if (p >= limit && !eof) {
                    return -1;
                }
                if (p < limit && b[p] == '\n') {
                    p++;
                }
            } else {
                quoteHigh |= c < 0;
                p++;
            }
        }
    }

    /**
     * After a closing quote, only whitespace up to the separator or the line's end: adds the quoted field and returns
     * where the next field starts, {@link #RECORD_ENDED} when the record ended, or -1 when more bytes are needed.
     */
    private int afterQuote(
            byte[] b,
            int p,
            int limit,
            boolean eof,
            int quoteStart,
            int recordStart,
            int startLine,
            int ln,
            boolean high) {
        while (true) {
            if (p >= limit) {
                if (!eof) {
                    return -1;
                }
                addField(quoteStart, quoteEnd - quoteStart, quoteEscaped);
                endRecord(b, recordStart, p, startLine, ln, true, high, p);
                return RECORD_ENDED;
            }
            byte c = b[p];
            if (c == ',') {
                addField(quoteStart, quoteEnd - quoteStart, quoteEscaped);
                return p + 1;
            } else if (c == '\n' || c == '\r') {
                int end = p;
                p = afterLineEnd(b, p, limit, eof);
                if (p < 0) {
                    return -1;
                }
                addField(quoteStart, quoteEnd - quoteStart, quoteEscaped);
                endRecord(b, recordStart, end, startLine, ln + 1, true, high, p);
                return RECORD_ENDED;
            } else if (FastBytes.isAsciiWhitespace(c)) {
                p++;
            } else if (c < 0 && p + 4 > limit && !eof) {
                return -1;
            } else if (c < 0 && whitespaceWidth(b, p, limit) > 0) {
                high = true;
                p += whitespaceWidth(b, p, limit);
            } else if (c < 0 && FastBytes.firstInvalidUtf8(b, p, Math.min(4, limit - p)) == p) {
                throw FastBytes.invalidUtf8(fileName, b, recordStart, startLine, p);
            } else {
                syntaxErrorAt(recordStart, p);
                throw new CsvSyntaxException(
                        fileName,
                        ln,
                        "text after a closing quote in field " + (fieldCount + 1)
                                + "; quote the whole field and double any quote inside it (\"\")");
            }
        }
    }

    private void syntaxErrorAt(int recordStart, int p) {
        errorFrom = in.offsetOf(recordStart);
        errorTo = in.offsetOf(p);
    }

    private int endRecord(
            byte[] b,
            int recordStart,
            int recordEnd,
            int startLine,
            int nextLine,
            boolean hadQuote,
            boolean high,
            int next) {
        if (high) {
            int bad = FastBytes.firstInvalidUtf8(b, recordStart, recordEnd - recordStart);
            if (bad >= 0) {
                throw FastBytes.invalidUtf8(fileName, b, recordStart, startLine, bad);
            }
        }
        recordStartLine = startLine;
        recordStartPos = recordStart;
        recordHadQuote = hadQuote;
        line = nextLine;
        pos = next;
        return 1;
    }
}
