package io.github.mlmaven.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.runtime.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextExpositionTest {
    @TempDir
    Path folder;

    @Test
    void labelValuesAndHelpAreEscapedAsTheFormatRequires() {
        String body = new TextExposition()
                .gauge("g", "a \\ help\nline")
                .sample("g", Map.of("v", "quote \" backslash \\ newline \n end"), 0.5)
                .render();

        assertThat(body)
                .isEqualTo("# HELP g a \\\\ help\\nline\n# TYPE g gauge\n"
                        + "g{v=\"quote \\\" backslash \\\\ newline \\n end\"} 0.5\n");
    }

    @Test
    void familiesWithoutSamplesAreLeftOutAndSpecialValuesSpelledOut() {
        String body = new TextExposition()
                .gauge("empty", "none")
                .gauge("g", "x")
                .sample("g", Map.of(), Double.NaN)
                .sample("g", Map.of("a", "b"), Double.POSITIVE_INFINITY)
                .sample("g", Map.of("a", "c"), 1500)
                .render();

        assertThat(body).doesNotContain("empty").endsWith("g NaN\ng{a=\"b\"} +Inf\ng{a=\"c\"} 1500\n");
    }

    @Test
    void gaugesCoverMetricsOfBothStagesThresholdsRowsVerdictAndInfo() throws Exception {
        Path model = MonitoredModels.write(
                folder, "credit \"risk\"", Map.of("recall", 0.85), Map.of("recall", 0.8), true, "2026-01-01T00:00:00Z");
        JsonNode validation =
                Json.MAPPER.readTree(model.resolve("validation.json").toFile());
        JsonNode card = Json.MAPPER.readTree(model.resolve("model-card.json").toFile());

        String body = ModelGauges.render(validation, card, "1.2.0", null);

        assertThat(body)
                .contains("ml_model_metric{model=\"credit \\\"risk\\\"\",metric=\"recall\",stage=\"candidate\"} 0.85\n")
                .contains("ml_model_metric{model=\"credit \\\"risk\\\"\",metric=\"recall\",stage=\"production\"} 0.8\n")
                .contains("ml_model_threshold{model=\"credit \\\"risk\\\"\",metric=\"recall\",comparator=\">=\"} 0.8\n")
                .contains("ml_model_rows{model=\"credit \\\"risk\\\"\"} 1000\n")
                .contains("ml_model_new_rows{model=\"credit \\\"risk\\\"\"} 250\n")
                .contains("ml_model_new_rows_per_class{model=\"credit \\\"risk\\\"\",class=\"bad\"} 50\n")
                .contains("ml_model_validation_passed{model=\"credit \\\"risk\\\"\"} 1\n")
                .contains("ml_model_training_seconds{model=\"credit \\\"risk\\\"\"} 1.5\n")
                .contains("ml_model_last_success_timestamp_seconds{model=\"credit \\\"risk\\\"\"} 1767225600\n")
                .contains("ml_model_info{model=\"credit \\\"risk\\\"\",version=\"1.2.0\","
                        + "commit=\"0123456789abcdef0123456789abcdef01234567\","
                        + "algorithm=\"weka.classifiers.trees.J48\"} 1\n")
                .contains("# TYPE ml_model_metric gauge\n")
                .endsWith("\n");
    }

    @Test
    void aFailedValidationHasNoLastSuccessOfItsOwnButKeepsThePreviousOne() throws Exception {
        Path model = MonitoredModels.write(folder, "m", Map.of("recall", 0.5), null, false, "2026-01-01T00:00:00Z");
        JsonNode validation =
                Json.MAPPER.readTree(model.resolve("validation.json").toFile());

        assertThat(ModelGauges.render(validation, null, null, null))
                .contains("ml_model_validation_passed{model=\"m\"} 0\n")
                .doesNotContain("ml_model_last_success_timestamp_seconds{")
                .doesNotContain("ml_model_production");
        assertThat(ModelGauges.render(validation, null, null, 1700000000.0))
                .contains("ml_model_last_success_timestamp_seconds{model=\"m\"} 1700000000\n");
    }

    @Test
    void groupingKeyValuesArePathSafe() {
        assertThat(PushgatewayClient.segment("model", "credit risk")).isEqualTo("model/credit%20risk");
        assertThat(PushgatewayClient.segment("model", "a/b")).isEqualTo("model@base64/YS9i");
        assertThat(PushgatewayClient.segment("model", "")).isEqualTo("model@base64/=");
    }
}
