package io.github.mlmaven.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.Urls;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Pushgateway push after ml:validate, as the core's entry point sees it: plain parameters in, a push of the
 * validation.json just written, whether its gate passed or failed; after ml:promote and ml:rollback the production
 * group, after ml:monitor the monitoring group. A push that fails is a warning in the log and in
 * summary.md; it never changes the verdict, and errors the build only with {@code failOnMonitoringError}.
 *
 * <p>Parameters: {@code prometheusPushgateway} (no push without it), {@code prometheusJob}, {@code
 * prometheusUsername}, {@code prometheusPassword}, {@code failOnMonitoringError} (or {@code monitoringFailOnError}),
 * {@code projectVersion}.
 */
public final class PrometheusSteps {
    public static final String DEFAULT_JOB = "ml-maven-plugin";

    private PrometheusSteps() {}

    /** The configuration of the push; {@link #pushgateway()} is null when none is configured. */
    public record Settings(
            URI pushgateway,
            String job,
            String username,
            String password,
            boolean failOnError,
            String version,
            RetryPolicy retry,
            Duration connectTimeout,
            Duration readTimeout) {

        @Override
        public String toString() {
            return "Settings[pushgateway=" + pushgateway + ", job=" + job + ", failOnError=" + failOnError + "]";
        }
    }

    /** Reads and checks the settings of a goal. */
    public static Settings settings(GoalContext context) {
        GoalContext.Prometheus prometheus = context.prometheus();
        GoalContext.Credentials credentials = prometheus == null ? null : prometheus.credentials();
        String address = prometheus == null ? null : blankToNull(prometheus.pushgateway());
        URI uri = null;
        if (address != null) {
            try {
                uri = URI.create(address);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null
                    || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new InvalidConfigurationException(
                        "prometheus/pushgateway",
                        "<prometheus><pushgateway> is not an http(s) URL: "
                                + Urls.redactUserInfo(address)
                                + "; give the Pushgateway's address, e.g. http://pushgateway:9091");
            }
        }
        String job = prometheus == null ? null : blankToNull(prometheus.job());
        return new Settings(
                uri,
                job == null ? DEFAULT_JOB : job,
                credentials == null ? null : blankToNull(credentials.username()),
                credentials == null ? null : credentials.password(),
                context.failOnMonitoringError(),
                blankToNull(context.projectVersion()),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4), d -> Thread.sleep(d.toMillis())),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    /**
     * Runs ml:validate, then pushes its validation.json: after a pass, and after a failed gate too (the gate's failure
     * is rethrown unchanged, whatever the push does).
     */
    public static <T> T afterValidate(GoalContext context, MlLog log, Supplier<T> validate) {
        return afterValidate(settings(context), context, log, validate);
    }

    static <T> T afterValidate(Settings settings, GoalContext context, MlLog log, Supplier<T> validate) {
        Path folder = context.modelDirectory();
        String modelName = context.modelName();
        T result;
        try {
            result = validate.get();
        } catch (GateFailedException e) {
            try {
                push(settings, folder, modelName, log);
            } catch (PushgatewayException monitoring) {
                log.warn(monitoring.getMessage()); // the gate's verdict stands
            }
            throw e;
        }
        push(settings, folder, modelName, log);
        return result;
    }

    /**
     * Pushes the validation.json in {@code folder}; does nothing without a Pushgateway. A failure is logged as a
     * warning and noted in summary.md, or thrown when {@link Settings#failOnError()}.
     */
    public static void push(Settings settings, Path folder, String modelName, MlLog log) {
        if (settings.pushgateway() == null) {
            return;
        }
        ModelBundle bundle = new ModelBundle(folder, modelName);
        JsonNode validation;
        try {
            validation = Json.MAPPER.readTree(bundle.validationFile().toFile());
        } catch (IOException e) {
            fail(settings, bundle, log, "cannot read " + bundle.validationFile() + " to push it: " + e.getMessage());
            return;
        }
        JsonNode card = null;
        if (Files.isRegularFile(bundle.cardFile())) {
            try {
                card = Json.MAPPER.readTree(bundle.cardFile().toFile());
            } catch (IOException e) {
                log.debug("Cannot read " + bundle.cardFile() + ": " + e.getMessage());
            }
        }
        String model = validation.path("modelName").asText(modelName);
        try (PushgatewayClient client = client(settings, log)) {
            Double previous = validation.path("passed").asBoolean(false) ? null : client.lastSuccess(model);
            String body = ModelGauges.render(validation, card, settings.version(), previous);
            client.replace(model, body);
            log.info("Pushed the metrics of " + model + " to the Pushgateway at " + client.address() + " (job "
                    + settings.job() + ")");
        } catch (PushgatewayException e) {
            fail(settings, bundle, log, e.getMessage(), e);
        } catch (RuntimeException e) { // a bug of ours must not change the goal's outcome either
            fail(settings, bundle, log, "could not push the metrics of " + model + " to the Pushgateway: " + e);
        }
    }

    /**
     * After ml:promote or ml:rollback moved production to {@code version}: replaces the model's production group
     * ({@code .../model/<model>/stage/production}) with {@code ml_model_production_info} and the time. Failures as for
     * {@link #push}.
     */
    public static void afterProductionChange(GoalContext context, MlLog log, String productionVersion) {
        afterProductionChange(settings(context), context, log, productionVersion);
    }

    static void afterProductionChange(Settings settings, GoalContext context, MlLog log, String productionVersion) {
        String version = blankToNull(productionVersion);
        String model = context.modelName();
        if (settings.pushgateway() == null || version == null) {
            return;
        }
        ModelBundle bundle = new ModelBundle(context.modelDirectory(), model);
        try (PushgatewayClient client = client(settings, log)) {
            client.replace(
                    model, "production", ModelGauges.production(model, version, System.currentTimeMillis() / 1000.0));
            log.info("Pushed production version " + version + " of " + model + " to the Pushgateway at "
                    + client.address());
        } catch (PushgatewayException e) {
            fail(settings, bundle, log, e.getMessage(), e);
        } catch (RuntimeException e) { // a bug of ours must not change the goal's outcome either
            fail(settings, bundle, log, "could not push the metrics of " + model + " to the Pushgateway: " + e);
        }
    }

    /**
     * After ml:monitor: replaces the model's monitoring group ({@code .../model/<model>/stage/monitoring}) with the
     * gauges of {@code monitoring} (monitoring.json as written). Failures as for {@link #push}, except that nothing is
     * added to summary.md, which belongs to the validation.
     */
    public static void afterMonitor(GoalContext context, MlLog log, JsonNode monitoring) {
        afterMonitor(settings(context), context, log, monitoring);
    }

    /** {@link #afterMonitor(GoalContext, MlLog, JsonNode)} with the pass as ml:monitor holds it. */
    public static void afterMonitor(GoalContext context, MlLog log, MonitoringReport monitoring) {
        afterMonitor(context, log, monitoring == null ? null : Json.MAPPER.<JsonNode>valueToTree(monitoring));
    }

    static void afterMonitor(Settings settings, GoalContext context, MlLog log, JsonNode monitoring) {
        if (settings.pushgateway() == null || monitoring == null) {
            return;
        }
        String model = monitoring.path("modelName").asText(context.modelName());
        try (PushgatewayClient client = client(settings, log)) {
            client.replace(model, MonitoringGauges.STAGE, MonitoringGauges.render(monitoring, model));
            log.info("Pushed the monitoring of " + model + " "
                    + monitoring.path("productionVersion").asText("") + " to the Pushgateway at " + client.address()
                    + " (job " + settings.job() + ")");
        } catch (PushgatewayException e) {
            fail(settings, null, log, e.getMessage(), e);
        } catch (RuntimeException e) { // a bug of ours must not change the goal's outcome either
            fail(settings, null, log, "could not push the monitoring of " + model + " to the Pushgateway: " + e);
        }
    }

    private static PushgatewayClient client(Settings settings, MlLog log) {
        return new PushgatewayClient(
                settings.pushgateway(),
                settings.job(),
                settings.username(),
                settings.password(),
                settings.retry(),
                log,
                settings.connectTimeout(),
                settings.readTimeout());
    }

    private static void fail(Settings settings, ModelBundle bundle, MlLog log, String message) {
        fail(settings, bundle, log, message, new PushgatewayException(message, -1, null));
    }

    private static void fail(
            Settings settings, ModelBundle bundle, MlLog log, String unmasked, PushgatewayException e) {
        String message = Urls.redactAll(unmasked); // it goes into summary.md, and from there into public places
        if (settings.failOnError()) {
            throw new PushgatewayException(
                    message + " (failOnMonitoringError is true; set it to false to make this a warning)",
                    e.status(),
                    e);
        }
        log.warn(message + "; the build goes on (set failOnMonitoringError to make this an error)");
        Path summary = bundle == null ? null : bundle.summaryFile();
        if (summary != null && Files.isRegularFile(summary)) {
            try {
                String text = Files.readString(summary);
                AtomicFiles.writeString(
                        summary,
                        text + (text.endsWith("\n") ? "" : "\n") + "\n> **Warning:** monitoring: " + message + "\n");
            } catch (IOException io) {
                log.debug("Cannot note the monitoring failure in " + summary + ": " + io.getMessage());
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
