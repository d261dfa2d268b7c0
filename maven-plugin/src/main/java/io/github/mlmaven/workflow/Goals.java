package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.CiReportParameters;
import io.github.mlmaven.api.ConfigurationCheckParameters;
import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.HistoryParameters;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.api.ReportParameters;
import io.github.mlmaven.api.RollbackParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.api.ValidateParameters;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.common.Urls;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * The core's goals as the Maven layer calls them, inside a class loader of its own for each build and classpath (the
 * plugin's classes, Weka and the project's runtime classpath): one module's classes (a custom filter, say) never
 * reach another module's build, or the next build of a long-lived Maven daemon. Each goal is one use-case class; this
 * class only turns their exceptions into outcomes, and keeps secrets out of every message.
 */
public final class Goals implements CoreGoals {
    private final RetryPolicy mlflowRetry;

    public Goals() {
        this(null);
    }

    /** @param mlflowRetry how MLflow is retried; null for the standard policy (tests wait less) */
    Goals(RetryPolicy mlflowRetry) {
        this.mlflowRetry = mlflowRetry;
    }

    @Override
    public Outcome<List<String>> checkConfiguration(ConfigurationCheckParameters parameters, CoreLog log) {
        return run("check-configuration", null, log, l -> ConfigurationCheck.run(parameters));
    }

    @Override
    public Outcome<Void> extract(ExtractParameters parameters, ArtifactRepository repository, CoreLog log) {
        return run("extract", parameters.context(), log, l -> {
            new ExtractGoal(l, repository).run(parameters);
            return null;
        });
    }

    @Override
    public Outcome<Void> train(TrainParameters parameters, ArtifactRepository repository, CoreLog log) {
        return run("train", parameters.context(), log, l -> {
            new TrainGoal(l, repository).run(parameters);
            return null;
        });
    }

    @Override
    public Outcome<Void> validate(ValidateParameters parameters, ArtifactRepository repository, CoreLog log) {
        return run("validate", parameters.context(), log, l -> {
            new ValidateGoal(l, message -> log.error(Urls.redactAll(message)), repository, mlflowRetry).run(parameters);
            return null;
        });
    }

    @Override
    public Outcome<Void> promote(PromoteParameters parameters, ArtifactRepository repository, CoreLog log) {
        return run("promote", parameters.context(), log, l -> {
            new PromoteGoal(l, repository, mlflowRetry).run(parameters);
            return null;
        });
    }

    @Override
    public Outcome<Void> monitor(MonitorParameters parameters, ArtifactRepository repository, CoreLog log) {
        return run("monitor", parameters.context(), log, l -> {
            new MonitorGoal(l, repository, mlflowRetry).run(parameters);
            return null;
        });
    }

    @Override
    public Outcome<Void> rollback(RollbackParameters parameters, CoreLog log) {
        return run("rollback", parameters.context(), log, l -> {
            RollbackGoal.run(parameters, l);
            io.github.mlmaven.monitoring.mlflow.MlflowSteps.afterRollback(
                    parameters.context(), parameters.version(), mlflowRetry, l);
            io.github.mlmaven.monitoring.prometheus.PrometheusSteps.afterProductionChange(
                    parameters.context(), l, parameters.version());
            return null;
        });
    }

    @Override
    public Outcome<Void> history(HistoryParameters parameters, CoreLog log) {
        return run("history", parameters.context(), log, l -> {
            HistoryGoal.run(parameters, l);
            return null;
        });
    }

    @Override
    public Outcome<Void> report(ReportParameters parameters, CoreLog log) {
        return run("report", parameters.context(), log, l -> {
            ReportSteps.report(parameters.context(), l);
            return null;
        });
    }

    @Override
    public Outcome<CiReportParameters.Result> ciReport(CiReportParameters parameters, CoreLog log) {
        return run("ci-report", parameters.context(), log, l -> CiSteps.ciReport(parameters, l));
    }

    /** Runs a goal and turns what it throws into its outcome; a defect (any other exception) is left to escape. */
    static <T> Outcome<T> run(String goal, GoalContext context, CoreLog sink, Function<MlLog, T> body) {
        try {
            return Outcome.ok(body.apply(redacting(sink)));
        } catch (RuntimeException e) {
            Outcome<T> failed = failure(e);
            if (failed == null) {
                throw e;
            }
            return failed;
        } catch (OutOfMemoryError e) {
            // the rows held when the heap ran out are unreachable here, so the message can be built
            return Outcome.failed(Outcome.Kind.INVALID_INPUT, OutOfMemory.message(goal, context, e), null);
        }
    }

    /** The outcome of a failure the user can act on; null for a defect. */
    static <T> Outcome<T> failure(RuntimeException e) {
        if (e instanceof GateFailedException) {
            return Outcome.failed(Outcome.Kind.GATE_FAILED, Urls.redactAll(e.getMessage()), null);
        }
        if (e instanceof RefusedException) {
            return Outcome.failed(Outcome.Kind.REFUSED, Urls.redactAll(e.getMessage()), null);
        }
        if (e instanceof InvalidConfigurationException c) {
            return Outcome.failed(
                    Outcome.Kind.INVALID_CONFIGURATION,
                    Urls.redactAll(e.getMessage()),
                    c.parameter() == null ? "" : c.parameter());
        }
        if (e instanceof InvalidInputException || e instanceof UncheckedIOException) {
            return Outcome.failed(Outcome.Kind.INVALID_INPUT, Urls.redactAll(String.valueOf(e.getMessage())), null);
        }
        return null;
    }

    /** A URL with a password in it may reach a message from anywhere, JGit's transport errors included. */
    private static MlLog redacting(CoreLog log) {
        return new MlLog() {
            @Override
            public void info(String message) {
                log.info(Urls.redactAll(message));
            }

            @Override
            public void warn(String message) {
                log.warn(Urls.redactAll(message));
            }

            @Override
            public void debug(String message) {
                log.debug(Urls.redactAll(message));
            }
        };
    }

    /** A log whose every message goes to debug: for steps whose messages speak of another goal. */
    static MlLog debugOnly(MlLog log) {
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
}
