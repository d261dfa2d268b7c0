import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Deterministic generator of the fraud-like benchmark data of issue 6 (docs/performance.md).
 *
 * <pre>java benchmarks/generator/Generate.java --rows 200000 --seed 1 --out benchmarks/target/data</pre>
 *
 * Each row: f1..f20 ~ N(0,1) (java.util.Random.nextGaussian), channel uniform in {web,pos,atm,phone}, and
 * fraud = yes with probability sigmoid(INTERCEPT + CHANNEL[channel] + sum(COEF[i] * f_i)). Row i (0-based) goes
 * to the test files when i % 5 == 4, to the training files otherwise (an exact 80/20 split). Features are
 * written with 6 decimals. Output: train.csv, test.csv (header row), train.arff, test.arff (fixed header; nominal
 * values in the order above). Streams: memory does not depend on the row count. Same arguments, same bytes.
 */
public class Generate {

    /** Coefficients of f1..f20; f11..f20 are noise. */
    static final double[] COEF = {
        1.0, 0.8, -0.8, 0.6, -0.5, 0.3, -0.3, 0.2, -0.2, 0.1,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    static final String[] CHANNELS = {"web", "pos", "atm", "phone"};
    /** Additive effect of each channel on the logit, in the order of CHANNELS. */
    static final double[] CHANNEL_EFFECT = {0.5, -0.5, 0.0, 1.0};
    /** Chosen so that about 2% of rows are yes (measured: see docs/performance.md). */
    static final double INTERCEPT = -5.65;

    public static void main(String[] args) throws IOException {
        long rows = 200_000;
        long seed = 1;
        Path out = Path.of("benchmarks/target/data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: java Generate.java [--rows N] [--seed S] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(out);
        Random rnd = new Random(seed);
        long yes = 0;
        double[] f = new double[20];
        StringBuilder line = new StringBuilder(256);
        try (Writer trainCsv = open(out.resolve("train.csv"));
             Writer testCsv = open(out.resolve("test.csv"));
             Writer trainArff = open(out.resolve("train.arff"));
             Writer testArff = open(out.resolve("test.arff"))) {
            String csvHeader = csvHeader();
            trainCsv.write(csvHeader);
            testCsv.write(csvHeader);
            trainArff.write(arffHeader("fraud-train"));
            testArff.write(arffHeader("fraud-test"));
            for (long r = 0; r < rows; r++) {
                double logit = INTERCEPT;
                for (int j = 0; j < 20; j++) {
                    f[j] = rnd.nextGaussian();
                    logit += COEF[j] * f[j];
                }
                int ch = rnd.nextInt(CHANNELS.length);
                logit += CHANNEL_EFFECT[ch];
                boolean fraud = rnd.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
                if (fraud) yes++;
                line.setLength(0);
                for (int j = 0; j < 20; j++) {
                    appendFixed6(line, f[j]);
                    line.append(',');
                }
                line.append(CHANNELS[ch]).append(',').append(fraud ? "yes" : "no").append('\n');
                String s = line.toString();
                boolean test = r % 5 == 4;
                (test ? testCsv : trainCsv).write(s);
                (test ? testArff : trainArff).write(s);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "generated %d rows (seed %d) into %s: %d yes (%.3f%%)%n",
                rows, seed, out, yes, rows == 0 ? 0.0 : 100.0 * yes / rows);
    }

    static Writer open(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
    }

    static String csvHeader() {
        StringBuilder b = new StringBuilder();
        for (int j = 1; j <= 20; j++) b.append('f').append(j).append(',');
        return b.append("channel,fraud\n").toString();
    }

    static String arffHeader(String relation) {
        StringBuilder b = new StringBuilder("@relation ").append(relation).append("\n\n");
        for (int j = 1; j <= 20; j++) b.append("@attribute f").append(j).append(" numeric\n");
        b.append("@attribute channel {web,pos,atm,phone}\n");
        b.append("@attribute fraud {no,yes}\n\n@data\n");
        return b.toString();
    }

    /** Appends v rounded half away from zero to 6 decimals, e.g. -0.000001, 1.250000 (never "-0.000000"). */
    static void appendFixed6(StringBuilder b, double v) {
        long scaled = Math.round(Math.abs(v) * 1_000_000d);
        if (v < 0 && scaled != 0) b.append('-');
        long whole = scaled / 1_000_000;
        long frac = scaled % 1_000_000;
        b.append(whole).append('.');
        String fs = Long.toString(frac);
        for (int k = fs.length(); k < 6; k++) b.append('0');
        b.append(fs);
    }
}
