package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-decimal fast path of ARFF lines gives {@link Double#parseDouble}'s bits, and leaves what it cannot read. */
class PlainDecimalTest {
    @Test
    void fastNumberParsingEqualsDoubleParseDouble() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 4) {
                case 0 -> String.format(java.util.Locale.ROOT, "%.6f", (random.nextDouble() - 0.5) * 2000);
                case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
                case 2 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                default ->
                    (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "."
                            + Long.toString(Math.abs(random.nextLong()) | 1L << 60)
                                    .substring(0, 1 + random.nextInt(17))
                            + (random.nextBoolean() ? "e" + (random.nextInt(50) - 25) : "");
            };
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            long bits = PlainDecimal.parseDecimal(bytes, 0, bytes.length);
            if (bits != PlainDecimal.NOT_FAST) {
                assertThat(Double.longBitsToDouble(bits)).as(text).isEqualTo(Double.parseDouble(text));
                assertThat(bits).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            }
        }
        for (String text : List.of("", ".", "-", "+", "-.", "1e", "1e+", "--1", "1.2.3", "1e123456", "1x", "e5")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(PlainDecimal.parseDecimal(bytes, 0, bytes.length))
                    .as(text)
                    .isEqualTo(PlainDecimal.NOT_FAST);
        }
        for (String text : List.of("0000000000000000000001.5", "-0.00000000000000012345", "5.", ".5", "-0")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(Double.longBitsToDouble(PlainDecimal.parseDecimal(bytes, 0, bytes.length)))
                    .as(text)
                    .isEqualTo(Double.parseDouble(text));
        }
        // too many significant digits to sum in a long: left to Double.parseDouble
        byte[] long19 = "1234567890123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(PlainDecimal.parseDecimal(long19, 0, long19.length)).isEqualTo(PlainDecimal.NOT_FAST);
        // a prefix: the decimal up to the first byte that cannot continue it
        byte[] line = "x-1.25e2,7".getBytes(StandardCharsets.US_ASCII);
        int[] end = new int[1];
        assertThat(Double.longBitsToDouble(PlainDecimal.parseDecimalPrefix(line, 1, line.length, end)))
                .isEqualTo(-125.0);
        assertThat(end[0]).isEqualTo(8);
    }

    /**
     * Short decimals are read eight bytes at a time; the result and the end must be those of the digit-by-digit path
     * on the same bytes, whatever follows the field in the buffer (digits, an exponent, a dot, bytes above 0x7F) and
     * however close to the buffer's end it lies.
     */
    @Test
    void shortDecimalsReadEightBytesAtATimeEqualTheDigitByDigitPath() {
        Random random = new Random(7);
        List<String> forms = List.of(
                "5.",
                ".5",
                "-0",
                "-0.0",
                "0",
                "1234567.1234567",
                "12345678.1",
                "1.12345678",
                "-",
                "+1",
                "1e5",
                "1.5E3",
                "007.5",
                "0000000.5",
                "-.25",
                "9999999.9999999",
                "1..2",
                "3.x",
                "-9",
                ".",
                "-.",
                "1-2");
        String followers = ",\n %xeE.9-+?\u00e9";
        int fast = 0;
        for (int i = 0; i < 100_000; i++) {
            String text;
            if (i < forms.size() * 40) {
                text = forms.get(i % forms.size());
            } else {
                StringBuilder t = new StringBuilder(random.nextBoolean() ? "-" : "");
                int intDigits = random.nextInt(10);
                for (int d = 0; d < intDigits; d++) {
                    t.append((char) ('0' + random.nextInt(10)));
                }
                if (random.nextInt(4) > 0) {
                    t.append('.');
                    int fractionDigits = random.nextInt(10);
                    for (int d = 0; d < fractionDigits; d++) {
                        t.append((char) ('0' + random.nextInt(10)));
                    }
                }
                text = t.toString();
            }
            String follower = i % 3 == 0 ? "" : String.valueOf(followers.charAt(random.nextInt(followers.length())));
            String prefix = "x".repeat(random.nextInt(3));
            StringBuilder after = new StringBuilder();
            for (int k = random.nextInt(24); k > 0; k--) {
                after.append(
                        random.nextBoolean()
                                ? (char) ('0' + random.nextInt(10))
                                : followers.charAt(random.nextInt(followers.length())));
            }
            byte[] buffer = (prefix + text + follower + after).getBytes(StandardCharsets.UTF_8);
            int off = prefix.length();
            int limit = off + (text + follower).getBytes(StandardCharsets.UTF_8).length;
            String what = "'" + text + "' then '" + follower + after + "'";
            int[] end = {-1};
            int[] expectedEnd = {-1};
            long bits = PlainDecimal.parseDecimalPrefix(buffer, off, limit, end);
            assertThat(bits).as(what).isEqualTo(PlainDecimal.decimalDigitByDigit(buffer, off, limit, expectedEnd));
            assertThat(end[0]).as(what).isEqualTo(expectedEnd[0]);
            long whole = PlainDecimal.parseDecimal(buffer, off, text.length());
            assertThat(whole)
                    .as(what)
                    .isEqualTo(PlainDecimal.decimalDigitByDigit(buffer, off, off + text.length(), null));
            if (whole != PlainDecimal.NOT_FAST) {
                assertThat(whole).as(what).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
                fast++;
            }
        }
        assertThat(fast).isGreaterThan(50_000);
    }
}
