// The readers' number parser (CsvNumbers.numberBits, FastDoubleParser since it was measured faster on whole fields than
// the hand-written decimal parser, now PlainDecimal, kept for plain ARFF lines: docs/performance.md) against the JDK's
// Double.parseDouble of a String on the same bytes: first the bits, on a large generated sample with edge cases, then
// the time per number.
// Not part of the Maven build. Compiled next to the reader (it calls the package-private parser), with the classpath
// of ReadBench.java (which holds FastDoubleParser):
//
//   javac -d /tmp/npb -cp "$CP" benchmarks/reader/NumberParseBench.java
//   java -cp "/tmp/npb:$CP" io.github.mlmaven.data.NumberParseBench [numbers (default 2000000)] [repeats (default 5)]
package io.github.mlmaven.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

public class NumberParseBench {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (boolean typical : new boolean[] {true, false}) {
            List<String> sample = sample(count, new Random(1), typical);
            System.out.println(typical ? "dataset-like numbers (fixed decimals, integers):" : "every kind of number:");
            checkBits(sample);
            byte[][] data = {new byte[0]};
            int[] off = new int[sample.size()];
            int[] len = new int[sample.size()];
            pack(sample, data, off, len);
            for (int r = 0; r < repeats; r++) {
                time("  reader (FastBytes)", data[0], off, len, true);
                time("  FastDoubleParser  ", data[0], off, len, false);
            }
        }
    }

    /** Dataset-like numbers (fixed decimals, integers, exponents) and edge cases. */
    static List<String> sample(int count, Random random, boolean typical) {
        List<String> sample = new ArrayList<>(List.of(
                "0", "-0", "+3", ".5", "5.", "0.1", "1e5", "1E-5", "2.5e-3", "4.9e-324", "2.4e-324", "2.5e-324",
                "2.2250738585072014E-308", "2.2250738585072011e-308", "1.7976931348623157e308",
                "1.7976931348623158e308", "1.7976931348623159e308", "1e400", "-1e400", "1e-400",
                "123456789012345678901234567890", "3.14159265358979323846264338327950288", "9007199254740993",
                "0.000000000000000000000000000001", "00000.1", "1.00000000000000011102230246251565404236316680908203125",
                "1.000000000000000111022302462515654042363166809082031251", "7.038531e-26", "1e23", "8.41e21",
                "5e-324", "99999999999999999999e-20"));
        while (sample.size() < count) {
            int kind = random.nextInt(6);
            if (typical && (kind == 2 || kind == 3 || kind == 5)) {
                kind = kind == 2 ? 0 : kind == 3 ? 1 : 4;
            }
            switch (kind) {
                case 0 -> sample.add(String.format(Locale.ROOT, "%.6f", random.nextGaussian()));
                case 1 -> sample.add(Integer.toString(random.nextInt(100_000)));
                case 2 -> sample.add(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)));
                case 3 -> sample.add(Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL)));
                case 4 -> sample.add(String.format(Locale.ROOT, "%.3f", random.nextDouble() * 1000));
                default -> {
                    StringBuilder digits = new StringBuilder();
                    for (int i = 1 + random.nextInt(25); i > 0; i--) {
                        digits.append((char) ('0' + random.nextInt(10)));
                    }
                    digits.insert(random.nextInt(digits.length() + 1), '.');
                    sample.add(digits + (random.nextBoolean() ? "" : "e" + (random.nextInt(80) - 40)));
                }
            }
        }
        return sample;
    }

    static void checkBits(List<String> sample) {
        long mismatches = 0;
        for (String text : sample) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            long expected = Double.doubleToRawLongBits(Double.parseDouble(text));
            long reader = CsvNumbers.numberBits(b, 0, b.length);
            if (reader != expected) {
                mismatches++;
                if (mismatches < 10) {
                    System.out.printf("%s: parseDouble %x, reader %x%n", text, expected, reader);
                }
            }
        }
        System.out.printf("%,d numbers, %,d with bits other than Double.parseDouble's%n", sample.size(), mismatches);
    }

    static void pack(List<String> sample, byte[][] data, int[] off, int[] len) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < sample.size(); i++) {
            off[i] = all.length();
            len[i] = sample.get(i).length();
            all.append(sample.get(i));
        }
        data[0] = all.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void time(String label, byte[] data, int[] off, int[] len, boolean reader) {
        long start = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < off.length; i++) {
            sum += reader
                    ? CsvNumbers.numberBits(data, off[i], len[i])
                    : Double.doubleToRawLongBits(
                            Double.parseDouble(new String(data, off[i], len[i], StandardCharsets.US_ASCII)));
        }
        double ns = (System.nanoTime() - start) / (double) off.length;
        System.out.printf("%s: %.1f ns per number (checksum %x)%n", label, ns, sum);
    }
}
