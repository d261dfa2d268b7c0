package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static final String FILE = "data/train.csv";

    /** Reads every record of {@code csv}. */
    private static List<List<String>> records(String csv) throws IOException {
        return records(new StringReader(csv));
    }

    private static List<List<String>> records(Reader in) throws IOException {
        List<List<String>> result = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(in, FILE)) {
            List<String> record;
            while ((record = reader.next()) != null) {
                result.add(record);
            }
        }
        return result;
    }

    /** Reads every record and the line each starts on. */
    private static List<Integer> startLines(String csv) throws IOException {
        List<Integer> lines = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(csv), FILE)) {
            while (reader.next() != null) {
                lines.add(reader.recordStartLine());
            }
        }
        return lines;
    }

    @Test
    void plainFieldsAreSplitOnCommas() throws IOException {
        // given
        String csv = "a,b,c\n1,2,3\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    }

    @Test
    void quotedFieldMayHoldCommasNewlinesAndDoubledQuotes() throws IOException {
        // given
        String csv = "id,text\n1,\"Smith, John\"\n2,\"line one\nline two\"\n3,\"she said \"\"hi\"\"\"\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records)
                .containsExactly(
                        List.of("id", "text"),
                        List.of("1", "Smith, John"),
                        List.of("2", "line one\nline two"),
                        List.of("3", "she said \"hi\""));
    }

    @Test
    void crlfLfAndCrLineEndsAllEndARecord() throws IOException {
        // given
        String csv = "a,b\r\n1,2\n3,4\r5,6";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
    }

    @Test
    void crlfInsideAQuotedFieldIsKeptAndCountsAsOneLine() throws IOException {
        // given
        String csv = "a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n";

        // when
        List<List<String>> records = records(csv);
        List<Integer> lines = startLines(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("1", "x\r\ny"), List.of("2", "z"));
        assertThat(lines).containsExactly(1, 2, 4);
    }

    @Test
    void leadingByteOrderMarkIsSkipped() throws IOException {
        // given
        String csv = "\uFEFFname,class\nx,y\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records.get(0)).containsExactly("name", "class");
        assertThat(records.get(0).get(0)).doesNotStartWith("\uFEFF");
    }

    @Test
    void blankLinesAreIgnoredButStillCounted() throws IOException {
        // given
        String csv = "\na,b\n\n\n1,2\r\n\r\n3,4\n\n";

        // when
        List<List<String>> records = records(csv);
        List<Integer> lines = startLines(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(lines).containsExactly(2, 5, 7);
    }

    @Test
    void linesOfOnlySpacesAndTabsCountAsBlank() throws IOException {
        // given
        String csv = "a,b\n   \n1,2\n\t \n3,4\n  ";

        // when
        List<List<String>> records = records(csv);
        List<Integer> lines = startLines(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(lines).containsExactly(1, 3, 5);
    }

    @Test
    void lineHoldingAnEmptyQuotedFieldIsARecord() throws IOException {
        // given a one-column file whose second row is a quoted empty string
        String csv = "text\n\"\"\nx\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records).containsExactly(List.of("text"), List.of(""), List.of("x"));
    }

    @Test
    void recordStartLineIsTheFirstLineOfARecordThatSpansSeveralLines() throws IOException {
        // given
        String csv = "id,text\n1,\"first\nsecond\nthird\"\n2,after\n";

        // when
        List<Integer> lines = startLines(csv);

        // then
        assertThat(lines).containsExactly(1, 2, 5);
    }

    @Test
    void lastRecordWithoutLineEndIsRead() throws IOException {
        // given
        String csv = "a,b\n1,2";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void emptyFieldsArePreserved() throws IOException {
        // given
        String csv = "a,b,c\n,,\n1,,3\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("", "", ""), List.of("1", "", "3"));
    }

    @Test
    void unquotedFieldsAreTrimmedButQuotedFieldsKeepTheirSpaces() throws IOException {
        // given
        String csv = "a,b\n  x  ,\"  y  \"\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records.get(1)).containsExactly("x", "  y  ");
    }

    @Test
    void unclosedQuoteIsAnErrorNamingTheFileAndTheLineItOpensOn() {
        // given
        String csv = "id,text\n1,ok\n2,\"never closed\n3,more\n";

        // when / then
        assertThatThrownBy(() -> records(csv))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("line 3")
                .hasMessageContaining("never closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorNamingTheLine() {
        // given
        String csv = "id,text\n1,ok\n2,\"quoted\"tail\n";

        // when / then
        assertThatThrownBy(() -> records(csv))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("line 3")
                .hasMessageContaining("after a closing quote");
    }

    @Test
    void recordsLongerThanTheReadBufferAreReadWhole() throws IOException {
        // given a quoted field of 200,000 characters with doubled quotes at the buffer boundaries
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            big.append("ab\"\"c");
        }
        String csv = "id,text\n1,\"" + big + "\"\r\n2,x\r\n";

        // when
        List<List<String>> records = records(csv);

        // then
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get(1)).hasSize(160_000).startsWith("ab\"c").endsWith("ab\"c");
        assertThat(records.get(2)).containsExactly("2", "x");
    }

    @Test
    void lineEndsSplitAcrossReadsAreRecognised() throws IOException {
        // given a reader that hands out one character at a time, so CR and LF arrive in separate reads
        String csv = "a,b\r\n1,\"x\"\"y\"\r\n2,\"p\r\nq\"\r\n";
        Reader trickle = new StringReader(csv) {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(1, len));
            }
        };

        // when
        List<List<String>> records = records(trickle);

        // then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("1", "x\"y"), List.of("2", "p\r\nq"));
    }
}
