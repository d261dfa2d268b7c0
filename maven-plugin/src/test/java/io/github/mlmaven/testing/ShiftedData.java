package io.github.mlmaven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded generator of labelled rows for the monitoring tests: {@code amount} (numeric) separates the classes,
 * {@code age} (numeric) and {@code channel} (nominal) are noise, and {@code class} is {@code fraud} or {@code ok}.
 *
 * <p>Before the shift 30 % of rows are fraud, with amount ~ N(2, 1) for fraud and N(0, 1) otherwise, so a model learns
 * "large amounts are fraud" with a recall near 0.85. After the shift, by construction, half the rows are fraud (the
 * class balance moved) and fraud hides among small amounts: amount ~ N(0.3, 1) for fraud and N(-1, 1) otherwise, so
 * the distribution of amount moves and the old model's recall falls to about 0.25, while age and channel keep their
 * distributions exactly. The same algorithm is in src-it/fixtures/shifted-data.groovy for the ITs.
 */
public final class ShiftedData {
    public static final String HEADER = "amount,age,channel,class";
    private static final String[] CHANNELS = {"web", "atm", "branch"};

    private ShiftedData() {}

    /** {@code rows} rows, before or after the shift, from {@code seed}, as CSV with a header. */
    public static String csv(int rows, long seed, boolean shifted) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            boolean fraud = random.nextDouble() < (shifted ? 0.5 : 0.3);
            double mean = shifted ? (fraud ? 0.3 : -1.0) : (fraud ? 2.0 : 0.0);
            double amount = mean + random.nextGaussian();
            double age = 40 + 12 * random.nextGaussian();
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            csv.append(String.format(Locale.ROOT, "%.4f,%.2f,%s,%s\n", amount, age, channel, fraud ? "fraud" : "ok"));
        }
        return csv.toString();
    }

    public static Path write(Path file, int rows, long seed, boolean shifted) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, csv(rows, seed, shifted), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
