package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ResultColumnTest {
    @Test
    void valuesAreWrittenAsTheCsvReaderReadsThem() throws Exception {
        assertThat(ResultColumn.format(null)).isEqualTo("?");
        assertThat(ResultColumn.format(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ResultColumn.format(new BigDecimal("0.000001"))).isEqualTo("0.000001");
        assertThat(ResultColumn.format(1.0e-7)).isEqualTo("1.0E-7");
        assertThat(ResultColumn.format(0.1f)).isEqualTo("0.1");
        assertThat(ResultColumn.format(true)).isEqualTo("true");
        assertThat(ResultColumn.format(LocalDate.of(2026, 2, 28))).isEqualTo("2026-02-28");
        assertThat(ResultColumn.format(LocalTime.of(8, 5))).isEqualTo("08:05:00");
        assertThat(ResultColumn.format(LocalDateTime.of(2026, 2, 28, 7, 0))).isEqualTo("2026-02-28T07:00:00");
        assertThat(ResultColumn.format(LocalDateTime.of(2026, 2, 28, 7, 0, 1, 5_000_000)))
                .isEqualTo("2026-02-28T07:00:01.005");
        assertThat(ResultColumn.format(OffsetDateTime.of(2026, 2, 28, 1, 0, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2026-02-27T23:00:00");
    }

    @Test
    void aDoublesTextIsKeptOnlyWhereItReadsBackAsDoubleToStringWouldAndIsNoWholeNumber() {
        assertThat(ResultColumn.floatingText("0.1")).isEqualTo("0.1");
        assertThat(ResultColumn.floatingText("-123456789.12345679")).isEqualTo("-123456789.12345679");
        assertThat(ResultColumn.floatingText("1e-300")).isEqualTo("1e-300");
        assertThat(ResultColumn.floatingText("2.5e-05")).isEqualTo("2.5e-05");
        // whole numbers as Double.toString writes them: a class column of a few whole numbers keeps its labels
        assertThat(ResultColumn.floatingText("3")).isEqualTo("3.0");
        assertThat(ResultColumn.floatingText("-0")).isEqualTo("-0.0");
        assertThat(ResultColumn.floatingText("1234567")).isEqualTo("1234567.0");
        for (String other : new String[] {
            "12345678", "1e+20", "1.7976931348623157e+308", "1E20", "0e-5", "10e-1", "007", "NaN", "Infinity",
            "-Infinity", "", "-", "1.", ".5", "1e-", "+1", "1,5", " 1"
        }) {
            assertThat(ResultColumn.floatingText(other)).as(other).isNull();
        }
        for (String plain : new String[] {"0.1", "1e-300", "2.5e-05", "-0.5", "3.0"}) {
            assertThat(Double.parseDouble(ResultColumn.floatingText(plain))).isEqualTo(Double.parseDouble(plain));
        }
    }

    @Test
    void anIntegersTextIsKeptOnlyInLongToStringsForm() {
        assertThat(ResultColumn.integerText("0")).isEqualTo("0");
        assertThat(ResultColumn.integerText("-9000000000")).isEqualTo("-9000000000");
        for (String other : new String[] {"-0", "007", "", "-", "+1", "1.0", "1e3"}) {
            assertThat(ResultColumn.integerText(other)).as(other).isNull();
        }
    }

    @Test
    void aWatermarkKeepsEveryDigitAndReadsBackToTheSameValue() throws Exception {
        LocalDateTime micros = LocalDateTime.of(2026, 2, 28, 7, 0, 1, 123_456_000);
        OffsetDateTime nanos = OffsetDateTime.of(2026, 2, 28, 7, 0, 1, 7, ZoneOffset.ofHours(-5));
        ResultColumn timestamp = new ResultColumn(1, "at", "timestamp", ResultColumn.Kind.TIMESTAMP);
        ResultColumn withZone = new ResultColumn(1, "at", "timestamptz", ResultColumn.Kind.TIMESTAMP_TZ);

        assertThat(ResultColumn.watermarkText(micros)).isEqualTo("2026-02-28T07:00:01.123456");
        assertThat(ResultColumn.watermarkText(nanos)).isEqualTo("2026-02-28T12:00:01.000000007Z");
        assertThat(timestamp.parse(ResultColumn.watermarkText(micros))).isEqualTo(micros);
        assertThat(withZone.parse(ResultColumn.watermarkText(nanos)))
                .isEqualTo(nanos.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(new ResultColumn(1, "id", "int8", ResultColumn.Kind.INTEGER).parse("x"))
                .isNull();
    }

    @Test
    void postgresTimestampWithTimeZoneIsRecognisedByItsTypeName() {
        assertThat(ResultColumn.kindOf(Types.TIMESTAMP, "timestamptz")).isEqualTo(ResultColumn.Kind.TIMESTAMP_TZ);
        assertThat(ResultColumn.kindOf(Types.TIMESTAMP, "timestamp")).isEqualTo(ResultColumn.Kind.TIMESTAMP);
        assertThat(ResultColumn.kindOf(Types.BINARY, "bytea")).isEqualTo(ResultColumn.Kind.BINARY);
    }
}
