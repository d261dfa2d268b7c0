package io.github.mlmaven.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What stands between an ARFF file and Weka's ArffReader, which does not handle the end of the file inside the header:
 * a header cut off after an {@code @attribute} line makes it ask for the next token for ever, and a nominal list that
 * is never closed ({@code {x,y}) makes it add a null label for each ask until the heap is full. Weka's tokenizer asks
 * the reader again each time, so a reader that refuses to answer "end of file" more than a few hundred times stops
 * both; it counts lines on the way, so that Weka's runtime exceptions (duplicate labels, say) can name one.
 */
final class ArffGuard extends FilterReader {
    /** Far more ends of file than a complete read asks for (a handful), far fewer than a runaway loop. */
    private static final int MAX_EOF_READS = 256;

    private final String file;
    private int line = 1;
    private boolean lastWasCr;
    private int eofReads;

    ArffGuard(Reader in, String file) {
        super(in);
        this.file = file;
    }

    /** The line the last character read is on. */
    int line() {
        return line;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c < 0) {
            eof();
        } else {
            count(c);
        }
        return c;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = in.read(cbuf, off, len);
        if (n < 0) {
            eof();
        }
        for (int i = 0; i < n; i++) {
            count(cbuf[off + i]);
        }
        return n;
    }

    private void count(int c) {
        if (c == '\n') {
            if (!lastWasCr) {
                line++;
            }
        } else if (c == '\r') {
            line++;
        }
        lastWasCr = c == '\r';
    }

    private void eof() throws IOException {
        if (++eofReads > MAX_EOF_READS) {
            throw new UnexpectedEnd(file + " line " + line + ": not a valid ARFF file: it ends inside the header"
                    + " or a value: an @attribute declaration is cut off, a { or a quote is never closed, or the"
                    + " @data line is missing; complete the file");
        }
    }

    /** The error for an ARFF file without an {@code @data} line, {@code lastLine} its last line. */
    static String noDataLine(String file, int lastLine) {
        return file + " line " + lastLine + ": not a valid ARFF file: the file ends without an @data line; an ARFF"
                + " file is a header (@relation, @attribute lines) and then @data and the rows: complete the file";
    }

    /** The end of the file where Weka keeps asking for more; its message is the whole error. */
    static final class UnexpectedEnd extends IOException {
        UnexpectedEnd(String message) {
            super(message);
        }
    }

    /**
     * Finds an attribute name declared twice in a header, which Weka reports without a line; null when there is none
     * (as far as a simple reading of {@code @attribute} lines sees: Weka's own check still stands behind it).
     */
    static String duplicateAttribute(String headerText, String file) {
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = headerText.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (!text.toLowerCase(Locale.ROOT).startsWith("@attribute")) {
                continue;
            }
            String name = attributeName(text.substring("@attribute".length()).strip());
            if (name == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(name, i + 1);
            if (first != null) {
                return file + " line " + (i + 1) + ": attribute name '" + excerpt(name)
                        + "' is declared twice (first on line " + first + "); attribute names must be unique:"
                        + " rename or remove one";
            }
        }
        return null;
    }

    private static String attributeName(String rest) {
        if (rest.isEmpty()) {
            return null;
        }
        char quote = rest.charAt(0);
        if (quote == '\'' || quote == '"') {
            StringBuilder name = new StringBuilder();
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '\\' && i + 1 < rest.length()) {
                    name.append(rest.charAt(++i));
                } else if (c == quote) {
                    return name.toString();
                } else {
                    name.append(c);
                }
            }
            return null;
        }
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && rest.charAt(end) != '{') {
            end++;
        }
        return rest.substring(0, end);
    }

    /** Weka's message for an error it found, with the line the reader had reached, and no more than a short excerpt. */
    static String wekaError(String file, int line, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return file + " line " + line + ": not a valid ARFF file: " + excerpt(message, 200);
    }

    private static final java.util.regex.Pattern WEKA_LINE = java.util.regex.Pattern.compile("(?s)(.*), line (\\d+)$");

    /**
     * Weka's message for a syntax error, which ends in ", line N", with the line moved next to the file name where
     * every other message of the readers has it: {@code data.arff line 7: not a valid ARFF file: ...}.
     */
    static String wekaSyntaxError(String file, String message) {
        java.util.regex.Matcher m = WEKA_LINE.matcher(String.valueOf(message));
        if (m.matches()) {
            return file + " line " + m.group(2) + ": not a valid ARFF file: " + excerpt(m.group(1), 200);
        }
        return file + ": not a valid ARFF file: " + excerpt(String.valueOf(message), 200);
    }

    /** At most {@value #EXCERPT} characters of a value quoted in a message: a bad field may be megabytes long. */
    static final int EXCERPT = 60;

    static String excerpt(String text) {
        return excerpt(text, EXCERPT);
    }

    static String excerpt(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
