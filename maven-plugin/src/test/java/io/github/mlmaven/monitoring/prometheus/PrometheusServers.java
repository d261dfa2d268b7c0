package io.github.mlmaven.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Pushgateway and a real Prometheus (Debian's {@code prometheus-pushgateway} and {@code prometheus}) on free
 * loopback ports, Prometheus scraping the Pushgateway every second with {@code honor_labels: true}, their data and
 * logs in a temporary folder. Started by the test, stopped by {@link #close()}.
 */
final class PrometheusServers implements AutoCloseable {
    static final Path PUSHGATEWAY_BINARY = Path.of("/usr/bin/prometheus-pushgateway");
    static final Path PROMETHEUS_BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL_BINARY = Path.of("/usr/bin/promtool");

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path folder;
    private URI pushgateway;
    private URI prometheus;

    private PrometheusServers(Path folder) {
        this.folder = folder;
    }

    /** Whether both binaries are installed (.ci/run installs them with apt-get). */
    static boolean available() {
        return Files.isExecutable(PUSHGATEWAY_BINARY) && Files.isExecutable(PROMETHEUS_BINARY);
    }

    static PrometheusServers start(Path folder) throws IOException, InterruptedException {
        PrometheusServers servers = new PrometheusServers(folder);
        try {
            servers.startBoth();
        } catch (IOException | InterruptedException | RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    private void startBoth() throws IOException, InterruptedException {
        int pushPort = freePort();
        pushgateway = URI.create("http://127.0.0.1:" + pushPort);
        processes.add(launch(
                "pushgateway",
                PUSHGATEWAY_BINARY.toString(),
                "--web.listen-address=127.0.0.1:" + pushPort,
                "--persistence.file=" + folder.resolve("pushgateway.data")));
        waitUntilReady(pushgateway, "the Pushgateway");

        int promPort = freePort();
        prometheus = URI.create("http://127.0.0.1:" + promPort);
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(
                config,
                "global:\n"
                        + "  scrape_interval: 1s\n"
                        + "  evaluation_interval: 1s\n"
                        + "scrape_configs:\n"
                        + "  - job_name: pushgateway\n"
                        + "    honor_labels: true\n"
                        + "    static_configs:\n"
                        + "      - targets: ['127.0.0.1:" + pushPort + "']\n");
        processes.add(launch(
                "prometheus",
                PROMETHEUS_BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort));
        waitUntilReady(prometheus, "Prometheus");
    }

    URI pushgateway() {
        return pushgateway;
    }

    URI prometheus() {
        return prometheus;
    }

    /** The result vector of an instant query. */
    JsonNode query(String expr) throws IOException, InterruptedException {
        URI uri = URI.create(prometheus + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.MAPPER.readTree(response.body());
        if (response.statusCode() != 200
                || !"success".equals(json.path("status").asText())) {
            throw new IllegalStateException(
                    "query " + expr + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.path("data").path("result");
    }

    /** Polls {@code expr} until it returns at least one series (the scrape takes a second or two). */
    JsonNode awaitResult(String expr, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode result = query(expr);
        while (result.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            result = query(expr);
        }
        return result;
    }

    /** What the Pushgateway exposes at /metrics. */
    String pushgatewayMetrics() throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(pushgateway + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private Process launch(String name, String... command) throws IOException {
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile())
                .start();
    }

    private void waitUntilReady(URI base, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see the logs in "
                            + folder + ":\n" + logs());
                }
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/-/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " was not ready within 30 s; logs:\n" + logs());
    }

    String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                out.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        }
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
