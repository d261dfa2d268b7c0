package io.github.mlmaven.monitoring.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.report.DriftSection;
import java.util.Iterator;
import java.util.Map;

/**
 * What a monitoring pass (ml:monitor's monitoring.json) logs to MLflow: one run in the model's monitoring experiment,
 * tagged with the registered model name, the production version and the model's SHA-256 so that it can be found from
 * the model version, and the live figures, the figures at promotion and the drift as metrics.
 */
public final class MonitoringRun {
    /** Appended to the validation runs' experiment: {@code credit-risk} is monitored in {@code credit-risk-monitoring}. */
    public static final String EXPERIMENT_SUFFIX = "-monitoring";

    private MonitoringRun() {}

    /** The monitoring experiment of a model whose validation runs go to {@code experiment}. */
    public static String experiment(String experiment) {
        return experiment + EXPERIMENT_SUFFIX;
    }

    /** {@code <model>-<version>-monitor}, e.g. {@code credit-risk-1.3.0-monitor}. */
    public static String runName(String model, String version) {
        return model + (version == null || version.isEmpty() ? "" : "-" + version) + "-monitor";
    }

    public static RunData of(JsonNode monitoring, String modelName) {
        String model = monitoring.path("modelName").asText(modelName);
        String version = text(monitoring, "productionVersion");
        RunData run = new RunData();
        run.param("productionVersion", version);
        run.param("monitoredAt", text(monitoring, "monitoredAt"));
        for (JsonNode rule : monitoring.path("decay")) {
            String metric = rule.path("metric").asText();
            run.param("decay." + metric + ".maxDrop", numberText(rule.path("maxDrop")));
            run.param("decay." + metric + ".minRows", numberText(rule.path("minRows")));
            run.tag("ml.decay." + metric, text(rule, "status"));
        }
        numbers(run, "live_", monitoring.path("liveMetrics"));
        numbers(run, "promotion_", monitoring.path("promotionMetrics"));
        run.metric("degraded", monitoring.path("degraded").asBoolean(false) ? 1.0 : 0.0);
        run.metric("new_labelled_rows", number(monitoring.path("newLabelledRows")));
        run.metric("new_rows", number(monitoring.path("newRows")));
        run.metric("unseen_class_rows", number(monitoring.path("unseenClassRows")));
        JsonNode drift = monitoring.path("drift");
        if (drift.isObject()) {
            run.metric("dataset_drift", drift.path("datasetDrift").asBoolean(false) ? 1.0 : 0.0);
            run.metric("drift_share", DriftSection.driftedShare(drift));
            run.metric("drifted_attributes", number(drift.path("driftedColumns")));
            run.param("drift.shareThreshold", numberText(drift.path("driftShare")));
            run.param("drift.referenceRows", numberText(drift.path("referenceRows")));
            run.param("drift.currentRows", numberText(drift.path("currentRows")));
            for (JsonNode column : drift.path("attributes")) {
                String attribute = column.path("attribute").asText();
                run.metric("drift_" + attribute, number(column.path("score")));
                run.param("drift." + attribute + ".test", text(column, "test"));
                run.param("drift." + attribute + ".threshold", numberText(column.path("threshold")));
            }
        }
        JsonNode prediction = monitoring.path("predictionDrift");
        if (prediction.isObject()) {
            run.metric("prediction_drift", number(prediction.path("score")));
            run.param("drift.prediction.test", text(prediction, "test"));
        }
        run.tag("mlflow.runName", runName(model, version));
        run.tag("mlflow.source.type", "JOB");
        run.tag("ml.modelName", model);
        run.tag(MlflowSteps.VERSION_TAG, version);
        run.tag("ml.modelSha256", text(monitoring, "modelSha256"));
        run.tag("ml.monitoring.degraded", monitoring.path("degraded").asBoolean(false));
        run.tag("ml.monitoring.degradedReason", text(monitoring, "degradedReason"));
        if (drift.isObject()) {
            run.tag("ml.monitoring.dataDrift", drift.path("datasetDrift").asBoolean(false));
        }
        run.tag("ml.monitoring.note", text(monitoring, "note"));
        return run;
    }

    private static void numbers(RunData run, String prefix, JsonNode metrics) {
        Iterator<Map.Entry<String, JsonNode>> fields = metrics.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> metric = fields.next();
            run.metric(prefix + metric.getKey(), number(metric.getValue()));
        }
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    /** A number as JSON writes it: {@code 200}, not {@code 200.0}. */
    private static String numberText(JsonNode node) {
        return node.isNumber() ? node.asText() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
