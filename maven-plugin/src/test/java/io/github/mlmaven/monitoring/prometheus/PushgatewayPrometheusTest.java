package io.github.mlmaven.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.MonitoringReports;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Pushgateway and a real Prometheus started by the test: the push lands, and every PromQL expression
 * of the Grafana dashboard (docs/grafana/ml-models.json) returns the pushed values, so the dashboard is known to
 * work; a push replaces the model's group, and a validation's and a monitoring pass's pushes keep each other's series;
 * the alert rules pass promtool, the threshold alert fires on a breach, the degraded and data drift alerts on a
 * degraded and drifted production model.
 */
class PushgatewayPrometheusTest {
    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "ml-models.json");
    static final Path ALERTS = Path.of("..", "docs", "prometheus", "alerts.yml");
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    static Path folder;

    static PrometheusServers servers;

    @BeforeAll
    static void startServers() throws Exception {
        Assumptions.assumeTrue(
                PrometheusServers.available(),
                "skipped: " + PrometheusServers.PUSHGATEWAY_BINARY + " and " + PrometheusServers.PROMETHEUS_BINARY
                        + " are not installed (apt-get install -y prometheus prometheus-pushgateway; .ci/run does)");
        Path servers = folder.resolve("servers");
        Files.createDirectories(servers);
        PushgatewayPrometheusTest.servers = PrometheusServers.start(servers);
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    private PrometheusSteps.Settings settings() {
        return new PrometheusSteps.Settings(
                servers.pushgateway(),
                "ml-maven-plugin",
                null,
                null,
                true,
                "1.4.0-SNAPSHOT",
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), d -> {}),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @Test
    void everyDashboardQueryReturnsThePushedValues() throws Exception {
        // given a validated model with a production comparison
        String model = "credit-risk";
        Instant validatedAt = Instant.now().minusSeconds(120);
        Path modelFolder = MonitoredModels.write(
                folder.resolve("ml"),
                model,
                Map.of("accuracy", 0.91, "recall", 0.85, "f1", 0.88),
                Map.of("accuracy", 0.89, "recall", 0.83, "f1", 0.86),
                true,
                validatedAt.toString());
        RecordingLog log = new RecordingLog();

        // when it is pushed, and its version 1.3.0 is put in production
        PrometheusSteps.push(settings(), modelFolder, model, log);
        long promotedAt = Instant.now().getEpochSecond();
        PrometheusSteps.afterProductionChange(StepLauncher.context(parameters(model)), log, "1.3.0");
        // and ml:monitor finds 1.3.0 degraded on its new labels, two of its three attributes drifted
        PrometheusSteps.afterMonitor(
                settings(),
                StepLauncher.context(parameters(model)),
                log,
                MonitoringReports.json(MonitoringReports.degradedAndDrifted()));

        // then each of the dashboard's expressions returns what was pushed
        assertThat(log.text()).contains("Pushed the metrics of credit-risk");
        Map<String, Double> pushed = pushedSamples(servers.pushgatewayMetrics());
        assertThat(pushed)
                .containsEntry("ml_model_metric{metric=accuracy,model=credit-risk,stage=candidate}", 0.91)
                .containsEntry("ml_model_metric{metric=recall,model=credit-risk,stage=production}", 0.83)
                .containsEntry(
                        "ml_model_live_metric{metric=recall,model=credit-risk,stage=monitoring,version=1.3.0}", 0.62)
                .containsEntry("ml_model_degraded{model=credit-risk,stage=monitoring,version=1.3.0}", 1.0);
        List<String> expressions = dashboardExpressions(model);
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(19);
        for (String expr : expressions) {
            JsonNode result = servers.awaitResult(expr, Duration.ofSeconds(20));
            assertThat(result)
                    .as("series returned by the dashboard's query %s", expr)
                    .isNotEmpty();
            for (JsonNode series : result) {
                double value = Double.parseDouble(series.path("value").get(1).asText());
                JsonNode labels = series.path("metric");
                if (expr.startsWith("ml_model_production_since_timestamp_seconds")) {
                    assertThat(value / 1000).as(expr).isCloseTo(promotedAt, within(5.0));
                } else if (labels.has("__name__")) {
                    String key = key(labels);
                    assertThat(pushed)
                            .as("pushed samples, for %s returned by %s", key, expr)
                            .containsKey(key);
                    assertThat(value).as("%s from %s", key, expr).isEqualTo(pushed.get(key));
                } else if (expr.contains(" - ml_model_live_metric")) {
                    // the drop since promotion: the pushed figure at promotion minus the pushed live one
                    String labelsOf = "{metric=" + labels.path("metric").asText() + ",model=" + model
                            + ",stage=monitoring,version="
                            + labels.path("version").asText() + "}";
                    assertThat(value)
                            .as(expr)
                            .isCloseTo(
                                    pushed.get("ml_model_promotion_metric" + labelsOf)
                                            - pushed.get("ml_model_live_metric" + labelsOf),
                                    within(1e-12));
                } else {
                    // time() - ml_model_last_success_timestamp_seconds
                    assertThat(value)
                            .as(expr)
                            .isCloseTo(Instant.now().getEpochSecond() - validatedAt.getEpochSecond(), within(30.0));
                }
                assertThat(labels.path("model").asText()).isEqualTo(model);
                assertThat(labels.path("job").asText()).isEqualTo("ml-maven-plugin");
            }
        }
        assertThat(servers.query("ml_model_info{model=\"credit-risk\"}")
                        .get(0)
                        .path("metric")
                        .path("version")
                        .asText())
                .isEqualTo("1.4.0-SNAPSHOT");
        assertThat(servers.query("ml_model_production_info{model=\"credit-risk\"}")
                        .get(0)
                        .path("metric")
                        .path("version")
                        .asText())
                .isEqualTo("1.3.0");
        assertThat(servers.query("ml_model_new_rows{model=\"credit-risk\"}")
                        .get(0)
                        .path("value")
                        .get(1)
                        .asText())
                .isEqualTo("250");
    }

    @Test
    void aRealTrainAndValidateIsPushedWhetherItsGatePassesOrFails() throws Exception {
        // given a project trained through the core's entry point, as the Mojos call it
        WekaEnvironment.prepare();
        MlProject project = MlProject.in(folder.resolve("project"));
        project.withData(Datasets.weatherNominalArff(), "weather.arff");
        Map<String, Object> p = new HashMap<>();
        p.put("basedir", project.basedir().toString());
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", "weather");
        p.put("trainingData", List.of("data/weather.arff"));
        p.put("holdoutPercent", 20);
        p.put("pluginVersion", "test");
        p.put("classpath", List.of());
        p.put("prometheusPushgateway", servers.pushgateway().toString());
        p.put("projectVersion", "2.0.0-SNAPSHOT");
        Map<String, Object> train = new HashMap<>(p);
        train.put("algorithm", "weka.classifiers.trees.J48");
        train.put("seed", 1L);
        train.put("force", false);
        RecordingLog log = new RecordingLog();
        BiConsumer<String, String> callback = (level, message) -> log.info(level + " " + message);
        assertThat(StepLauncher.launch("train", train, callback)).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);

        // when it is validated with a gate it passes, then with one it fails
        Map<String, Object> validate = new HashMap<>(p);
        validate.put("folds", 7);
        validate.put("thresholds", Map.of("accuracy", "0.1"));
        assertThat(StepLauncher.launch("validate", validate, callback))
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        JsonNode passed =
                servers.awaitResult("ml_model_validation_passed{model=\"weather\"} == 1", Duration.ofSeconds(20));
        assertThat(passed).as(log.text()).hasSize(1);

        validate.put("thresholds", Map.of("accuracy", "0.99"));
        Map<String, String> failed = StepLauncher.launch("validate", validate, callback);

        // then the gate's verdict is unchanged, and Prometheus has the failed run's figures from validation.json
        assertThat(failed).containsEntry(StepLauncher.OUTCOME, StepLauncher.GATE_FAILED);
        JsonNode verdict =
                servers.awaitResult("ml_model_validation_passed{model=\"weather\"} == 0", Duration.ofSeconds(20));
        assertThat(verdict).as(log.text()).hasSize(1);
        JsonNode validation = Json.MAPPER.readTree(project.outputDirectory()
                .resolve("weather")
                .resolve("validation.json")
                .toFile());
        JsonNode accuracy =
                servers.query("ml_model_metric{model=\"weather\", metric=\"accuracy\", stage=\"candidate\"}");
        assertThat(accuracy.get(0).path("value").get(1).asDouble())
                .isEqualTo(validation.path("metrics").path("accuracy").asDouble());
        assertThat(servers.query("ml_model_threshold{model=\"weather\", metric=\"accuracy\"}")
                        .get(0)
                        .path("value")
                        .get(1)
                        .asDouble())
                .isEqualTo(0.99);
        assertThat(servers.query("ml_model_rows{model=\"weather\"}")
                        .get(0)
                        .path("value")
                        .get(1)
                        .asDouble())
                .isEqualTo(14);
        assertThat(servers.query("ml_model_last_success_timestamp_seconds{model=\"weather\"}"))
                .hasSize(1);
        assertThat(servers.query("ml_model_info{model=\"weather\"}")
                        .get(0)
                        .path("metric")
                        .path("version")
                        .asText())
                .isEqualTo("2.0.0-SNAPSHOT");
    }

    @Test
    void aPushReplacesTheModelsGroupAndKeepsTheLastSuccessAfterAFailure() throws Exception {
        // given a model pushed with two metrics after a passing validation
        String model = "churn";
        Instant success = Instant.parse("2026-01-02T03:04:05Z");
        Path modelFolder = MonitoredModels.write(
                folder.resolve("ml"), model, Map.of("accuracy", 0.9, "recall", 0.81), null, true, success.toString());
        PrometheusSteps.push(settings(), modelFolder, model, new RecordingLog());
        assertThat(pushedSamples(servers.pushgatewayMetrics()))
                .containsKey("ml_model_metric{metric=recall,model=churn,stage=candidate}");

        // when the next validation measures only accuracy, and fails
        MonitoredModels.write(
                folder.resolve("ml"), model, Map.of("accuracy", 0.7), null, false, "2026-02-01T00:00:00Z");
        PrometheusSteps.push(settings(), modelFolder, model, new RecordingLog());

        // then recall is gone from the group, the verdict is 0, and the last success is the earlier one
        Map<String, Double> pushed = pushedSamples(servers.pushgatewayMetrics());
        assertThat(pushed)
                .doesNotContainKey("ml_model_metric{metric=recall,model=churn,stage=candidate}")
                .containsEntry("ml_model_metric{metric=accuracy,model=churn,stage=candidate}", 0.7)
                .containsEntry("ml_model_validation_passed{model=churn}", 0.0)
                .containsEntry(
                        "ml_model_last_success_timestamp_seconds{model=churn}", (double) success.getEpochSecond());
    }

    @Test
    void theAlertRulesAreValidAndTheThresholdAlertFiresOnABreach() throws Exception {
        // the rules file passes promtool
        if (Files.isExecutable(PrometheusServers.PROMTOOL_BINARY)) {
            Process promtool = new ProcessBuilder(
                            PrometheusServers.PROMTOOL_BINARY.toString(), "check", "rules", ALERTS.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(promtool.exitValue()).as(output).isZero();
        }
        // given a model whose recall (0.5) breaks its threshold (>= 0.8)
        Path modelFolder = MonitoredModels.write(
                folder.resolve("ml"),
                "fraud",
                Map.of("accuracy", 0.9, "recall", 0.5),
                null,
                false,
                Instant.now().toString());
        PrometheusSteps.push(settings(), modelFolder, "fraud", new RecordingLog());

        // then the alert's expression returns that metric, and only it
        String expr = alertExpression("MlModelMetricBelowThreshold");
        JsonNode result = servers.awaitResult(
                "(" + expr + ") and on (model) ml_model_info{model=\"fraud\"}", Duration.ofSeconds(20));
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("metric").path("metric").asText()).isEqualTo("recall");
        assertThat(result.get(0).path("value").get(1).asDouble()).isEqualTo(0.5);

        // given a model last validated successfully 40 days ago, and one today
        for (String model : List.of("stale", "fresh")) {
            Instant at = Instant.now().minus(Duration.ofDays(model.equals("stale") ? 40 : 0));
            Path folderOf = MonitoredModels.write(
                    folder.resolve("ml"), model, Map.of("recall", 0.9), null, true, at.toString());
            PrometheusSteps.push(settings(), folderOf, model, new RecordingLog());
        }
        // then the not-retrained alert names the stale one only
        String notRetrained =
                "(" + alertExpression("MlModelNotRetrained") + ") and on (model) ml_model_info{model=~\"stale|fresh\"}";
        JsonNode stale = servers.awaitResult(notRetrained, Duration.ofSeconds(20));
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0).path("metric").path("model").asText()).isEqualTo("stale");
    }

    @Test
    void aMonitoringPushAndAValidationPushNeverReplaceEachOthersSeries() throws Exception {
        // given a validated model, and a monitoring pass of its production version
        String model = "loans";
        Path modelFolder = MonitoredModels.write(
                folder.resolve("ml"),
                model,
                Map.of("recall", 0.84),
                null,
                true,
                Instant.now().toString());
        PrometheusSteps.push(settings(), modelFolder, model, new RecordingLog());
        PrometheusSteps.afterMonitor(
                settings(),
                StepLauncher.context(parameters(model)),
                new RecordingLog(),
                MonitoringReports.json(MonitoringReports.report(model, 0.62, true)));

        // when the model is validated again, then monitored again and found well, without drift
        PrometheusSteps.push(settings(), modelFolder, model, new RecordingLog());
        Map<String, Double> afterValidation = pushedSamples(servers.pushgatewayMetrics());
        PrometheusSteps.afterMonitor(
                settings(),
                StepLauncher.context(parameters(model)),
                new RecordingLog(),
                MonitoringReports.json(MonitoringReports.report(model, 0.8, false)));

        // then the validation kept the monitoring series, and the second monitoring pass replaced the first
        String base = "model=loans,stage=monitoring,version=1.3.0";
        assertThat(afterValidation)
                .containsEntry("ml_model_degraded{" + base + "}", 1.0)
                .containsEntry("ml_model_metric{metric=recall,model=loans,stage=candidate}", 0.84);
        Map<String, Double> pushed = pushedSamples(servers.pushgatewayMetrics());
        assertThat(pushed)
                .containsEntry("ml_model_metric{metric=recall,model=loans,stage=candidate}", 0.84)
                .containsEntry("ml_model_degraded{" + base + "}", 0.0)
                .containsEntry("ml_model_data_drift{" + base + "}", 0.0)
                .containsEntry("ml_model_live_metric{metric=recall," + base + "}", 0.8)
                .containsEntry(
                        "ml_model_attribute_drifted{attribute=amount,model=loans,stage=monitoring,test=psi,"
                                + "version=1.3.0}",
                        0.0);
    }

    @Test
    void theDegradedAndDataDriftAlertsFireOnlyForTheModelThatDegradedAndDrifted() throws Exception {
        // given one model degraded with two of three attributes drifted, and one well without drift
        RecordingLog log = new RecordingLog();
        PrometheusSteps.afterMonitor(
                settings(),
                StepLauncher.context(parameters("sinking")),
                log,
                MonitoringReports.json(MonitoringReports.report("sinking", 0.6, true)));
        PrometheusSteps.afterMonitor(
                settings(),
                StepLauncher.context(parameters("steady")),
                log,
                MonitoringReports.json(MonitoringReports.report("steady", 0.8, false)));
        assertThat(log.text()).contains("Pushed the monitoring of sinking 1.3.0", "Pushed the monitoring of steady");

        // then each alert's expression names the first model only, the drift alert with the share that drifted
        String scope = " and on (model) ml_model_degraded{model=~\"sinking|steady\"}";
        JsonNode degraded =
                servers.awaitResult("(" + alertExpression("MlModelDegraded") + ")" + scope, Duration.ofSeconds(20));
        assertThat(degraded).hasSize(1);
        assertThat(degraded.get(0).path("metric").path("model").asText()).isEqualTo("sinking");
        assertThat(degraded.get(0).path("metric").path("version").asText()).isEqualTo("1.3.0");
        JsonNode drift =
                servers.awaitResult("(" + alertExpression("MlModelDataDrift") + ")" + scope, Duration.ofSeconds(20));
        assertThat(drift).hasSize(1);
        assertThat(drift.get(0).path("metric").path("model").asText()).isEqualTo("sinking");
        assertThat(drift.get(0).path("value").get(1).asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        // and the healthy model is in Prometheus, so its absence above is the rules' doing
        assertThat(servers.awaitResult("ml_model_degraded{model=\"steady\"} == 0", Duration.ofSeconds(20)))
                .hasSize(1);
    }

    private Map<String, Object> parameters(String model) {
        Map<String, Object> p = new HashMap<>();
        p.put("outputDirectory", folder.resolve("ml").toString());
        p.put("modelName", model);
        p.put("prometheusPushgateway", servers.pushgateway().toString());
        p.put("failOnMonitoringError", true);
        return p;
    }

    /** The expr of every target of every panel, with the dashboard's variables replaced as Grafana would. */
    static List<String> dashboardExpressions(String model) throws IOException {
        JsonNode dashboard = Json.MAPPER.readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
        Map<String, String> variables = new HashMap<>();
        variables.put("model", Pattern.quote(model).replace("\\Q", "").replace("\\E", ""));
        variables.put("metric", ".+");
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            assertThat(variables)
                    .as(
                            "a value for dashboard variable $%s",
                            variable.path("name").asText())
                    .containsKey(variable.path("name").asText());
        }
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                for (Map.Entry<String, String> v : variables.entrySet()) {
                    expr = expr.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
                }
                assertThat(expr).as("variables left in %s", expr).doesNotContain("$");
                expressions.add(expr);
            }
        }
        return expressions;
    }

    /** The block-scalar {@code expr:} of the named rule in alerts.yml, or its one-line form. */
    static String alertExpression(String alert) throws IOException {
        List<String> lines = Files.readAllLines(ALERTS);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("- alert: " + alert)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    String line = lines.get(j);
                    if (line.strip().startsWith("expr:")) {
                        String inline = line.strip().substring("expr:".length()).strip();
                        if (!inline.equals("|")) {
                            return inline;
                        }
                        int indent = line.indexOf("expr:");
                        StringBuilder expr = new StringBuilder();
                        for (int k = j + 1; k < lines.size(); k++) {
                            String body = lines.get(k);
                            if (!body.isBlank()
                                    && body.length() - body.stripLeading().length() <= indent) {
                                break;
                            }
                            expr.append(body.strip()).append('\n');
                        }
                        return expr.toString().strip();
                    }
                }
            }
        }
        throw new AssertionError("no rule " + alert + " in " + ALERTS);
    }

    /** name{sorted labels but job and instance} to value, from a text exposition. */
    static Map<String, Double> pushedSamples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !m.group(1).startsWith("ml_model_")) {
                continue;
            }
            Map<String, String> labels = new java.util.TreeMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(
                        l.group(1),
                        l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
            }
            labels.remove("job");
            labels.remove("instance");
            samples.put(m.group(1) + labels.toString().replace(" ", ""), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static String key(JsonNode labels) {
        Map<String, String> sorted = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = labels.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!List.of("__name__", "job", "instance").contains(f.getKey())) {
                sorted.put(f.getKey(), f.getValue().asText());
            }
        }
        return labels.path("__name__").asText() + sorted.toString().replace(" ", "");
    }
}
