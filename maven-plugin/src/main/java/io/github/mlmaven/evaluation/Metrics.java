package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation measured. A metric that is undefined on the data (precision when nothing was predicted positive)
 * is null.
 *
 * @param classType nominal or numeric
 * @param positiveClass the class binary metrics are reported for; null for a numeric class
 * @param values every metric of the class type, in {@link MetricName} order
 * @param perClass per class value: precision, recall, f1 and support; empty for a numeric class
 * @param confusionMatrix rows are actual classes, columns predicted, both in {@code labels} order; null for a numeric
 *     class
 * @param rows the number of rows evaluated
 */
public record Metrics(
        MetricName.ClassType classType,
        String positiveClass,
        Map<String, Double> values,
        Map<String, ClassMetrics> perClass,
        ConfusionMatrix confusionMatrix,
        long rows) {

    public Double value(MetricName metric) {
        return values.get(metric.id());
    }

    public record ClassMetrics(Double precision, Double recall, Double f1, double support) {}

    public record ConfusionMatrix(List<String> labels, List<List<Double>> counts) {}

    /** Every metric of the class type computed from what an engine counted. */
    static Metrics of(MetricCounts counts) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (MetricName metric : MetricName.forClassType(counts.classType())) {
            values.put(metric.id(), metric.valueOf(counts));
        }
        long rows = Math.round(counts.sums().withClass());
        if (counts.classType() == MetricName.ClassType.NUMERIC) {
            return new Metrics(counts.classType(), null, values, Map.of(), null, rows);
        }
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        List<List<Double>> matrix = new ArrayList<>();
        for (int c = 0; c < counts.numClasses(); c++) {
            perClass.put(
                    counts.labels().get(c),
                    new ClassMetrics(
                            counts.precision(c),
                            counts.recall(c),
                            counts.f1(c),
                            counts.truePositives(c) + counts.falseNegatives(c)));
            List<Double> row = new ArrayList<>();
            for (double cell : counts.confusionMatrix()[c]) {
                row.add(cell);
            }
            matrix.add(row);
        }
        return new Metrics(
                counts.classType(),
                counts.labels().get(counts.positiveIndex()),
                values,
                perClass,
                new ConfusionMatrix(counts.labels(), matrix),
                rows);
    }
}
