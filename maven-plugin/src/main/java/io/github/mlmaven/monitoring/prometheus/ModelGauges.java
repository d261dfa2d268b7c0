package io.github.mlmaven.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gauges of one model, from its validation.json and model-card.json, in the text format the Pushgateway takes.
 * The series and their labels are documented in docs/monitoring.md; the Grafana dashboard and the alert rules in
 * docs/ query them by these names.
 */
public final class ModelGauges {
    public static final String METRIC = "ml_model_metric";
    public static final String THRESHOLD = "ml_model_threshold";
    public static final String ROWS = "ml_model_rows";
    public static final String NEW_ROWS = "ml_model_new_rows";
    public static final String NEW_ROWS_PER_CLASS = "ml_model_new_rows_per_class";
    public static final String EVALUATED_ROWS = "ml_model_evaluated_rows";
    public static final String VALIDATION_PASSED = "ml_model_validation_passed";
    public static final String TRAINING_SECONDS = "ml_model_training_seconds";
    public static final String LAST_SUCCESS = "ml_model_last_success_timestamp_seconds";
    public static final String INFO = "ml_model_info";

    public static final String PRODUCTION_INFO = "ml_model_production_info";
    public static final String PRODUCTION_SINCE = "ml_model_production_since_timestamp_seconds";

    private ModelGauges() {}

    /**
     * The body of the model's production group ({@code stage="production"}), pushed by ml:promote and ml:rollback:
     * which version is in production, and since when.
     */
    public static String production(String model, String version, double sinceEpochSeconds) {
        return new TextExposition()
                .gauge(PRODUCTION_INFO, "The version of the model in production; the value is always 1.")
                .gauge(PRODUCTION_SINCE, "When that version was put in production (promote or rollback).")
                .sample(PRODUCTION_INFO, labels("model", model, "stage", "production", "version", version), 1)
                .sample(PRODUCTION_SINCE, labels("model", model, "stage", "production"), sinceEpochSeconds)
                .render();
    }

    /**
     * The body of a push.
     *
     * @param validation validation.json
     * @param card model-card.json, or null when it cannot be read (rows, training time and commit are then left out)
     * @param version the model's version, e.g. the project version of a candidate or the promoted version
     * @param previousSuccess the last successful run's time (epoch seconds) already in the Pushgateway, kept when this
     *     validation failed because a push replaces the model's whole group; null when there is none
     */
    public static String render(JsonNode validation, JsonNode card, String version, Double previousSuccess) {
        String model = validation.path("modelName").asText();
        TextExposition out = new TextExposition()
                .gauge(METRIC, "A metric of the model's validation, by stage: candidate or production (champion).")
                .gauge(THRESHOLD, "The gate's bound on a metric; comparator is >=, >, <= or <.")
                .gauge(ROWS, "Rows of the data the model was trained on.")
                .gauge(NEW_ROWS, "Labelled rows added since the production model was trained.")
                .gauge(NEW_ROWS_PER_CLASS, "New labelled rows since the production model, per class value.")
                .gauge(EVALUATED_ROWS, "Rows the validation evaluated the model on.")
                .gauge(VALIDATION_PASSED, "1 when the last validation passed its gate, else 0.")
                .gauge(TRAINING_SECONDS, "How long the model took to train, in seconds.")
                .gauge(LAST_SUCCESS, "When a validation of the model last passed, in seconds since the epoch.")
                .gauge(INFO, "The model's version, commit and algorithm; the value is always 1.");

        metrics(out, model, validation.path("metrics"), "candidate");
        JsonNode champion = validation.path("champion");
        if ("compared".equals(champion.path("status").asText())) {
            metrics(out, model, champion.path("metrics"), "production");
        }
        for (JsonNode t : validation.path("thresholds")) {
            if (t.path("bound").isNumber()) {
                out.sample(
                        THRESHOLD,
                        labels(
                                "model",
                                model,
                                "metric",
                                t.path("metric").asText(),
                                "comparator",
                                t.path("comparator").asText()),
                        t.path("bound").asDouble());
            }
        }
        if (card != null && card.path("data").path("totalRows").isNumber()) {
            out.sample(
                    ROWS,
                    labels("model", model),
                    card.path("data").path("totalRows").asDouble());
        }
        JsonNode newRows = newRows(card, validation);
        if (newRows != null) {
            out.sample(NEW_ROWS, labels("model", model), newRows.asDouble());
        }
        if (card != null) {
            Iterator<Map.Entry<String, JsonNode>> perClass =
                    card.path("dataChanges").path("newRowsPerClass").fields();
            while (perClass.hasNext()) {
                Map.Entry<String, JsonNode> entry = perClass.next();
                if (entry.getValue().isNumber()) {
                    out.sample(
                            NEW_ROWS_PER_CLASS,
                            labels("model", model, "class", entry.getKey()),
                            entry.getValue().asDouble());
                }
            }
        }
        if (validation.path("evaluation").path("rows").isNumber()) {
            out.sample(
                    EVALUATED_ROWS,
                    labels("model", model),
                    validation.path("evaluation").path("rows").asDouble());
        }
        boolean passed = validation.path("passed").asBoolean(false);
        out.sample(VALIDATION_PASSED, labels("model", model), passed ? 1 : 0);
        if (card != null && card.path("trainingMillis").isNumber()) {
            out.sample(
                    TRAINING_SECONDS,
                    labels("model", model),
                    card.path("trainingMillis").asDouble() / 1000.0);
        }
        Double success = passed ? epochSeconds(validation.path("validatedAt").asText(null)) : previousSuccess;
        if (success != null) {
            out.sample(LAST_SUCCESS, labels("model", model), success);
        }
        String commit = card == null ? "" : card.path("git").path("commit").asText("");
        String algorithm = validation
                .path("algorithm")
                .asText(card == null ? "" : card.path("algorithm").asText(""));
        out.sample(
                INFO,
                labels(
                        "model",
                        model,
                        "version",
                        version == null ? "" : version,
                        "commit",
                        commit,
                        "algorithm",
                        algorithm),
                1);
        return out.render();
    }

    /**
     * New labelled rows, where the model card carries them ({@code dataChanges.newRows}, written when the training data
     * was compared with the production model's), else {@code data.newRows} or {@code newRows}.
     */
    private static JsonNode newRows(JsonNode card, JsonNode validation) {
        for (JsonNode node : new JsonNode[] {
            card == null ? null : card.path("dataChanges").path("newRows"),
            card == null ? null : card.path("data").path("newRows"),
            card == null ? null : card.path("newRows"),
            validation.path("newRows")
        }) {
            if (node != null && node.isNumber()) {
                return node;
            }
        }
        return null;
    }

    private static void metrics(TextExposition out, String model, JsonNode metrics, String stage) {
        Iterator<Map.Entry<String, JsonNode>> fields = metrics.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> metric = fields.next();
            if (metric.getValue().isNumber()) {
                out.sample(
                        METRIC,
                        labels("model", model, "metric", metric.getKey(), "stage", stage),
                        metric.getValue().asDouble());
            }
        }
    }

    static Double epochSeconds(String instant) {
        if (instant == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(instant);
            return at.getEpochSecond() + at.getNano() / 1e9;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Labels in the order given: name, value, name, value... */
    static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
