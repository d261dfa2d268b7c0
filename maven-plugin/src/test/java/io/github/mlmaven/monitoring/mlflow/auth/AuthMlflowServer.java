package io.github.mlmaven.monitoring.mlflow.auth;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code mlflow server} for the authentication tests, from the virtual environment of
 * {@code .ci/mlflow/install.sh}: on a free loopback port, with a SQLite backend store and proxied artifacts in a
 * directory of its own, the extra arguments and environment the test gives (the basic-auth app and its ini file).
 * The environment is the system property {@code ml.test.mlflowHome}, by default MLflow 3.18.0 in
 * {@code ~/.cache/ml-maven-plugin}, so the same tests run against another MLflow version by that property.
 */
final class AuthMlflowServer implements AutoCloseable {
    static final String HOME_PROPERTY = "ml.test.mlflowHome";
    /**
     * MLflow 3 answers /health after ~18 s on an idle machine; on a loaded CI machine it took up to ~50 s, and the
     * model is trained meanwhile.
     */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final URI uri;
    private final Path log;
    private final long startedAt = System.nanoTime();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AuthMlflowServer(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** The virtual environment the tests use. */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "ml-maven-plugin", "mlflow-3.18.0");
    }

    /** Skips the calling test class (an assumption) when MLflow is not installed where {@link #home()} says. */
    static void assumeInstalled() {
        Path mlflow = home().resolve("bin").resolve("mlflow");
        Assumptions.assumeTrue(
                Files.isExecutable(mlflow),
                "MLflow is not installed at " + home() + " (no bin/mlflow): run bash .ci/mlflow/install.sh, or point -D"
                        + HOME_PROPERTY + " at an environment where it is");
    }

    /**
     * True when the installed MLflow's basic-auth app reads {@code authorization_function} from its ini file (MLflow
     * 2.5 and later); asked of the environment's own Python rather than guessed from a version number.
     */
    static boolean supportsAuthorizationFunction() {
        ProcessBuilder check = new ProcessBuilder(
                        home().resolve("bin").resolve("python").toString(),
                        "-c",
                        "from mlflow.server.auth.config import AuthConfig; "
                                + "print('authorization_function' in AuthConfig._fields)")
                .redirectErrorStream(true);
        try {
            Process python = check.start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return python.waitFor() == 0 && out.strip().endsWith("True");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts {@code mlflow server} in {@code dir} and returns at once: the caller prepares what it needs meanwhile,
     * then calls {@link #awaitHealth()}.
     */
    static AuthMlflowServer launch(Path dir, List<String> extraArgs, Map<String, String> env) throws IOException {
        assumeInstalled();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                home().resolve("bin").resolve("mlflow").toString(),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--backend-store-uri",
                "sqlite:///" + dir.toAbsolutePath().resolve("mlflow.db"),
                "--artifacts-destination",
                dir.toAbsolutePath().resolve("artifacts").toString(),
                // one worker: fewer processes on a small machine, and MLflow 2.3's basic-auth app fails to start with
                // several (each worker creates the admin user, all but the first fail on the unique name)
                "--workers",
                "1"));
        command.addAll(extraArgs);
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // MLflow 2.x starts gunicorn by its bare name: the environment's bin directory must be on the PATH
        String path = System.getenv("PATH");
        builder.environment()
                .put("PATH", home().resolve("bin") + (path == null ? "" : java.io.File.pathSeparator + path));
        builder.environment().putAll(env);
        return new AuthMlflowServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Returns once the server answers {@code /health}; fails with its log when it exits or takes too long. */
    void awaitHealth() {
        long deadline = startedAt + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("mlflow server exited with " + process.exitValue() + " before answering /health:\n" + logTail());
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(uri.resolve("/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                // up: MLflow 2.3's basic-auth app asks for credentials on /health too, later ones answer OK
                if (health.statusCode() == 200 || health.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                fail("interrupted while waiting for mlflow server");
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        fail("mlflow server did not answer /health within " + STARTUP.toSeconds() + " s:\n" + logTail());
    }

    URI uri() {
        return uri;
    }

    /** The last lines of the server's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer of the REST API, read back outside the plugin's client. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** GET {@code /api/2.0/mlflow/<endpoint>?<query>} with the given Authorization header (null: none). */
    Answer get(String endpoint, Map<String, String> query, String authorization) {
        String q = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(uri.resolve("/api/2.0/mlflow/" + endpoint + (q.isEmpty() ? "" : "?" + q)))
                        .GET(),
                authorization);
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body. */
    Answer post(String endpoint, Map<String, ?> body, String authorization) {
        try {
            return send(
                    HttpRequest.newBuilder(uri.resolve("/api/2.0/mlflow/" + endpoint))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))),
                    authorization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body in the order written. */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /**
     * Stops the server and every process it started (the web server's workers, MLflow 3's job runners): they are
     * listed before the parent is stopped, since once it is gone they no longer descend from it.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
