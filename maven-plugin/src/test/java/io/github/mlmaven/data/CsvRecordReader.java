package io.github.mlmaven.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: fields separated by commas, fields quoted with double quotes may hold
 * commas, doubled quotes and line breaks; CRLF, LF and CR line ends; a leading UTF-8 byte order mark is skipped;
 * blank lines are ignored. Written by hand rather than taken from a library because error messages need the line a
 * record starts on and the reader must stay a single streaming pass.
 */
final class CsvRecordReader implements AutoCloseable {
    private final Reader in;
    private final String fileName;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private int line = 1;
    private int recordStartLine;
    private boolean first = true;
    private boolean recordHadQuote;
    private final StringBuilder field = new StringBuilder();

    CsvRecordReader(Reader in, String fileName) {
        this.in = in;
        this.fileName = fileName;
    }

    /** The 1-based line on which the record last returned by {@link #next()} starts. */
    int recordStartLine() {
        return recordStartLine;
    }

    /** The next record's fields, or null at the end of the file. Lines holding only spaces count as blank. */
    List<String> next() throws IOException {
        while (true) {
            List<String> record = readRecord();
            if (record == null || record.size() > 1 || !record.get(0).isEmpty() || recordHadQuote) {
                return record;
            }
        }
    }

    private List<String> readRecord() throws IOException {
        if (first) {
            first = false;
            if (fill() && buffer[pos] == '\uFEFF') {
                pos++;
            }
        }
        // skip blank lines between records
        while (true) {
            if (pos >= limit && !fill()) {
                return null;
            }
            char c = buffer[pos];
            if (c == '\n' || c == '\r') {
                consumeLineEnd();
            } else {
                break;
            }
        }
        recordStartLine = line;
        recordHadQuote = false;
        List<String> fields = new ArrayList<>();
        field.setLength(0);
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (pos >= limit && !fill()) {
                if (quoted) {
                    throw new CsvSyntaxException(
                            fileName,
                            recordStartLine,
                            "a quoted field opened on line " + recordStartLine
                                    + " is never closed; close it with a double quote (\")");
                }
                fields.add(finish(wasQuoted));
                return fields;
            }
            char c = buffer[pos++];
            if (quoted) {
                if (c == '"') {
                    if (pos >= limit && !fill()) {
                        quoted = false;
                        continue;
                    }
                    if (buffer[pos] == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                    if (c == '\n') {
                        line++;
                    } else if (c == '\r') {
                        line++;
                        if ((pos < limit || fill()) && buffer[pos] == '\n') {
                            field.append('\n');
                            pos++;
                        }
                    }
                }
            } else if (c == ',') {
                fields.add(finish(wasQuoted));
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                pos--;
                consumeLineEnd();
                fields.add(finish(wasQuoted));
                return fields;
            } else if (c == '"' && isBlank(field) && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                recordHadQuote = true;
                field.setLength(0);
            } else if (wasQuoted) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                throw new CsvSyntaxException(
                        fileName,
                        line,
                        "text after a closing quote in field " + (fields.size() + 1)
                                + "; quote the whole field and double any quote inside it (\"\")");
            } else {
                field.append(c);
            }
        }
    }

    private String finish(boolean wasQuoted) {
        String value = wasQuoted ? field.toString() : field.toString().strip();
        field.setLength(0);
        return value;
    }

    private static boolean isBlank(StringBuilder sb) {
        for (int i = 0; i < sb.length(); i++) {
            if (!Character.isWhitespace(sb.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void consumeLineEnd() throws IOException {
        char c = buffer[pos++];
        if (c == '\r' && (pos < limit || fill()) && buffer[pos] == '\n') {
            pos++;
        }
        line++;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException e) {
            throw new CsvSyntaxException(
                    fileName, line, "the file is not valid UTF-8 (at or after this line); save it with UTF-8 encoding");
        }
        if (n <= 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
