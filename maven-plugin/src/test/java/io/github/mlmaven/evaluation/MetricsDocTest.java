package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/goals.md's metrics table and its lists of metric names are generated from {@link MetricName}: between {@code
 * <!-- name -->} and {@code <!-- /name -->} markers. This test fails when they are not what the definitions give; run
 * it with {@code -Dml.docs.write=true} to rewrite them (then review and commit docs/goals.md).
 */
class MetricsDocTest {
    private static final String WRITE = "ml.docs.write";

    @Test
    void goalsMdShowsTheMetricsAsDefined() throws IOException {
        Path goals = repositoryRoot().resolve("docs/goals.md");
        String text = Files.readString(goals, StandardCharsets.UTF_8);

        String generated = generate(text);

        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(goals, generated, StandardCharsets.UTF_8);
            text = Files.readString(goals, StandardCharsets.UTF_8);
        }
        assertThat(text)
                .as("docs/goals.md is not what MetricName defines; run MetricsDocTest with -D" + WRITE + "=true")
                .isEqualTo(generated);
    }

    @Test
    void everyRegionIsGenerated() throws IOException {
        String text = Files.readString(repositoryRoot().resolve("docs/goals.md"), StandardCharsets.UTF_8);
        for (String region : List.of("metrics-table", "metric-names", "positive-class-metrics", "all-class-metrics")) {
            assertThat(text).contains("<!-- /" + region + " -->");
        }
    }

    @Test
    void aRangeReadsAsAnInterval() {
        assertThat(range(MetricName.MCC)).isEqualTo("[−1, 1]");
        assertThat(range(MetricName.RMSE)).isEqualTo("[0, ∞)");
        assertThat(range(MetricName.R2)).isEqualTo("(−∞, 1]");
    }

    static String generate(String text) {
        text = replace(text, "metrics-table", "\n" + table() + "\n");
        text = replace(text, "metric-names", MetricName.allIds());
        text = replace(text, "positive-class-metrics", names(m -> m.scope() == MetricName.Scope.POSITIVE_CLASS, ""));
        return replace(text, "all-class-metrics", names(m -> m.scope() == MetricName.Scope.ALL_CLASSES, "`"));
    }

    private static String table() {
        StringBuilder table = new StringBuilder(
                "| metric | class type | better | range | computed as (`p` = index of the positive class) |\n"
                        + "|---|---|---|---|---|");
        for (MetricName m : MetricName.values()) {
            table.append("\n| `")
                    .append(m.id())
                    .append("` | ")
                    .append(m.classType().jsonName())
                    .append(" | ")
                    .append(m.higherIsBetter() ? "higher" : "lower")
                    .append(" | ")
                    .append(range(m))
                    .append(" | ")
                    .append(m.documentation())
                    .append(" |");
        }
        return table.toString();
    }

    static String range(MetricName m) {
        String from = Double.isInfinite(m.min()) ? "(−∞" : "[" + number(m.min());
        String to = Double.isInfinite(m.max()) ? "∞)" : number(m.max()) + "]";
        return from + ", " + to;
    }

    private static String number(double value) {
        String text = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return text.replace('-', '−');
    }

    /** "a, b and c", each name quoted with {@code quote}. */
    private static String names(Predicate<MetricName> which, String quote) {
        List<String> names = Arrays.stream(MetricName.values())
                .filter(which)
                .map(m -> quote + m.id() + quote)
                .toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Every region {@code name} (there may be several) with its content replaced. */
    private static String replace(String text, String name, String content) {
        Pattern region = Pattern.compile(
                "(<!-- " + Pattern.quote(name) + "(?: [^>]*)? -->)(.*?)(<!-- /" + Pattern.quote(name) + " -->)",
                Pattern.DOTALL);
        Matcher matcher = region.matcher(text);
        StringBuilder out = new StringBuilder();
        int count = 0;
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + content + matcher.group(3)));
            count++;
        }
        matcher.appendTail(out);
        assertThat(count).as("regions <!-- " + name + " --> in docs/goals.md").isPositive();
        return out.toString();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/goals.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("no docs/goals.md above " + System.getProperty("user.dir"))
                .isNotNull();
        return dir;
    }
}
