package io.github.mlmaven.workflow;

import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.api.RollbackParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.api.ValidateParameters;
import io.github.mlmaven.artifact.ModelArtifactPackager;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.monitoring.mlflow.MlflowSteps;
import io.github.mlmaven.monitoring.prometheus.PrometheusSteps;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainDecision;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs one step of a goal (the promotion's prepare, deploy-less complete, abort...) from a map of the settings, for the
 * tests that drive the core step by step the way the goals chain them; the Mojos never use it. Each step runs through
 * the same outcome translation as {@link Goals}, and its result comes back as a map.
 */
public final class StepLauncher {
    public static final String OUTCOME = "outcome";
    public static final String MESSAGE = "message";
    public static final String PARAMETER = "parameter";
    public static final String OK = "OK";
    public static final String GATE_FAILED = "GATE_FAILED";
    public static final String INVALID_CONFIGURATION = "INVALID_CONFIGURATION";
    public static final String INVALID_INPUT = "INVALID_INPUT";
    public static final String REFUSED = "REFUSED";

    private StepLauncher() {}

    /** Runs {@code step}; the log receives (level, message) with level info, warn, error or debug. */
    public static Map<String, String> launch(String step, Map<String, Object> p, BiConsumer<String, String> sink) {
        CoreLog log = new CoreLog() {
            @Override
            public void info(String message) {
                sink.accept("info", message);
            }

            @Override
            public void warn(String message) {
                sink.accept("warn", message);
            }

            @Override
            public void error(String message) {
                sink.accept("error", message);
            }

            @Override
            public void debug(String message) {
                sink.accept("debug", message);
            }
        };
        GoalContext context = context(p);
        RetryPolicy retry = mlflowRetry(p);
        Function<io.github.mlmaven.common.MlLog, Map<String, String>> body = switch (step) {
            case "train" ->
                l -> {
                    new TrainWorkflow(l)
                            .run(TrainGoal.request(
                                    train(p), ProductionModel.unknown("the registry was not consulted")));
                    return Map.of();
                };
            case "validate" ->
                l -> {
                    PrometheusSteps.afterValidate(
                            context,
                            l,
                            () -> new ValidateWorkflow(l).run(ValidateGoal.request(validate(p), champion(p))));
                    return Map.of();
                };
            case "champion-lookup" -> l -> lookup(Registries.production(context, l));
            case "retrain-check" ->
                l -> RetrainDecision.skipped(context.modelDirectory())
                        .map(d -> Map.of("retrain", "false", "reason", d.reason()))
                        .orElse(Map.of());
            case "promote-prepare" ->
                l -> {
                    PromotionSteps.Prepared prepared = PromotionSteps.prepare(promote(p), l);
                    return Map.of(
                            "groupId", prepared.groupId(),
                            "artifactId", prepared.artifactId(),
                            "version", prepared.version(),
                            "jar", prepared.jar().toString(),
                            "pom", prepared.pom().toString());
                };
            case "promote-abort" ->
                l -> {
                    PromotionSteps.abort(
                            context,
                            (String) p.get("version"),
                            String.valueOf(p.get("failure")),
                            Boolean.TRUE.equals(p.get("mustRecord")),
                            l);
                    return Map.of();
                };
            case "promote-state" ->
                l -> {
                    PromotionSteps.State state = PromotionSteps.state(context, (String) p.get("version"), l);
                    return Map.of(
                            "status", state.status().json(),
                            "groupId", state.groupId(),
                            "artifactId", state.artifactId(),
                            "modelSha256", state.modelSha256(),
                            "localModelMatches", String.valueOf(state.localModelMatches()));
                };
            case "promote-package" ->
                l -> {
                    ModelArtifactPackager.Packaged packaged =
                            PromotionSteps.packageReserved(context, (String) p.get("version"), l);
                    return Map.of(
                            "jar",
                            packaged.jar().toString(),
                            "pom",
                            packaged.pom().toString());
                };
            case "promote-verify" ->
                l -> {
                    PromotionSteps.verifyDeployed(
                            context, (String) p.get("version"), Path.of((String) p.get("jar")), l);
                    return Map.of();
                };
            case "promote-complete" ->
                l -> {
                    String version = (String) p.get("version");
                    PromotionSteps.complete(context, version, l);
                    MlflowSteps.afterPromote(
                            context, (String) p.get("groupId"), (String) p.get("artifactId"), version, retry, l);
                    PrometheusSteps.afterProductionChange(context, l, version);
                    return Map.of();
                };
            case "history" ->
                l -> {
                    HistoryGoal.run(new io.github.mlmaven.api.HistoryParameters(context), l);
                    return Map.of();
                };
            case "rollback" ->
                l -> {
                    RollbackParameters rollback = rollback(p);
                    RollbackGoal.run(rollback, l);
                    MlflowSteps.afterRollback(context, rollback.version(), retry, l);
                    PrometheusSteps.afterProductionChange(context, l, rollback.version());
                    return Map.of();
                };
            case "mlflow-validate" ->
                l -> {
                    MlflowSteps.afterValidate(context, retry, l);
                    return Map.of();
                };
            case "report" ->
                l -> {
                    ReportSteps.report(context, l);
                    return Map.of();
                };
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
        Outcome<Map<String, String>> outcome = Goals.run(step, context, log, body);
        Map<String, String> result = new HashMap<>();
        result.put(OUTCOME, outcome.kind().name());
        if (outcome.isOk()) {
            result.putAll(outcome.value());
        } else {
            result.put(MESSAGE, outcome.message());
            if (outcome.parameter() != null) {
                result.put(PARAMETER, outcome.parameter());
            }
        }
        return result;
    }

    /** Tests may pass a RetryPolicy of their own under "mlflowRetry". */
    public static RetryPolicy mlflowRetry(Map<String, Object> p) {
        return p.get("mlflowRetry") instanceof RetryPolicy r ? r : null;
    }

    /** The settings every goal has, from the map's keys (named as the parameters were). */
    public static GoalContext context(Map<String, Object> p) {
        String uri = (String) p.get("mlflowTrackingUri");
        GoalContext.Mlflow mlflow = uri == null
                ? null
                : new GoalContext.Mlflow(
                        uri,
                        (String) p.get("mlflowExperiment"),
                        (String) p.get("mlflowToken"),
                        (String) p.get("mlflowUsername"),
                        (String) p.get("mlflowPassword"),
                        (String) p.get("mlflowCredentialsSource"));
        return new GoalContext(
                p.get("basedir") == null ? null : Path.of((String) p.get("basedir")),
                p.get("outputDirectory") == null ? null : Path.of((String) p.get("outputDirectory")),
                (String) p.get("modelName"),
                strings(p.get("trainingData")),
                strings(p.get("testData")),
                (String) p.get("evaluation"),
                p.get("holdoutPercent") == null ? 20 : ((Number) p.get("holdoutPercent")).intValue(),
                (String) p.get("pluginVersion"),
                (String) p.get("projectVersion"),
                strings(p.get("classpath")) == null
                        ? List.of()
                        : strings(p.get("classpath")).stream().map(Path::of).toList(),
                new GoalContext.Registry(
                        (String) p.get("registryBranch"), (String) p.get("registryRemote"), credentials(p, "registry")),
                mlflow,
                new GoalContext.Prometheus(
                        (String) p.get("prometheusPushgateway"),
                        (String) p.get("prometheusJob"),
                        credentials(p, "prometheus")),
                Boolean.TRUE.equals(p.get("failOnMonitoringError"))
                        || Boolean.TRUE.equals(p.get("monitoringFailOnError")),
                null,
                null,
                List.of());
    }

    private static GoalContext.Credentials credentials(Map<String, Object> p, String prefix) {
        String username = (String) p.get(prefix + "Username");
        return username == null
                ? null
                : new GoalContext.Credentials(
                        username, (String) p.get(prefix + "Password"), (String) p.get(prefix + "CredentialsSource"));
    }

    static TrainParameters train(Map<String, Object> p) {
        return new TrainParameters(
                context(p),
                (String) p.get("classAttribute"),
                (String) p.get("positiveClass"),
                map(p.get("attributeTypes")),
                (String) p.get("attributeTypesProperty"),
                (String) p.get("algorithm"),
                (String) p.get("options"),
                ((Number) p.get("seed")).longValue(),
                Boolean.TRUE.equals(p.get("force")),
                p.get("retrainNewRows") == null ? null : ((Number) p.get("retrainNewRows")).longValue(),
                (Boolean) p.get("retrainCodeChanged"),
                p.get("retrainMaxAgeDays") == null ? null : ((Number) p.get("retrainMaxAgeDays")).intValue(),
                null,
                null,
                (String) p.get("engine"),
                io.github.mlmaven.api.SparkParameters.defaults());
    }

    static ValidateParameters validate(Map<String, Object> p) {
        return new ValidateParameters(
                context(p),
                ((Number) p.get("folds")).intValue(),
                map(p.get("thresholds")),
                (String) p.get("thresholdsProperty"),
                map(p.get("championMaxDrop")),
                (String) p.get("championSignificance"),
                false,
                false,
                List.of(),
                null,
                List.of(),
                null,
                false,
                "local",
                io.github.mlmaven.api.SparkParameters.defaults());
    }

    private static Registries.ProductionLookup champion(Map<String, Object> p) {
        String jar = (String) p.get("championJar");
        return new Registries.ProductionLookup(
                (String) p.getOrDefault("championStatus", "unknown"),
                (String) p.get("championVersion"),
                null,
                null,
                (String) p.get("championSha256"),
                jar == null ? null : Path.of(jar));
    }

    private static Map<String, String> lookup(Registries.ProductionLookup lookup) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("championStatus", lookup.status());
        if (lookup.found()) {
            result.put("championVersion", lookup.version());
            result.put("groupId", lookup.groupId());
            result.put("artifactId", lookup.artifactId());
            result.put("modelSha256", lookup.modelSha256());
        }
        return result;
    }

    static PromoteParameters promote(Map<String, Object> p) {
        return new PromoteParameters(
                context(p),
                (String) p.get("groupId"),
                "the-project",
                (String) p.get("artifactId"),
                Boolean.TRUE.equals(p.get("artifactIdConfigured")),
                Boolean.TRUE.equals(p.get("allowDirty")),
                (String) p.get("version"),
                (String) p.get("approver"),
                (String) p.get("reason"),
                Boolean.TRUE.equals(p.get("requireApproval")),
                null,
                github(p));
    }

    static RollbackParameters rollback(Map<String, Object> p) {
        return new RollbackParameters(
                context(p),
                (String) p.get("rollbackVersion"),
                (String) p.get("approver"),
                (String) p.get("reason"),
                Boolean.TRUE.equals(p.get("requireApproval")),
                github(p));
    }

    private static Map<String, String> github(Map<String, Object> p) {
        Map<String, String> github = map(p.get("github"));
        return github == null ? Map.of() : github;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? null : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object value) {
        return value == null ? null : (Map<String, String>) value;
    }
}
