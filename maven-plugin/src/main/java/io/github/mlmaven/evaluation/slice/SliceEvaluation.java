package io.github.mlmaven.evaluation.slice;

import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.StreamingEvaluation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Every metric per slice, computed by the code that computes the overall figures: each slice has its own {@link
 * StreamingEvaluation} (a Weka evaluation and the compact scores of its rows), and each row's predicted distribution is
 * counted, in the order of the overall evaluation, into the slice it belongs to under each {@code <slice>}. So a slice
 * has exactly the figures Weka's {@code Evaluation} gives on its rows' predictions, and a slice holding every row the
 * overall figures, to the bit. The rows themselves are not copied: a slice keeps its running sums and 9 bytes per row
 * (17 with weights) for the curves' areas, as the overall streamed evaluation does. Not thread-safe: one caller adds
 * rows in order.
 */
public final class SliceEvaluation {
    private final SlicePlan plan;
    private final Instances header;
    private final int positiveIndex;
    private final List<Map<Long, StreamingEvaluation>> perDefinition = new ArrayList<>();

    /**
     * @param header the attributes of the evaluated rows, with the class set
     * @param positiveIndex the positive class's index; -1 without one
     */
    public SliceEvaluation(SlicePlan plan, Instances header, int positiveIndex) {
        this.plan = plan;
        this.header = new Instances(header, 0);
        this.positiveIndex = positiveIndex;
        for (int d = 0; d < plan.definitions().size(); d++) {
            perDefinition.add(new HashMap<>());
        }
    }

    /** Counts one row with its predicted distribution ({@code {predicted}} for a numeric class) in its slices. */
    public void add(double[] distribution, Instance row) {
        for (int d = 0; d < perDefinition.size(); d++) {
            long key = plan.definitions().get(d).key(row);
            perDefinition
                    .get(d)
                    .computeIfAbsent(key, k -> new StreamingEvaluation(header, positiveIndex))
                    .add(distribution, row);
        }
    }

    /**
     * Counts the rows of {@code rows} with the predictions an evaluation made of them, one per row in row order (as
     * {@code Evaluator.evaluate} keeps them).
     */
    public void addAll(Instances rows, List<Prediction> predictions) {
        if (predictions.size() != rows.numInstances()) {
            throw new IllegalArgumentException(
                    predictions.size() + " predictions for " + rows.numInstances() + " rows");
        }
        for (int i = 0; i < predictions.size(); i++) {
            Prediction prediction = predictions.get(i);
            double[] distribution = prediction instanceof NominalPrediction nominal
                    ? nominal.distribution()
                    : new double[] {prediction.predicted()};
            add(distribution, rows.instance(i));
        }
    }

    /** Every slice's figures and every rule's outcome. */
    public SliceReport report() {
        SliceSettings settings = plan.settings();
        List<SliceReport.SliceResult> slices = new ArrayList<>();
        Map<String, SliceReport.SliceResult> byName = new LinkedHashMap<>();
        List<SlicePlan.Definition> definitions = plan.definitions();
        for (int d = 0; d < definitions.size(); d++) {
            SlicePlan.Definition definition = definitions.get(d);
            // the rows' slices, and the slices rules name that no row is in
            TreeMap<Long, StreamingEvaluation> ordered = new TreeMap<>(perDefinition.get(d));
            for (SlicePlan.ResolvedRule rule : plan.rules()) {
                if (rule.definition() == d) {
                    ordered.putIfAbsent(rule.key(), null);
                }
            }
            for (Map.Entry<Long, StreamingEvaluation> slice : ordered.entrySet()) {
                String name = definition.name(slice.getKey());
                SliceReport.SliceResult result;
                if (slice.getValue() == null) {
                    result = new SliceReport.SliceResult(
                            name, definition.attributes(), 0, SliceReport.MISSING, Map.of());
                } else {
                    Metrics metrics = slice.getValue().metrics();
                    result = new SliceReport.SliceResult(
                            name,
                            definition.attributes(),
                            metrics.rows(),
                            metrics.rows() >= settings.minSliceSize() ? SliceReport.JUDGED : SliceReport.TOO_SMALL,
                            metrics.values());
                }
                slices.add(result);
                byName.put(d + " " + name, result);
            }
        }
        List<SliceReport.RuleResult> rules = new ArrayList<>();
        for (SlicePlan.ResolvedRule resolved : plan.rules()) {
            SliceSettings.Rule rule = resolved.rule();
            SliceReport.SliceResult slice = byName.get(resolved.definition() + " " + resolved.name());
            Double actual = slice.metrics().get(rule.metric().id());
            String status;
            boolean passed;
            if (SliceReport.MISSING.equals(slice.status())) {
                status = SliceReport.MISSING;
                passed = settings.allowMissingSlices();
                actual = null;
            } else if (SliceReport.TOO_SMALL.equals(slice.status())) {
                status = SliceReport.TOO_SMALL;
                passed = true;
            } else {
                passed = actual != null
                        && (">=".equals(rule.comparator()) ? actual >= rule.bound() : actual <= rule.bound());
                status = passed ? "pass" : "breach";
            }
            rules.add(new SliceReport.RuleResult(
                    resolved.name(),
                    rule.metric().id(),
                    rule.comparator(),
                    rule.bound(),
                    actual,
                    slice.rows(),
                    status,
                    passed));
        }
        return new SliceReport(
                settings.minSliceSize(),
                settings.allowMissingSlices(),
                slices,
                rules,
                rules.stream().allMatch(SliceReport.RuleResult::passed));
    }
}
