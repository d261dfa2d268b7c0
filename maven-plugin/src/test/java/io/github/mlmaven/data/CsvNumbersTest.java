package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The number parser gives {@link Double#parseDouble}'s bits, and takes for a CSV number exactly what the readers took
 * before it (text that looks like a number, first and last, and that {@code Double.parseDouble} accepts).
 */
class CsvNumbersTest {
    /** The rule before FastDoubleParser: a digit, sign or point first, a digit or point last, then the JDK. */
    private static Long expected(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        boolean plausible = (Character.isDigit(first) || first == '-' || first == '+' || first == '.')
                && (Character.isDigit(last) || last == '.');
        try {
            return plausible ? Double.doubleToRawLongBits(Double.parseDouble(text)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void assertParsedAsBefore(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long bits = CsvNumbers.numberBits(bytes, 0, bytes.length);
        Long before = expected(text);
        assertThat(bits == CsvNumbers.NO_NUMBER ? null : bits).as(text).isEqualTo(before);
        assertThat(CsvNumbers.tryParseNumber(text))
                .as(text)
                .isEqualTo(before == null ? null : Double.longBitsToDouble(before));
    }

    @Test
    void numbersOfEveryFormHaveTheBitsOfDoubleParseDouble() {
        Random random = new Random(42);
        for (int i = 0; i < 300_000; i++) {
            assertParsedAsBefore(
                    switch (i % 5) {
                        case 0 -> String.format(Locale.ROOT, "%.6f", (random.nextDouble() - 0.5) * 2000);
                        case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
                        case 2 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                        case 3 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                        default ->
                            (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "."
                                    + Long.toString(Math.abs(random.nextLong()) | 1L << 60)
                                            .substring(0, 1 + random.nextInt(17))
                                    + (random.nextBoolean() ? "e" + (random.nextInt(700) - 350) : "");
                    });
        }
    }

    @Test
    void edgeCasesAndNonNumbersAreReadAsBefore() {
        for (String text : List.of(
                "0",
                "-0",
                "+3",
                ".5",
                "5.",
                "0000000000000000000001.5",
                "-0.00000000000000012345",
                "1234567890123456789",
                "4.9e-324",
                "2.4e-324",
                "2.5e-324",
                "2.2250738585072014E-308",
                "1.7976931348623157e308",
                "1.7976931348623159e308",
                "1e400",
                "-1e400",
                "1e-400",
                "9007199254740993",
                "1.000000000000000111022302462515654042363166809082031251",
                "0x1p3",
                "0x10",
                "1d",
                "1f",
                "1.5D",
                "NaN",
                "Infinity",
                "-Infinity",
                "",
                ".",
                "-",
                "+",
                "-.",
                "1e",
                "1e+",
                "--1",
                "1.2.3",
                "1e123456",
                "1x",
                "e5",
                " 1",
                "1 ",
                "1_000",
                "١",
                "1,5",
                "+.5e-3",
                "0.",
                "00",
                "1e0",
                "1E+05")) {
            assertParsedAsBefore(text);
        }
        Random random = new Random(3);
        String alphabet = "0123456789.eE+-xXpPdDfF _aN";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 1 + random.nextInt(8); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertParsedAsBefore(text.toString());
        }
    }
}
