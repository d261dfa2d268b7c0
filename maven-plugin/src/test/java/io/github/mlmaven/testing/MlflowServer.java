package io.github.mlmaven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.runtime.Json;
import java.io.File;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MLflow tracking server with its model registry for the tests: {@code <home>/bin/mlflow server} on a free
 * loopback port, with a SQLite backend store and an artifact destination in a temp folder of its own, stopped (and the
 * folder deleted) on {@link #close()} or, for {@link #shared()}, when the test JVM exits. {@code <home>} is the virtual
 * environment {@code bash .ci/mlflow/install.sh} makes, given by the system property {@value #HOME_PROPERTY} (surefire
 * sets it from the Maven property of the same name). Without it the calling test is skipped (a JUnit assumption, which
 * {@link SkippedTestsReport} prints with the command that installs MLflow).
 *
 * <p>Tests share one server and keep apart by unique experiment and model names ({@link #unique(String)}); the
 * read-back helpers go through MLflow's REST API with the JDK's HTTP client, not through the plugin's client under
 * test. A test that needs a server of its own (the basic-auth app) {@link #launch(List, Map) launches} one, prepares
 * what it needs while MLflow starts, then {@link #awaitHealth() awaits} it. The same tests run against another MLflow
 * version by pointing {@value #HOME_PROPERTY} at its environment.
 */
public final class MlflowServer implements AutoCloseable {
    public static final String HOME_PROPERTY = "ml.test.mlflowHome";
    /**
     * MLflow 3 answers /health after ~18 s on an idle machine; on a loaded CI machine it took up to ~50 s.
     */
    private static final long START_TIMEOUT_SECONDS = 120;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(START_TIMEOUT_SECONDS);
    /** How long the server's processes get to exit after SIGTERM before they are killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static MlflowServer shared;
    private static String sharedFailure;
    private static String version;

    private final Process process;
    private final Path dir;
    private final Path logFile;
    private final URI uri;
    private final long started;
    private volatile Duration startUp;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MlflowServer(Process process, Path dir, Path logFile, URI uri, long started) {
        this.process = process;
        this.dir = dir;
        this.logFile = logFile;
        this.uri = uri;
        this.started = started;
    }

    /** The MLflow environment's directory, or a skipped test when MLflow is not installed there. */
    public static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "ml-maven-plugin", "mlflow-3.18.0")
                : Path.of(configured);
        Assumptions.assumeTrue(
                Files.isExecutable(home.resolve("bin").resolve("mlflow")),
                () -> "MLflow is not installed in " + home + " (-D" + HOME_PROPERTY + "); run bash"
                        + " .ci/mlflow/install.sh to install it, and the tests against a real MLflow server run");
        return home;
    }

    /**
     * The server of this test JVM, started on first use (about 20 s) and stopped when the JVM exits. A server that
     * failed to start fails every test that asks for it with the same message, without a second attempt.
     */
    public static synchronized MlflowServer shared() {
        Path home = home();
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure);
        }
        if (shared == null) {
            try {
                shared = start(home, List.of(), Map.of());
            } catch (RuntimeException e) {
                sharedFailure = e.getMessage();
                throw e;
            }
            MlflowServer server = shared;
            System.out.println("[MLflow] " + home.getFileName() + " server at " + server.uri()
                    + " answered /health after " + server.startUp().toMillis() + " ms");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mlflow-server-stop"));
        }
        return shared;
    }

    /** A server of its own (close it), e.g. with {@code --app-name basic-auth} and the environment that app reads. */
    public static MlflowServer start(List<String> extraArgs, Map<String, String> env) {
        return start(home(), extraArgs, env);
    }

    private static MlflowServer start(Path home, List<String> extraArgs, Map<String, String> env) {
        MlflowServer server = launch(home, extraArgs, env);
        server.awaitHealth();
        return server;
    }

    /**
     * Starts a server of its own (close it) and returns at once: the caller prepares what it needs while MLflow
     * starts, then calls {@link #awaitHealth()}.
     */
    public static MlflowServer launch(List<String> extraArgs, Map<String, String> env) {
        return launch(home(), extraArgs, env);
    }

    private static MlflowServer launch(Path home, List<String> extraArgs, Map<String, String> env) {
        long started = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("mlflow-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin").resolve("mlflow").toString(),
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
        // the server's own telemetry and any tracking URI of the developer's shell stay out of the tests
        builder.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
        builder.environment().put("DO_NOT_TRACK", "true");
        // the job runner (a pool of huey consumers for MLflow's GenAI jobs) is not used by the plugin
        builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        builder.environment().remove("MLFLOW_TRACKING_URI");
        // MLflow 2.x starts gunicorn by its bare name: the environment's bin directory must come first on the PATH
        String path = System.getenv("PATH");
        builder.environment()
                .put("PATH", home.resolve("bin") + (path == null || path.isEmpty() ? "" : File.pathSeparator + path));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            delete(dir);
            throw new IllegalStateException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
        return new MlflowServer(process, dir, log, URI.create("http://127.0.0.1:" + port), started);
    }

    /**
     * Returns once the server answers {@code /health} (at once when it already did); stops it and fails with its log
     * tail when it exits first or takes longer than {@value #START_TIMEOUT_SECONDS} s.
     */
    public void awaitHealth() {
        if (startUp != null) {
            return;
        }
        Path log = logFile;
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail(log);
                close();
                throw new IllegalStateException("mlflow server exited with " + process.exitValue()
                        + " before answering /health; its log ends with:\n" + tail);
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(uri.resolve("/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                // up: MLflow 2.3's basic-auth app asks for credentials on /health too, later ones answer OK
                if (health.statusCode() == 200 || health.statusCode() == 401) {
                    startUp = Duration.ofNanos(System.nanoTime() - started);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for mlflow server", e);
            }
            sleep(250);
        }
        String tail = tail(log);
        close();
        throw new IllegalStateException("mlflow server did not answer /health within " + START_TIMEOUT.toSeconds()
                + " s; its log ends with:\n" + tail);
    }

    /** http://127.0.0.1:port, the tracking URI to configure. */
    public URI uri() {
        return uri;
    }

    /** From the start of the process to the first answer of /health (null before {@link #awaitHealth()}). */
    public Duration startUp() {
        return startUp;
    }

    /** The last 40 lines of the server's log. */
    public String logTail() {
        return tail(logFile);
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code prefix-<n>-<time>}: a name no other test of this or an earlier JVM uses on a shared server. */
    public static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** GET {@code /api/2.0/mlflow/<endpoint>?<query>}, with {@code headers}; fails unless the answer is 200. */
    public JsonNode get(String endpoint, Map<String, String> query, String... headers) {
        return json(send("GET", apiPath(endpoint, query), null, headers));
    }

    /** GET {@code /api/2.0/mlflow/<endpoint>?<query>}, whatever the answer (e.g. to assert a 404). */
    public HttpResponse<String> getAnswer(String endpoint, Map<String, String> query, String... headers) {
        return request("GET", apiPath(endpoint, query), null, headers);
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body, whatever the answer. */
    public HttpResponse<String> postAnswer(String endpoint, Object body, String... headers) {
        try {
            return request("POST", "/api/2.0/mlflow/" + endpoint, Json.MAPPER.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String apiPath(String endpoint, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "/api/2.0/mlflow/" + endpoint + (q.isEmpty() ? "" : "?" + q);
    }

    private static JsonNode json(HttpResponse<String> answer) {
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + answer.statusCode() + "): " + answer.body(), e);
        }
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body; fails unless the answer is 200. */
    public JsonNode post(String endpoint, Object body, String... headers) {
        try {
            return json(send("POST", "/api/2.0/mlflow/" + endpoint, Json.MAPPER.writeValueAsString(body), headers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers {@code Authorization: Basic ...} of a user, for the read-back helpers. */
    public static String[] basic(String username, String password) {
        return new String[] {
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
        };
    }

    /** The headers {@code Authorization: Bearer <token>}, for the read-back helpers. */
    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** A JSON body with its keys in the order written. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /**
     * True when the installed MLflow's basic-auth app reads {@code authorization_function} from its ini file (MLflow
     * 2.5 and later); asked of the environment's own Python rather than guessed from a version number.
     */
    public static boolean supportsAuthorizationFunction() {
        return python("from mlflow.server.auth.config import AuthConfig; "
                        + "print('authorization_function' in AuthConfig._fields)")
                .strip()
                .endsWith("True");
    }

    /** The installed MLflow's version, e.g. {@code 2.3.2}, as its own package says ("" when it cannot be asked). */
    public static synchronized String version() {
        if (version == null) {
            String out = python("import mlflow; print(mlflow.__version__)").strip();
            version = out.matches("\\d+(\\.\\d+)+\\S*") ? out : "";
        }
        return version;
    }

    /** True when the installed MLflow is older than {@code major.minor}. */
    public static boolean olderThan(int major, int minor) {
        String[] parts = version().split("\\.");
        String minorDigits = parts.length < 2 ? "" : parts[1].replaceAll("\\D.*", "");
        if (minorDigits.isEmpty()) {
            return false;
        }
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(minorDigits);
        return ma < major || (ma == major && mi < minor);
    }

    private static String python(String code) {
        ProcessBuilder check = new ProcessBuilder(
                        home().resolve("bin").resolve("python").toString(), "-c", code)
                .redirectErrorStream(true);
        try {
            Process python = check.start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return python.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** GET runs/get: {@code {"info": ..., "data": {"metrics", "params", "tags"}}}. */
    public JsonNode run(String runId, String... headers) {
        return get("runs/get", Map.of("run_id", runId), headers).path("run");
    }

    /** The runs of an experiment (runs/search), newest first. */
    public List<JsonNode> runs(String experimentId, String... headers) {
        JsonNode answer = post(
                "runs/search",
                Map.of(
                        "experiment_ids",
                        List.of(experimentId),
                        "max_results",
                        1000,
                        "order_by",
                        List.of("attributes.start_time DESC")),
                headers);
        List<JsonNode> runs = new ArrayList<>();
        answer.path("runs").forEach(runs::add);
        return runs;
    }

    /** The id of the experiment named {@code name}; fails when there is none. */
    public String experimentId(String name, String... headers) {
        return get("experiments/get-by-name", Map.of("experiment_name", name), headers)
                .path("experiment")
                .path("experiment_id")
                .asText();
    }

    /** The bytes of a run artifact, through the proxied artifact API the server serves by default. */
    public byte[] artifact(String experimentId, String runId, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(
                        "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/" + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new AssertionError("MLflow answered " + answer.statusCode() + " to the download of " + path + ": "
                        + new String(answer.body(), StandardCharsets.UTF_8));
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The artifact paths of a run under {@code path} ("" for the root), as artifacts/list gives them. */
    public List<String> artifactPaths(String runId, String path, String... headers) {
        List<String> paths = new ArrayList<>();
        get("artifacts/list", Map.of("run_id", runId, "path", path), headers)
                .path("files")
                .forEach(f -> paths.add(f.path("path").asText()));
        return paths;
    }

    /** Any request; fails with the server's answer unless it is 200. Headers as name, value, name, value ... */
    public HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpResponse<String> answer = request(method, path, json, headers);
        if (answer.statusCode() != 200) {
            throw new AssertionError(
                    "MLflow answered " + answer.statusCode() + " to " + method + " " + path + ": " + answer.body());
        }
        return answer;
    }

    /** Any request, whatever the answer. Headers as name, value, name, value ... */
    public HttpResponse<String> request(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    method + " " + path + ": " + e.getMessage() + "; server log:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the server and every process it started (gunicorn/uvicorn workers, MLflow 3's job runners), killing those
     * still alive after a grace period, and deletes its folder. The descendants are listed before the parent is
     * stopped: once it is gone they no longer descend from it.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
        delete(dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
