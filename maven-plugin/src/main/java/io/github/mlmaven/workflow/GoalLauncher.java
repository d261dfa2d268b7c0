package io.github.mlmaven.workflow;

import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.common.Urls;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.monitoring.mlflow.MlflowSteps;
import io.github.mlmaven.monitoring.prometheus.PrometheusSteps;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.retrain.RetrainPolicy;
import io.github.mlmaven.runtime.SafeModelReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The entry point the Maven layer calls inside a class loader of its own for each goal execution, holding the
 * plugin's classes, Weka and the project's runtime classpath. That keeps one module's classes (a custom filter, say)
 * from leaking into another module's build, or into the next build of a long-lived Maven daemon. Only JDK types cross
 * the boundary: the parameters as a map of strings, numbers, lists and maps, a log callback, and an outcome map.
 */
public final class GoalLauncher {
    public static final String OUTCOME = "outcome";
    public static final String MESSAGE = "message";
    public static final String PARAMETER = "parameter";
    public static final String OK = "ok";
    public static final String GATE_FAILED = "gateFailed";
    public static final String INVALID_CONFIGURATION = "invalidConfiguration";
    public static final String INVALID_INPUT = "invalidInput";
    public static final String REFUSED = "refused";

    private GoalLauncher() {}

    /**
     * Runs {@code goal} ({@code train} or {@code validate}).
     *
     * @param log receives (level, message) with level {@code info}, {@code warn} or {@code debug}
     * @return {@link #OUTCOME} with {@link #MESSAGE} and, for configuration errors, {@link #PARAMETER}
     */
    public static Map<String, String> launch(String goal, Map<String, Object> p, BiConsumer<String, String> sink) {
        // a URL with a password in it may reach a message from anywhere, JGit's transport errors included
        BiConsumer<String, String> log = (level, message) -> sink.accept(level, Urls.redactAll(message));
        MlLog mlLog = new MlLog() {
            @Override
            public void info(String message) {
                log.accept("info", message);
            }

            @Override
            public void warn(String message) {
                log.accept("warn", message);
            }

            @Override
            public void debug(String message) {
                log.accept("debug", message);
            }
        };
        try {
            List<Path> classpath = paths(p.get("classpath"));
            ClassLoader loader = GoalLauncher.class.getClassLoader();
            Map<String, String> result = new java.util.HashMap<>(Map.of(OUTCOME, OK));
            switch (goal) {
                case "train" ->
                    new TrainWorkflow(mlLog)
                            .run(new TrainRequest(
                                    Path.of((String) p.get("basedir")),
                                    Path.of((String) p.get("outputDirectory")),
                                    (String) p.get("modelName"),
                                    strings(p.get("trainingData")),
                                    ReadOptions.fromConfiguration(
                                            (String) p.get("classAttribute"), map(p.get("attributeTypes")), (String)
                                                    p.get("attributeTypesProperty")),
                                    blankToNull((String) p.get("positiveClass")),
                                    (String) p.get("algorithm"),
                                    (String) p.get("options"),
                                    ((Number) p.get("seed")).longValue(),
                                    EvaluationMethod.fromConfiguration((String) p.get("evaluation")),
                                    ((Number) p.get("holdoutPercent")).intValue(),
                                    Boolean.TRUE.equals(p.get("force")),
                                    classpath,
                                    loader,
                                    (String) p.get("pluginVersion"),
                                    retrainPolicy(p),
                                    production(p)));
                case "validate" ->
                    // monitoring (Prometheus): pushes validation.json after the workflow, pass or fail
                    PrometheusSteps.afterValidate(
                            p,
                            mlLog,
                            () -> new ValidateWorkflow(mlLog)
                                    .run(new ValidateRequest(
                                            Path.of((String) p.get("basedir")),
                                            Path.of((String) p.get("outputDirectory")),
                                            (String) p.get("modelName"),
                                            strings(p.get("trainingData")),
                                            strings(p.get("testData")),
                                            EvaluationMethod.fromConfiguration((String) p.get("evaluation")),
                                            ((Number) p.get("holdoutPercent")).intValue(),
                                            ((Number) p.get("folds")).intValue(),
                                            ThresholdParser.parse(
                                                    map(p.get("thresholds")), (String) p.get("thresholdsProperty")),
                                            loader,
                                            SafeModelReader.loadedFrom(classpath),
                                            champion(p))));
                case "champion-lookup" -> result.putAll(RegistrySteps.championLookup(p, mlLog));
                // ml:train's lookup: the registry's messages speak of validation, so they go to debug
                case "production-lookup" -> result.putAll(RegistrySteps.championLookup(p, debugOnly(mlLog)));
                case "retrain-check" ->
                    RetrainDecision.skipped(
                                    Path.of((String) p.get("outputDirectory")).resolve((String) p.get("modelName")))
                            .ifPresent(d -> result.putAll(Map.of("retrain", "false", "reason", d.reason())));
                case "promote-prepare" -> result.putAll(RegistrySteps.promotePrepare(p, mlLog));
                case "promote-abort" -> RegistrySteps.promoteAbort(p, mlLog);
                case "promote-state" -> result.putAll(RegistrySteps.promoteState(p, mlLog));
                case "promote-package" -> result.putAll(RegistrySteps.promotePackage(p, mlLog));
                case "promote-verify" -> RegistrySteps.promoteVerify(p, mlLog);
                case "promote-complete" -> {
                    RegistrySteps.promoteComplete(p, mlLog);
                    MlflowSteps.afterPromote(p, mlLog); // issue 5: MLflow model version and alias
                    // monitoring (Prometheus): the version now in production
                    PrometheusSteps.afterProductionChange(p, mlLog, (String) p.get("version"));
                }
                case "history" -> RegistrySteps.history(p, mlLog);
                case "rollback" -> {
                    RegistrySteps.rollback(p, mlLog);
                    MlflowSteps.afterRollback(p, mlLog); // issue 5: MLflow alias production moves back
                    // monitoring (Prometheus): the version now in production
                    PrometheusSteps.afterProductionChange(p, mlLog, (String) p.get("rollbackVersion"));
                }
                case "mlflow-validate" -> MlflowSteps.afterValidate(p, mlLog); // issue 5: the run of train+validate
                case "ci-report" -> result.putAll(CiSteps.ciReport(p, mlLog));
                case "report" -> ReportSteps.report(p, mlLog); // issue 5 §5: report.html
                case "check-configuration" -> result.putAll(ConfigurationCheck.run(p));
                default -> throw new IllegalArgumentException("unknown goal " + goal);
            }
            return result;
        } catch (GateFailedException e) {
            return Map.of(OUTCOME, GATE_FAILED, MESSAGE, Urls.redactAll(e.getMessage()));
        } catch (RefusedException e) {
            return Map.of(OUTCOME, REFUSED, MESSAGE, Urls.redactAll(e.getMessage()));
        } catch (InvalidConfigurationException e) {
            return Map.of(
                    OUTCOME,
                    INVALID_CONFIGURATION,
                    MESSAGE,
                    Urls.redactAll(e.getMessage()),
                    PARAMETER,
                    e.parameter() == null ? "" : e.parameter());
        } catch (InvalidInputException | UncheckedIOException e) {
            return Map.of(OUTCOME, INVALID_INPUT, MESSAGE, Urls.redactAll(String.valueOf(e.getMessage())));
        } catch (OutOfMemoryError e) {
            // the rows held when the heap ran out are unreachable here, so the message can be built
            return Map.of(OUTCOME, INVALID_INPUT, MESSAGE, OutOfMemory.message(goal, p, e));
        }
    }

    private static RetrainPolicy retrainPolicy(Map<String, Object> p) {
        Object newRows = p.get("retrainNewRows");
        Object maxAgeDays = p.get("retrainMaxAgeDays");
        return new RetrainPolicy(
                newRows == null ? null : ((Number) newRows).longValue(),
                (Boolean) p.get("retrainCodeChanged"),
                maxAgeDays == null ? null : ((Number) maxAgeDays).intValue());
    }

    private static ProductionModel production(Map<String, Object> p) {
        String status = (String) p.get("productionStatus");
        if (status == null) {
            return ProductionModel.unknown("the registry was not consulted");
        }
        String jar = (String) p.get("productionJar");
        return new ProductionModel(
                status,
                (String) p.get("productionVersion"),
                jar == null ? null : Path.of(jar),
                (String) p.get("productionSha256"),
                (String) p.getOrDefault("productionNote", "the registry could not be read"));
    }

    private static MlLog debugOnly(MlLog log) {
        return new MlLog() {
            @Override
            public void info(String message) {
                log.debug(message);
            }

            @Override
            public void warn(String message) {
                log.debug(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }

    private static ValidateRequest.Champion champion(Map<String, Object> p) {
        String status = (String) p.getOrDefault("championStatus", "unknown");
        ChampionRules rules =
                ChampionRules.parse(map(p.get("championMaxDrop")), (String) p.get("championSignificance"));
        String jar = (String) p.get("championJar");
        return new ValidateRequest.Champion(
                status,
                (String) p.get("championVersion"),
                jar == null ? null : Path.of(jar),
                (String) p.get("championSha256"),
                rules);
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? null : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> map(Object value) {
        return value == null ? null : (Map<String, String>) value;
    }

    private static List<Path> paths(Object value) {
        List<String> strings = strings(value);
        return strings == null ? List.of() : strings.stream().map(Path::of).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
