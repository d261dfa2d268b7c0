package io.github.mlmaven.monitoring.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the MLflow tracking server's REST endpoints the plugin calls, on a free loopback port, with the
 * request and response bodies of MLflow's REST API documentation: experiments (get-by-name, create), runs (create,
 * log-batch, update, set-tag), artifacts (upload through the proxied artifact API, list), registered models (create,
 * get, alias) and model versions (create, search). The happy paths are tested against a real MLflow server
 * ({@link io.github.mlmaven.testing.MlflowServer}); this fake is for what a real server cannot be made to do on
 * demand. Errors
 * come as MLflow sends them, {@code {"error_code": "...", "message": "..."}}: RESOURCE_ALREADY_EXISTS (400),
 * RESOURCE_DOES_NOT_EXIST (404), INVALID_PARAMETER_VALUE (400) for a log-batch over MLflow's limits, 401 without the
 * expected credentials. Failures (a status, a stall, a closed connection) can be queued for the next requests.
 */
final class FakeMlflow implements AutoCloseable {
    static final String TOKEN = "mlflow-token-7f3a9c";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A request as the server saw it: path under /api/2.0/mlflow/, query decoded, header names in lower case. */
    record Request(
            String method, String endpoint, Map<String, String> query, Map<String, String> headers, JsonNode body) {}

    /** A queued failure for the next request to {@code endpoint} (null: any): a status, or a stall, or a close. */
    record Failure(String endpoint, int status, String errorCode, long stallMillis, boolean close) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Map<String, ObjectNode> experiments = new LinkedHashMap<>(); // by name
    private final Map<String, ObjectNode> runs = new LinkedHashMap<>(); // by id
    private final Map<String, ObjectNode> models = new LinkedHashMap<>(); // by name
    private final List<ObjectNode> versions = new ArrayList<>();
    private final Map<String, byte[]> artifacts = new LinkedHashMap<>(); // by path under the artifact root
    private String authorization = "Bearer " + TOKEN;
    private int maxParamValue = RunData.MAX_PARAM_VALUE;
    private int pageSize = 1000;
    private String artifactRoot = "mlflow-artifacts:";
    private int nextId = 1;

    private FakeMlflow(HttpServer server) {
        this.server = server;
    }

    static FakeMlflow start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeMlflow fake = new FakeMlflow(server);
            server.createContext("/", fake::handle);
            server.setExecutor(fake.executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** The Authorization header the server accepts (null: none needed). */
    synchronized FakeMlflow expectAuthorization(String header) {
        this.authorization = header;
        return this;
    }

    /** A server before MLflow 2.9 (2.3.2): param values up to 500 characters. */
    synchronized FakeMlflow maxParamValue(int max) {
        this.maxParamValue = max;
        return this;
    }

    /** The artifact root of new runs: {@code mlflow-artifacts:} (served by the server) unless set, e.g. to s3://... */
    synchronized FakeMlflow artifactRoot(String root) {
        this.artifactRoot = root;
        return this;
    }

    synchronized FakeMlflow pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    synchronized FakeMlflow fail(Failure failure) {
        failures.add(failure);
        return this;
    }

    static Failure status(String endpoint, int status) {
        return new Failure(endpoint, status, status >= 500 ? "INTERNAL_ERROR" : null, 0, false);
    }

    static Failure stall(String endpoint, long millis) {
        return new Failure(endpoint, 0, null, millis, false);
    }

    static Failure closedConnection(String endpoint) {
        return new Failure(endpoint, 0, null, 0, true);
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> requests(String endpoint) {
        return requests().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    synchronized ObjectNode run(String id) {
        return runs.get(id);
    }

    synchronized List<ObjectNode> runs() {
        return List.copyOf(runs.values());
    }

    synchronized ObjectNode model(String name) {
        return models.get(name);
    }

    synchronized List<ObjectNode> versions() {
        return List.copyOf(versions);
    }

    /** The uploaded artifacts, by path under the artifact root ({@code <experiment>/<run>/artifacts/<path>}). */
    synchronized Map<String, byte[]> artifacts() {
        return Map.copyOf(artifacts);
    }

    synchronized void addExperiment(String name) {
        experiment(name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            boolean artifact = path.startsWith(MlflowClient.ARTIFACTS_API);
            String endpoint = path.startsWith(MlflowClient.API)
                    ? path.substring(MlflowClient.API.length())
                    : artifact
                            ? "mlflow-artifacts/"
                                    + URLDecoder.decode(
                                            path.substring(MlflowClient.ARTIFACTS_API.length()), StandardCharsets.UTF_8)
                            : path;
            Map<String, String> query = query(uri.getRawQuery());
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            // an artifact's body is the file's bytes, kept as they came
            JsonNode body = artifact ? F.binaryNode(raw) : raw.length == 0 ? F.objectNode() : Json.MAPPER.readTree(raw);
            requests.add(new Request(exchange.getRequestMethod(), endpoint, query, headers, body));
            Failure failure = nextFailure(endpoint);
            if (failure != null && failure.close()) {
                return; // closing the exchange before any response closes the connection
            }
            if (failure != null && failure.stallMillis() > 0) {
                try {
                    Thread.sleep(failure.stallMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 503, error("TEMPORARILY_UNAVAILABLE", "stalled"));
                return;
            }
            if (failure != null) {
                send(exchange, failure.status(), error(failure.errorCode(), "injected failure"));
                return;
            }
            String expected;
            synchronized (this) {
                expected = authorization;
            }
            if (expected != null && !expected.equals(headers.get("authorization"))) {
                send(exchange, 401, error("UNAUTHENTICATED", "Credential was not supplied or is invalid"));
                return;
            }
            Answer answer;
            synchronized (this) {
                answer = answer(exchange.getRequestMethod(), endpoint, query, body);
            }
            send(exchange, answer.status(), answer.body());
        }
    }

    private record Answer(int status, JsonNode body) {}

    private synchronized Failure nextFailure(String endpoint) {
        for (Failure f : failures) {
            if (f.endpoint() == null || f.endpoint().equals(endpoint)) {
                failures.remove(f);
                return f;
            }
        }
        return null;
    }

    private Answer answer(String method, String endpoint, Map<String, String> query, JsonNode body) {
        String route = method + " " + endpoint;
        if (route.startsWith("PUT mlflow-artifacts/")) {
            artifacts.put(endpoint.substring("mlflow-artifacts/".length()), ((BinaryNode) body).binaryValue());
            return ok(F.objectNode());
        }
        switch (route) {
            case "GET artifacts/list" -> {
                ObjectNode run = runs.get(query.get("run_id"));
                if (run == null) {
                    return notFound("Run '" + query.get("run_id") + "' not found");
                }
                String root =
                        run.get("info").get("artifact_uri").asText().substring("mlflow-artifacts:/".length()) + "/";
                String folder = query.getOrDefault("path", "");
                ObjectNode answer = F.objectNode()
                        .put("root_uri", run.get("info").get("artifact_uri").asText());
                ArrayNode files = F.arrayNode();
                artifacts.forEach((key, bytes) -> {
                    if (key.startsWith(root + (folder.isEmpty() ? "" : folder + "/"))) {
                        files.add(F.objectNode()
                                .put("path", key.substring(root.length()))
                                .put("is_dir", false)
                                .put("file_size", bytes.length));
                    }
                });
                if (!files.isEmpty()) {
                    answer.set("files", files);
                }
                return ok(answer);
            }
            case "GET experiments/get-by-name" -> {
                ObjectNode experiment = experiments.get(query.get("experiment_name"));
                if (experiment == null) {
                    return notFound("Could not find experiment with name '" + query.get("experiment_name") + "'");
                }
                return ok(F.objectNode().set("experiment", experiment));
            }
            case "POST experiments/create" -> {
                String name = body.path("name").asText();
                if (name.isEmpty()) {
                    return invalid("Missing value for required parameter 'name'");
                }
                if (experiments.containsKey(name)) {
                    return new Answer(
                            400, error("RESOURCE_ALREADY_EXISTS", "Experiment(name=" + name + ") already exists."));
                }
                return ok(F.objectNode()
                        .put(
                                "experiment_id",
                                experiment(name).get("experiment_id").asText()));
            }
            case "POST runs/create" -> {
                String experimentId = body.path("experiment_id").asText();
                if (experiments.values().stream()
                        .noneMatch(e -> e.get("experiment_id").asText().equals(experimentId))) {
                    return notFound("No Experiment with id=" + experimentId + " exists");
                }
                String id = String.format(Locale.ROOT, "%032x", nextId++);
                ObjectNode info = F.objectNode()
                        .put("run_id", id)
                        .put("run_uuid", id)
                        .put("run_name", body.path("run_name").asText())
                        .put("experiment_id", experimentId)
                        .put("user_id", "")
                        .put("status", "RUNNING")
                        .put("start_time", body.path("start_time").asLong())
                        .put("artifact_uri", artifactRoot + "/" + experimentId + "/" + id + "/artifacts")
                        .put("lifecycle_stage", "active");
                ObjectNode data = F.objectNode();
                data.set("metrics", F.arrayNode());
                data.set("params", F.arrayNode());
                data.set("tags", body.has("tags") ? body.get("tags").deepCopy() : F.arrayNode());
                ObjectNode run = F.objectNode();
                run.set("info", info);
                run.set("data", data);
                runs.put(id, run);
                return ok(F.objectNode().set("run", run));
            }
            case "POST runs/log-batch" -> {
                ObjectNode run = runs.get(body.path("run_id").asText());
                if (run == null) {
                    return notFound("Run '" + body.path("run_id").asText() + "' not found");
                }
                int metrics = body.path("metrics").size();
                int params = body.path("params").size();
                int tags = body.path("tags").size();
                if (metrics > 1000) {
                    return invalid("A batch logging request can contain at most 1000 metrics. Got " + metrics
                            + " metrics. Please split up metrics across multiple requests and try again.");
                }
                if (params > 100) {
                    return invalid("A batch logging request can contain at most 100 params. Got " + params
                            + " params. Please split up params across multiple requests and try again.");
                }
                if (tags > 100) {
                    return invalid("A batch logging request can contain at most 100 tags. Got " + tags
                            + " tags. Please split up tags across multiple requests and try again.");
                }
                if (metrics + params + tags > 1000) {
                    return invalid("A batch logging request can contain at most 1000 total entities");
                }
                for (JsonNode p : body.path("params")) {
                    if (p.path("key").asText().length() > 250) {
                        return invalid("Param key '" + p.path("key").asText() + "' had length > 250");
                    }
                    if (p.path("value").asText().length() > maxParamValue) {
                        return invalid("Param value '"
                                + p.path("value").asText().substring(0, 20)
                                + "...' had length " + p.path("value").asText().length()
                                + ", which exceeded length limit of " + maxParamValue);
                    }
                }
                for (JsonNode m : body.path("metrics")) {
                    if (!m.path("value").isNumber() || !m.has("timestamp")) {
                        return invalid("Invalid metric " + m);
                    }
                }
                ((ArrayNode) run.get("data").get("metrics")).addAll((ArrayNode) body.path("metrics"));
                ((ArrayNode) run.get("data").get("params")).addAll((ArrayNode) body.path("params"));
                ((ArrayNode) run.get("data").get("tags")).addAll((ArrayNode) body.path("tags"));
                return ok(F.objectNode());
            }
            case "POST runs/update" -> {
                ObjectNode run = runs.get(body.path("run_id").asText());
                if (run == null) {
                    return notFound("Run '" + body.path("run_id").asText() + "' not found");
                }
                ObjectNode info = (ObjectNode) run.get("info");
                info.put("status", body.path("status").asText());
                info.put("end_time", body.path("end_time").asLong());
                return ok(F.objectNode().set("run_info", info));
            }
            case "POST runs/set-tag" -> {
                ObjectNode run = runs.get(body.path("run_id").asText());
                if (run == null) {
                    return notFound("Run '" + body.path("run_id").asText() + "' not found");
                }
                ((ArrayNode) run.get("data").get("tags"))
                        .add(F.objectNode()
                                .put("key", body.path("key").asText())
                                .put("value", body.path("value").asText()));
                return ok(F.objectNode());
            }
            case "POST registered-models/create" -> {
                String name = body.path("name").asText();
                if (models.containsKey(name)) {
                    return new Answer(
                            400,
                            error("RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists."));
                }
                ObjectNode model = F.objectNode()
                        .put("name", name)
                        .put("creation_timestamp", System.currentTimeMillis())
                        .put("last_updated_timestamp", System.currentTimeMillis());
                model.set("aliases", F.arrayNode());
                models.put(name, model);
                return ok(F.objectNode().set("registered_model", model));
            }
            case "GET registered-models/get" -> {
                ObjectNode model = models.get(query.get("name"));
                return model == null
                        ? notFound("Registered Model with name=" + query.get("name") + " not found")
                        : ok(F.objectNode().set("registered_model", model));
            }
            case "POST model-versions/create" -> {
                String name = body.path("name").asText();
                if (!body.path("source").asText().startsWith("runs:/") || !body.hasNonNull("run_id")) {
                    return invalid("Invalid model version source: '"
                            + body.path("source").asText() + "'.");
                }
                if (!models.containsKey(name)) {
                    return notFound("Registered Model with name=" + name + " not found");
                }
                long number = versions.stream()
                                .filter(v -> v.get("name").asText().equals(name))
                                .count()
                        + 1;
                ObjectNode version = F.objectNode()
                        .put("name", name)
                        .put("version", String.valueOf(number))
                        .put("creation_timestamp", System.currentTimeMillis())
                        .put("current_stage", "None")
                        .put("source", body.path("source").asText())
                        .put("status", "READY");
                if (body.hasNonNull("run_id")) {
                    version.put("run_id", body.get("run_id").asText());
                }
                version.set("tags", body.has("tags") ? body.get("tags").deepCopy() : F.arrayNode());
                versions.add(version);
                return ok(F.objectNode().set("model_version", version));
            }
            case "POST registered-models/alias" -> {
                ObjectNode model = models.get(body.path("name").asText());
                if (model == null) {
                    return notFound(
                            "Registered Model with name=" + body.path("name").asText() + " not found");
                }
                String version = body.path("version").asText();
                if (versions.stream()
                        .noneMatch(v -> v.get("name").equals(model.get("name"))
                                && v.get("version").asText().equals(version))) {
                    return notFound("Model Version (name=" + model.get("name").asText() + ", version=" + version
                            + ") not found");
                }
                ArrayNode aliases = (ArrayNode) model.get("aliases");
                for (int i = aliases.size() - 1; i >= 0; i--) {
                    if (aliases.get(i)
                            .get("alias")
                            .asText()
                            .equals(body.path("alias").asText())) {
                        aliases.remove(i);
                    }
                }
                aliases.add(
                        F.objectNode().put("alias", body.path("alias").asText()).put("version", version));
                return ok(F.objectNode());
            }
            case "GET model-versions/search" -> {
                String filter = query.getOrDefault("filter", "");
                String name = filter.startsWith("name='") && filter.endsWith("'")
                        ? filter.substring(6, filter.length() - 1)
                        : null;
                List<ObjectNode> matching = versions.stream()
                        .filter(v -> name == null || v.get("name").asText().equals(name))
                        .toList();
                int from = query.containsKey("page_token") ? Integer.parseInt(query.get("page_token")) : 0;
                int size = Math.min(pageSize, Integer.parseInt(query.getOrDefault("max_results", "1000")));
                int to = Math.min(matching.size(), from + size);
                ObjectNode answer = F.objectNode();
                ArrayNode page = answer.putArray("model_versions");
                matching.subList(from, to).forEach(page::add);
                if (to < matching.size()) {
                    answer.put("next_page_token", String.valueOf(to));
                }
                return ok(answer);
            }
            default -> {
                return new Answer(404, error("ENDPOINT_NOT_FOUND", "No endpoint " + route));
            }
        }
    }

    private ObjectNode experiment(String name) {
        return experiments.computeIfAbsent(name, n -> {
            ObjectNode e = F.objectNode()
                    .put("experiment_id", String.valueOf(100 + experiments.size()))
                    .put("name", n)
                    .put("artifact_location", "mlflow-artifacts:/" + n)
                    .put("lifecycle_stage", "active")
                    .put("creation_time", System.currentTimeMillis())
                    .put("last_update_time", System.currentTimeMillis());
            e.set("tags", F.arrayNode());
            return e;
        });
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private static Answer notFound(String message) {
        return new Answer(404, error("RESOURCE_DOES_NOT_EXIST", message));
    }

    private static Answer invalid(String message) {
        return new Answer(400, error("INVALID_PARAMETER_VALUE", message));
    }

    private static JsonNode error(String code, String message) {
        ObjectNode node = F.objectNode();
        if (code != null) {
            node.put("error_code", code);
        }
        return node.put("message", message);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
