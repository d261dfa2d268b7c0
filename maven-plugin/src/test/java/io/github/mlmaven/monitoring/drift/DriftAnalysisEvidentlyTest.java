package io.github.mlmaven.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.Instances;

/**
 * DriftAnalysis against the figures Evidently 0.7.23 itself computed on the same splits of six real data sets
 * (recorded by src/test/python/evidently_reference.py in evidently-reference.json): the same test per column, the
 * same drifted flags and data-set verdict, and the same scores within {@link #P_VALUE_TOLERANCE} and
 * {@link #DISTANCE_TOLERANCE}.
 */
class DriftAnalysisEvidentlyTest {

    /** p-values (KS, chi-squared, z): relative, or absolute below 1e-12 where relative error means nothing; the largest
     * error measured is 2.8e-13. */
    static final double P_VALUE_TOLERANCE = 1e-11;
    /** Distances (Wasserstein, Jensen-Shannon, PSI): relative. */
    static final double DISTANCE_TOLERANCE = 1e-11;

    static Stream<Arguments> cases() throws IOException {
        JsonNode root;
        try (InputStream in = DriftAnalysisEvidentlyTest.class.getResourceAsStream("evidently-reference.json")) {
            root = Json.MAPPER.readTree(in);
        }
        assertThat(root.get("evidently").asText()).isEqualTo("0.7.23");
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String method =
                    c.get("method").isNull() ? "default" : c.get("method").asText();
            cases.add(Arguments.of(
                    c.get("dataset").asText() + " " + c.get("split").asText() + " " + method, c));
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalsEvidentlyOnTheSameSplit(String name, JsonNode expected) {
        Instances all = Datasets.loadWithWeka(expected.get("dataset").asText());
        Instances[] split = split(
                all, expected.get("split").asText(), expected.get("sortBy").asText(null));
        String method =
                expected.get("method").isNull() ? null : expected.get("method").asText();

        DriftReport report = DriftAnalysis.compare(
                DataProfile.of(split[0]), split[1], new DriftSettings(0.5, Map.of(), Map.of(), method, null));

        JsonNode columns = expected.get("columns");
        assertThat(report.columns()).as("columns compared").isEqualTo(columns.size());
        for (ColumnDrift column : report.attributes()) {
            JsonNode want = columns.get(column.attribute());
            assertThat(want).as(column.attribute()).isNotNull();
            assertThat(column.test())
                    .as(column.attribute() + " test")
                    .isEqualTo(want.get("test").asText());
            assertThat(column.threshold())
                    .as(column.attribute() + " threshold")
                    .isEqualTo(want.get("threshold").asDouble());
            double tolerance = DriftTest.of(column.test()).pValue() ? P_VALUE_TOLERANCE : DISTANCE_TOLERANCE;
            assertClose(column.attribute(), column.score(), want.get("score").asDouble(), tolerance);
            assertThat(column.drifted())
                    .as(column.attribute() + " drifted")
                    .isEqualTo(want.get("drifted").asBoolean());
        }
        assertThat(report.driftedColumns())
                .isEqualTo(expected.get("driftedColumns").asInt());
        assertThat(report.datasetDrift()).isEqualTo(expected.get("datasetDrift").asBoolean());
    }

    static void assertClose(String what, double actual, double expected, double relative) {
        double error = Math.abs(actual - expected);
        boolean close = error <= relative * Math.abs(expected) || error <= 1e-12;
        assertThat(close)
                .as("%s: %s vs Evidently's %s (relative error %s)", what, actual, expected, error / Math.abs(expected))
                .isTrue();
    }

    /** The splits of evidently_reference.py: reference rows first, current rows second. */
    static Instances[] split(Instances all, String split, String sortBy) {
        int n = all.numInstances();
        return switch (split) {
            case "even-odd" ->
                new Instances[] {
                    rows(
                            all,
                            IntStream.range(0, n)
                                    .filter(i -> i % 2 == 0)
                                    .boxed()
                                    .toList()),
                    rows(
                            all,
                            IntStream.range(0, n)
                                    .filter(i -> i % 2 == 1)
                                    .boxed()
                                    .toList())
                };
            case "many-current" -> {
                List<Integer> repeated = new ArrayList<>();
                for (int copy = 0; copy <= 10_000 / n; copy++) {
                    repeated.addAll(IntStream.range(0, n).boxed().toList());
                }
                yield new Instances[] {
                    rows(
                            all,
                            IntStream.range(0, n)
                                    .filter(i -> i % 2 == 0)
                                    .boxed()
                                    .toList()),
                    rows(all, repeated)
                };
            }
            case "sorted-halves", "doubled" -> {
                List<Integer> order = sorted(all, sortBy);
                Instances upper = rows(all, order.subList(n / 2, n));
                if (split.equals("sorted-halves")) {
                    yield new Instances[] {rows(all, order.subList(0, n / 2)), upper};
                }
                List<Integer> twice =
                        new ArrayList<>(IntStream.range(0, n).boxed().toList());
                twice.addAll(IntStream.range(0, n).boxed().toList());
                yield new Instances[] {rows(all, twice), upper};
            }
            default -> throw new IllegalArgumentException(split);
        };
    }

    /** Row indices stably sorted by {@code attribute}, missing values last (pandas' sort_values, kind='stable'). */
    private static List<Integer> sorted(Instances all, String attribute) {
        int index = all.attribute(attribute).index();
        Map<Integer, Double> key = new HashMap<>();
        for (int i = 0; i < all.numInstances(); i++) {
            double v = all.instance(i).value(index);
            key.put(i, Double.isNaN(v) ? Double.POSITIVE_INFINITY : v);
        }
        return IntStream.range(0, all.numInstances())
                .boxed()
                .sorted(Comparator.comparing(key::get))
                .toList();
    }

    private static Instances rows(Instances all, List<Integer> indices) {
        Instances out = new Instances(all, indices.size());
        for (int i : indices) {
            out.add(all.instance(i));
        }
        return out;
    }
}
