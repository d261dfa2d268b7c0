package io.github.mlmaven.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.report.DriftSection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gauges of one monitoring pass (ml:monitor's monitoring.json), in the text format the Pushgateway takes. They go
 * to the model's own monitoring group ({@code .../model/<model>/stage/monitoring}), so that a validation's push and a
 * monitoring push never replace each other's series. Every sample carries {@code stage="monitoring"} (the grouping
 * key's label, which the Pushgateway would add anyway) and the production {@code version} it is about.
 */
public final class MonitoringGauges {
    public static final String STAGE = "monitoring";

    public static final String LIVE_METRIC = "ml_model_live_metric";
    public static final String PROMOTION_METRIC = "ml_model_promotion_metric";
    public static final String DEGRADED = "ml_model_degraded";
    public static final String DECAY_DEGRADED = "ml_model_decay_degraded";
    public static final String NEW_LABELLED_ROWS = "ml_model_monitoring_new_labelled_rows";
    public static final String MONITORED_ROWS = "ml_model_monitoring_rows";
    public static final String DATA_DRIFT = "ml_model_data_drift";
    public static final String DRIFT_SHARE = "ml_model_drift_share";
    public static final String ATTRIBUTE_DRIFT_SCORE = "ml_model_attribute_drift_score";
    public static final String ATTRIBUTE_DRIFT_THRESHOLD = "ml_model_attribute_drift_threshold";
    public static final String ATTRIBUTE_DRIFTED = "ml_model_attribute_drifted";
    public static final String PREDICTION_DRIFT_SCORE = "ml_model_prediction_drift_score";
    public static final String PREDICTION_DRIFTED = "ml_model_prediction_drifted";
    public static final String LAST_MONITORING = "ml_model_last_monitoring_timestamp_seconds";

    private MonitoringGauges() {}

    /**
     * The body of a monitoring push.
     *
     * @param monitoring monitoring.json as written by ml:monitor
     * @param modelName the model, when monitoring.json does not name it
     */
    public static String render(JsonNode monitoring, String modelName) {
        String model = monitoring.path("modelName").asText(modelName);
        String version = monitoring.path("productionVersion").asText("");
        TextExposition out = new TextExposition()
                .gauge(LIVE_METRIC, "A metric of the production model on the labelled rows that came after it.")
                .gauge(PROMOTION_METRIC, "The same metric as measured when that version was promoted.")
                .gauge(DEGRADED, "1 when a decay rule found the production model degraded, else 0.")
                .gauge(DECAY_DEGRADED, "Per decay rule: 1 when its metric dropped more than maxDrop, else 0.")
                .gauge(NEW_LABELLED_ROWS, "Labelled rows the production model was monitored on.")
                .gauge(MONITORED_ROWS, "Rows compared with the training data's profile (labelled or not).")
                .gauge(DATA_DRIFT, "1 when at least the configured share of attributes drifted, else 0.")
                .gauge(DRIFT_SHARE, "The share of attributes that drifted, 0 to 1.")
                .gauge(ATTRIBUTE_DRIFT_SCORE, "An attribute's drift score: a p-value (ks, chisquare, z) or a distance.")
                .gauge(ATTRIBUTE_DRIFT_THRESHOLD, "The threshold the attribute's drift score is compared with.")
                .gauge(ATTRIBUTE_DRIFTED, "1 when the attribute drifted, else 0.")
                .gauge(PREDICTION_DRIFT_SCORE, "The drift score of the predicted class distribution.")
                .gauge(PREDICTION_DRIFTED, "1 when the predicted class distribution drifted, else 0.")
                .gauge(LAST_MONITORING, "When the model was last monitored, in seconds since the epoch.");
        Map<String, String> base = ModelGauges.labels("model", model, "stage", STAGE, "version", version);

        numbers(out, LIVE_METRIC, base, monitoring.path("liveMetrics"));
        numbers(out, PROMOTION_METRIC, base, monitoring.path("promotionMetrics"));
        out.sample(DEGRADED, base, monitoring.path("degraded").asBoolean(false) ? 1 : 0);
        for (JsonNode rule : monitoring.path("decay")) {
            String status = rule.path("status").asText();
            // too-few-rows and undefined are no verdict: no sample rather than a reassuring 0
            if ("pass".equals(status) || "degraded".equals(status)) {
                out.sample(
                        DECAY_DEGRADED,
                        with(base, "metric", rule.path("metric").asText()),
                        "degraded".equals(status) ? 1 : 0);
            }
        }
        if (monitoring.path("newLabelledRows").isNumber()) {
            out.sample(
                    NEW_LABELLED_ROWS, base, monitoring.path("newLabelledRows").asDouble());
        }
        JsonNode drift = monitoring.path("drift");
        if (drift.isObject()) {
            if (drift.path("currentRows").isNumber()) {
                out.sample(MONITORED_ROWS, base, drift.path("currentRows").asDouble());
            }
            out.sample(DATA_DRIFT, base, drift.path("datasetDrift").asBoolean(false) ? 1 : 0);
            Double share = DriftSection.driftedShare(drift);
            if (share != null) {
                out.sample(DRIFT_SHARE, base, share);
            }
            for (JsonNode column : drift.path("attributes")) {
                Map<String, String> labels = with(
                        with(base, "attribute", column.path("attribute").asText()),
                        "test",
                        column.path("test").asText());
                if (finite(column.path("score"))) {
                    out.sample(
                            ATTRIBUTE_DRIFT_SCORE, labels, column.path("score").asDouble());
                }
                if (column.path("threshold").isNumber()) {
                    out.sample(
                            ATTRIBUTE_DRIFT_THRESHOLD,
                            labels,
                            column.path("threshold").asDouble());
                }
                out.sample(ATTRIBUTE_DRIFTED, labels, column.path("drifted").asBoolean(false) ? 1 : 0);
            }
        }
        JsonNode prediction = monitoring.path("predictionDrift");
        if (prediction.isObject()) {
            Map<String, String> labels =
                    with(base, "test", prediction.path("test").asText());
            if (finite(prediction.path("score"))) {
                out.sample(
                        PREDICTION_DRIFT_SCORE, labels, prediction.path("score").asDouble());
            }
            out.sample(PREDICTION_DRIFTED, labels, prediction.path("drifted").asBoolean(false) ? 1 : 0);
        }
        Double at = ModelGauges.epochSeconds(monitoring.path("monitoredAt").asText(null));
        if (at != null) {
            out.sample(LAST_MONITORING, base, at);
        }
        return out.render();
    }

    /** A number other than NaN or an infinity: an untestable column's score is NaN, which no panel should plot. */
    private static boolean finite(JsonNode node) {
        return node.isNumber() && Double.isFinite(node.asDouble());
    }

    private static void numbers(TextExposition out, String family, Map<String, String> base, JsonNode metrics) {
        Iterator<Map.Entry<String, JsonNode>> fields = metrics.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> metric = fields.next();
            if (finite(metric.getValue())) {
                out.sample(
                        family,
                        with(base, "metric", metric.getKey()),
                        metric.getValue().asDouble());
            }
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(name, value);
        return copy;
    }
}
