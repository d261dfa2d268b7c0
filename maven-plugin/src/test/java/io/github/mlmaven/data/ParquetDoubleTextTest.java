package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The short path of a Parquet DOUBLE's text gives Schubfach's text, where it is taken. */
class ParquetDoubleTextTest {
    private static String fast(double value) {
        byte[] out = new byte[ParquetTable.SIX_DECIMALS_MAX];
        int end = ParquetTable.sixDecimals(value, out, 0);
        return end < 0 ? null : new String(out, 0, end, StandardCharsets.US_ASCII);
    }

    @Test
    void decimalsOfAtMostSixPlacesAreWrittenAsSchubfachWritesThem() {
        // given: values as a CSV export holds them, of 0 to 6 places and every magnitude the short path takes
        Random random = new Random(15);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            int places = random.nextInt(7);
            long digits = Math.floorMod(random.nextLong(), (long) Math.pow(10, 7 + places));
            double value = Double.parseDouble(BigDecimal.valueOf(random.nextBoolean() ? digits : -digits, places)
                    .toPlainString());

            // when
            String text = fast(value);

            // then: the same text, or the long path
            if (text != null) {
                taken++;
                assertThat(text).as("%s", value).isEqualTo(DoubleToDecimal.toString(value));
                assertThat(Double.parseDouble(text)).isEqualTo(value);
            }
        }
        // the short path takes them all but those below 0.001
        assertThat(taken).isGreaterThan(190_000);
    }

    @Test
    void theEdgesOfTheShortPath() {
        assertThat(fast(0.001)).isEqualTo("0.001");
        assertThat(fast(-0.001)).isEqualTo("-0.001");
        assertThat(fast(9_999_999.999999)).isEqualTo("9999999.999999");
        assertThat(fast(1_234_567.0)).isEqualTo("1234567.0");
        assertThat(fast(0.5)).isEqualTo("0.5");
        assertThat(fast(-35.25)).isEqualTo("-35.25");
        assertThat(fast(100.0)).isEqualTo("100.0");
        // Java writes these with an exponent, or they have more places: Schubfach writes them
        assertThat(fast(1e7)).isNull();
        assertThat(fast(Math.nextDown(0.001))).isNull();
        assertThat(fast(0.0)).isNull();
        assertThat(fast(-0.0)).isNull();
        assertThat(fast(0.1 + 0.2)).isNull();
        assertThat(fast(1.0 / 3)).isNull();
        assertThat(fast(Double.NaN)).isNull();
    }

    @Test
    void arbitraryDoublesTakeTheShortPathOnlyWithSchubfachsText() {
        Random random = new Random(16);
        for (int i = 0; i < 200_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            double scaled =
                    random.nextDouble() * Math.pow(10, random.nextInt(14) - 4) * (random.nextBoolean() ? 1 : -1);
            for (double v : new double[] {value, scaled}) {
                String text = fast(v);
                if (text != null) {
                    assertThat(text).as("%s", v).isEqualTo(DoubleToDecimal.toString(v));
                }
            }
        }
    }
}
