package io.github.mlmaven.evaluation;

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
}
