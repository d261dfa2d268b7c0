package io.github.mlmaven.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.testing.MonitoringReports;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Pushgateway that fails: 5xx then success, timeouts, 401, a closed connection, nothing listening. */
class PushgatewayFaultsTest {
    @TempDir
    Path folder;

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final RecordingLog log = new RecordingLog();
    private Path model;

    @BeforeEach
    void writeModel() throws IOException {
        model = MonitoredModels.write(
                folder, "credit-risk", Map.of("recall", 0.85), null, true, "2026-01-01T00:00:00Z");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A fake Pushgateway whose n-th PUT (1-based) is answered with the status the function gives. */
    private URI fake(IntUnaryOperator statusOfAttempt, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger attempts = new AtomicInteger();
        server.createContext("/", exchange -> answer(exchange, statusOfAttempt, attempts, delay));
        server.setExecutor(Executors.newCachedThreadPool()); // a slow answer must not hold up the next attempt
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, IntUnaryOperator status, AtomicInteger attempts, Duration delay)
            throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        int code = exchange.getRequestMethod().equals("PUT") ? status.applyAsInt(attempts.incrementAndGet()) : 404;
        if (exchange.getRequestMethod().equals("PUT")) {
            bodies.add(body);
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] answer = (code == 200 ? "" : "push failed").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private PrometheusSteps.Settings settings(URI pushgateway, boolean failOnError, String user, String password) {
        return new PrometheusSteps.Settings(
                pushgateway,
                "ml-maven-plugin",
                user,
                password,
                failOnError,
                "1.0.0",
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150), waits::add),
                Duration.ofMillis(500),
                Duration.ofMillis(300));
    }

    @Test
    void serverErrorsAreRetriedWithBoundedBackoffUntilThePushLands() throws Exception {
        URI uri = fake(attempt -> attempt < 3 ? 503 : 200, Duration.ZERO);

        PrometheusSteps.push(settings(uri, true, null, null), model, "credit-risk", log);

        assertThat(requests)
                .containsExactly(
                        "PUT /metrics/job/ml-maven-plugin/model/credit-risk",
                        "PUT /metrics/job/ml-maven-plugin/model/credit-risk",
                        "PUT /metrics/job/ml-maven-plugin/model/credit-risk");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(bodies.get(2)).contains("ml_model_metric{").endsWith("\n");
        assertThat(log.text()).contains("answer 503").contains("attempt 2 of 3").contains("Pushed the metrics");
    }

    @Test
    void persistentServerErrorsAreAWarningInTheLogAndTheSummary() throws Exception {
        URI uri = fake(attempt -> 500, Duration.ZERO);

        PrometheusSteps.push(settings(uri, false, null, null), model, "credit-risk", log);

        assertThat(requests).hasSize(3);
        assertThat(log.lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("WARN could not push the metrics of credit-risk")
                        .contains("answered 500")
                        .contains("the build goes on"));
        assertThat(Files.readString(model.resolve("summary.md")))
                .contains("> **Warning:** monitoring: could not push the metrics of credit-risk");
    }

    @Test
    void failOnMonitoringErrorMakesAFailedPushAnError() throws Exception {
        URI uri = fake(attempt -> 502, Duration.ZERO);

        assertThatThrownBy(() -> PrometheusSteps.push(settings(uri, true, null, null), model, "credit-risk", log))
                .isInstanceOf(PushgatewayException.class)
                .hasMessageContaining("answered 502")
                .hasMessageContaining("failOnMonitoringError is true");
    }

    @Test
    void aTimeoutIsRetriedThenReported() throws Exception {
        URI uri = fake(attempt -> 200, Duration.ofSeconds(2));

        long start = System.nanoTime();
        PrometheusSteps.push(settings(uri, false, null, null), model, "credit-risk", log);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(requests).hasSize(3);
        assertThat(log.text()).contains("Timeout").contains("no answer after 3 attempts");
    }

    @Test
    void unauthorizedIsNotRetriedAndSaysWhatToSetWithoutShowingCredentials() throws Exception {
        URI uri = fake(attempt -> 401, Duration.ZERO);
        URI withSecret = URI.create("http://ci-user:s3cret-pass@127.0.0.1:" + uri.getPort());

        assertThatThrownBy(
                        () -> PrometheusSteps.push(settings(withSecret, true, null, null), model, "credit-risk", log))
                .isInstanceOf(PushgatewayException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("refused the ones given")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("ci-user");
        assertThat(requests).hasSize(1);
        assertThat(authorizations.get(0)).isEqualTo("Basic Y2ktdXNlcjpzM2NyZXQtcGFzcw==");
        assertThat(log.text()).doesNotContain("s3cret");

        requests.clear();
        PrometheusSteps.push(settings(uri, false, null, null), model, "credit-risk", log);
        assertThat(log.text()).contains("asks for credentials (401)").contains("ml.prometheus.serverId");
    }

    @Test
    void anAddressThatIsNoHttpUrlIsNamedWithoutItsPassword() {
        Map<String, Object> p = new HashMap<>();
        p.put("prometheusPushgateway", "pushgateway://ci-user:s3cret pass@pushgateway:9091");

        assertThatThrownBy(() -> PrometheusSteps.settings(StepLauncher.context(p)))
                .hasMessageContaining("pushgateway://***@pushgateway:9091")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void basicAuthCredentialsFromSettingsAreSent() throws Exception {
        URI uri = fake(attempt -> 200, Duration.ZERO);

        PrometheusSteps.push(settings(uri, true, "pusher", "pw"), model, "credit-risk", log);

        assertThat(authorizations).contains("Basic cHVzaGVyOnB3");
        assertThat(log.text()).doesNotContain("pw");
    }

    @Test
    void aServerThatClosesTheConnectionIsRetriedThenReported() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket closing = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!closing.isClosed()) {
                    try (Socket socket = closing.accept()) {
                        accepted.incrementAndGet();
                        socket.getInputStream().read(new byte[512]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + closing.getLocalPort());

            PrometheusSteps.push(settings(uri, false, null, null), model, "credit-risk", log);
        }

        assertThat(accepted.get()).isEqualTo(3);
        assertThat(log.text()).contains("NoHttpResponseException").contains("no answer after 3 attempts");
    }

    @Test
    void nothingListeningIsAWarning() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        PrometheusSteps.push(
                settings(URI.create("http://127.0.0.1:" + port), false, null, null), model, "credit-risk", log);

        assertThat(log.text()).contains("no answer after 3 attempts").contains("check <prometheus><pushgateway>");
    }

    @Test
    void aFailedGateStaysAFailedGateWhateverThePushDoes() throws Exception {
        URI uri = fake(attempt -> 500, Duration.ZERO);
        Map<String, Object> p = parameters(uri);
        p.put("failOnMonitoringError", true);

        assertThatThrownBy(() -> PrometheusSteps.afterValidate(
                        settings(uri, true, null, null), StepLauncher.context(p), log, () -> {
                            throw new GateFailedException("Model credit-risk failed its gate");
                        }))
                .isInstanceOf(GateFailedException.class);
        assertThat(requests).isNotEmpty();
        assertThat(log.text()).contains("answered 500");
    }

    @Test
    void aPassedGateWithAFailedPushIsAnErrorOnlyWithFailOnMonitoringError() throws Exception {
        URI nothing = URI.create("http://127.0.0.1:1");
        Map<String, Object> p = parameters(nothing);
        assertThat(PrometheusSteps.afterValidate(
                        settings(nothing, false, null, null), StepLauncher.context(p), log, () -> "passed"))
                .isEqualTo("passed");

        assertThatThrownBy(() -> PrometheusSteps.afterValidate(
                        settings(nothing, true, null, null), StepLauncher.context(p), log, () -> "passed"))
                .isInstanceOf(PushgatewayException.class);
    }

    @Test
    void withoutAPushgatewayNothingIsSentAndAnInvalidOneIsAConfigurationError() {
        Map<String, Object> p = parameters(null);
        assertThat(PrometheusSteps.afterValidate(StepLauncher.context(p), log, () -> "passed"))
                .isEqualTo("passed");
        assertThat(log.text()).doesNotContain("Pushgateway");

        p.put("prometheusPushgateway", "pushgateway:9091");
        assertThatThrownBy(() -> PrometheusSteps.afterValidate(StepLauncher.context(p), log, () -> "passed"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<prometheus><pushgateway>");
    }

    @Test
    void theProductionVersionGoesToItsOwnGroupAndAFailureThereIsAWarning() throws Exception {
        URI uri = fake(attempt -> attempt == 1 ? 200 : 500, Duration.ZERO);
        Map<String, Object> p = parameters(uri);

        PrometheusSteps.afterProductionChange(settings(uri, true, null, null), StepLauncher.context(p), log, " 1.3.0 ");

        assertThat(requests).containsExactly("PUT /metrics/job/ml-maven-plugin/model/credit-risk/stage/production");
        assertThat(bodies.get(0))
                .contains("ml_model_production_info{model=\"credit-risk\",stage=\"production\",version=\"1.3.0\"} 1\n");

        // a failing Pushgateway after a rollback: a warning, and the goal's outcome stands
        PrometheusSteps.afterProductionChange(settings(uri, false, null, null), StepLauncher.context(p), log, "1.2.0");
        assertThat(log.text()).contains("answered 500").contains("the build goes on");
    }

    @Test
    void aMonitoringPassGoesToItsOwnGroupAndAFailureThereIsAWarningThatLeavesTheSummaryAlone() throws Exception {
        URI uri = fake(attempt -> attempt == 1 ? 200 : 503, Duration.ZERO);
        Map<String, Object> p = parameters(uri);
        String summary = Files.readString(model.resolve("summary.md"));

        PrometheusSteps.afterMonitor(
                settings(uri, true, null, null),
                StepLauncher.context(p),
                log,
                MonitoringReports.json(MonitoringReports.degradedAndDrifted()));

        assertThat(requests).containsExactly("PUT /metrics/job/ml-maven-plugin/model/credit-risk/stage/monitoring");
        assertThat(bodies.get(0))
                .contains("ml_model_degraded{model=\"credit-risk\",stage=\"monitoring\",version=\"1.3.0\"} 1\n");

        // the Pushgateway fails on the next pass: a warning, summary.md (the validation's) untouched
        PrometheusSteps.afterMonitor(
                settings(uri, false, null, null),
                StepLauncher.context(p),
                log,
                MonitoringReports.json(MonitoringReports.healthy()));
        assertThat(log.text()).contains("answered 503").contains("the build goes on");
        assertThat(Files.readString(model.resolve("summary.md"))).isEqualTo(summary);

        // and with failOnMonitoringError it is an error
        assertThatThrownBy(() -> PrometheusSteps.afterMonitor(
                        settings(uri, true, null, null),
                        StepLauncher.context(p),
                        log,
                        MonitoringReports.json(MonitoringReports.healthy())))
                .isInstanceOf(PushgatewayException.class)
                .hasMessageContaining("failOnMonitoringError is true");
    }

    @Test
    void settingsComeFromTheParametersWithoutShowingThePassword() {
        Map<String, Object> p = parameters(URI.create("http://pushgateway:9091"));
        p.put("failOnMonitoringError", true);
        p.put("prometheusUsername", "pusher");
        p.put("prometheusPassword", "hunter2");

        PrometheusSteps.Settings settings = PrometheusSteps.settings(StepLauncher.context(p));

        assertThat(settings.pushgateway()).isEqualTo(URI.create("http://pushgateway:9091"));
        assertThat(settings.job()).isEqualTo("ml-maven-plugin");
        assertThat(settings.failOnError()).isTrue();
        assertThat(settings.version()).isEqualTo("1.0.0");
        assertThat(settings.retry().maxAttempts()).isEqualTo(3);
        assertThat(settings.toString()).doesNotContain("hunter2");
    }

    private Map<String, Object> parameters(URI pushgateway) {
        Map<String, Object> p = new HashMap<>();
        p.put("outputDirectory", folder.toString());
        p.put("modelName", "credit-risk");
        p.put("prometheusPushgateway", pushgateway == null ? null : pushgateway.toString());
        p.put("projectVersion", "1.0.0");
        return p;
    }
}
