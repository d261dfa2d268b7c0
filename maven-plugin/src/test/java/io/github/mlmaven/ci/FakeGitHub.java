package io.github.mlmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the few GitHub REST endpoints the plugin calls, on a free loopback port, answering with the shapes and
 * status codes GitHub documents: list (paginated with a Link header), create and update issue comments; the review
 * history (approvals) of a workflow run; 401 for a wrong token, 404 for an unknown repository, pull request or comment.
 * Failures can be queued for the next matching requests.
 */
final class FakeGitHub implements AutoCloseable {
    static final String REPOSITORY = "octocat/Hello-World";
    static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final Pattern LIST_OR_CREATE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern UPDATE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
    private static final Pattern APPROVALS = Pattern.compile("/repos/([^/]+/[^/]+)/actions/runs/(\\d+)/approvals");

    /** A request as the server saw it: header names in lower case. */
    record Request(String method, String pathAndQuery, Map<String, String> headers, String body) {}

    /** A queued failure for the next request whose method matches (null: any). */
    record Failure(String method, int status, Map<String, String> headers, String body, boolean close, boolean apply) {}

    private final HttpServer server;
    private final Map<Integer, List<ObjectNode>> comments = new TreeMap<>();
    private final Map<String, ArrayNode> approvals = new TreeMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Failure> failures = new ArrayDeque<>();
    private long nextId = 1_000_000;

    private FakeGitHub(HttpServer server) {
        this.server = server;
    }

    static FakeGitHub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeGitHub fake = new FakeGitHub(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake GitHub", e);
        }
    }

    /** The API base URL, as {@code GITHUB_API_URL} holds it. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An open pull request (an issue) that may be commented on. */
    synchronized FakeGitHub pullRequest(int number) {
        comments.putIfAbsent(number, new ArrayList<>());
        return this;
    }

    /** A comment someone else left. */
    synchronized ObjectNode existingComment(int number, String body, String login) {
        return addComment(number, body, login, "User");
    }

    synchronized List<ObjectNode> comments(int number) {
        return List.copyOf(comments.getOrDefault(number, List.of()));
    }

    /** A review of a run's deployment: {@code approved} or {@code rejected}. */
    synchronized FakeGitHub review(String runId, String state, String login, String comment, String environment) {
        ObjectNode review = Json.MAPPER.createObjectNode();
        review.put("state", state);
        review.put("comment", comment);
        ObjectNode env = review.putArray("environments").addObject();
        env.put("id", 161088068);
        env.put("node_id", "MDExOkVudmlyb25tZW50MTYxMDg4MDY4");
        env.put("name", environment);
        env.put("url", apiUrl() + "/repos/" + REPOSITORY + "/environments/" + environment);
        env.put(
                "html_url",
                "https://github.com/" + REPOSITORY + "/deployments/activity_log?environments_filter=" + environment);
        env.put("created_at", "2020-11-23T22:00:40Z");
        env.put("updated_at", "2020-11-23T22:00:40Z");
        review.set("user", user(login, "User"));
        approvals.computeIfAbsent(runId, id -> Json.MAPPER.createArrayNode()).add(review);
        return this;
    }

    /** A run without reviews (a job bound to no protected environment). */
    synchronized FakeGitHub run(String runId) {
        approvals.computeIfAbsent(runId, id -> Json.MAPPER.createArrayNode());
        return this;
    }

    synchronized FakeGitHub failNext(Failure failure) {
        failures.add(failure);
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    long count(String method) {
        return requests().stream().filter(r -> r.method().equals(method)).count();
    }

    // ---- failures GitHub documents

    static Failure serverError(String method) {
        return new Failure(method, 500, Map.of(), "{\"message\":\"Server Error\"}", false, false);
    }

    /** GitHub created the comment but the answer was lost as a 502 on the way back. */
    static Failure appliedButBadGateway(String method) {
        return new Failure(method, 502, Map.of(), "<html>502 Bad Gateway</html>", false, true);
    }

    static Failure tooManyRequests(String method, int retryAfterSeconds) {
        return new Failure(
                method,
                429,
                Map.of("retry-after", String.valueOf(retryAfterSeconds)),
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try"
                        + " again.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}",
                false,
                false);
    }

    static Failure rateLimited(String method, long resetEpochSecond) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-limit", "1000");
        headers.put("x-ratelimit-remaining", "0");
        headers.put("x-ratelimit-used", "1000");
        headers.put("x-ratelimit-reset", String.valueOf(resetEpochSecond));
        headers.put("x-ratelimit-resource", "core");
        return new Failure(
                method,
                403,
                headers,
                "{\"message\":\"API rate limit exceeded for installation ID 1234.\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}",
                false,
                false);
    }

    static Failure forbidden(String method) {
        return new Failure(
                method,
                403,
                Map.of("x-ratelimit-remaining", "4999"),
                "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/issues/comments#create-an-issue-comment\",\"status\":\"403\"}",
                false,
                false);
    }

    static Failure closedConnection(String method) {
        return new Failure(method, 0, Map.of(), "", true, false);
    }

    // ---- the server

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            requests.add(new Request(
                    method,
                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                    headers,
                    body));
            Failure failure = nextFailure(method);
            if (failure != null && failure.close()) {
                return; // closing the exchange before any response closes the connection
            }
            if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
                send(
                        exchange,
                        401,
                        Map.of(),
                        "{\"message\":\"Bad credentials\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest\",\"status\":\"401\"}");
                return;
            }
            if (failure != null && !failure.apply()) {
                send(exchange, failure.status(), failure.headers(), failure.body());
                return;
            }
            Answer answer = route(method, uri, body);
            if (failure != null) {
                send(exchange, failure.status(), failure.headers(), failure.body());
            } else {
                send(exchange, answer.status(), answer.headers(), answer.body());
            }
        }
    }

    private synchronized Failure nextFailure(String method) {
        Failure next = failures.peek();
        if (next != null && (next.method() == null || next.method().equals(method))) {
            return failures.poll();
        }
        return null;
    }

    private record Answer(int status, Map<String, String> headers, String body) {}

    private synchronized Answer route(String method, URI uri, String body) throws IOException {
        String path = uri.getRawPath();
        Matcher m = LIST_OR_CREATE.matcher(path);
        if (m.matches() && m.group(1).equals(REPOSITORY) && comments.containsKey(Integer.parseInt(m.group(2)))) {
            int number = Integer.parseInt(m.group(2));
            if (method.equals("GET")) {
                return list(number, query(uri));
            }
            if (method.equals("POST")) {
                ObjectNode comment = addComment(
                        number, Json.MAPPER.readTree(body).get("body").asText(), "github-actions[bot]", "Bot");
                return new Answer(201, Map.of("location", comment.get("url").asText()), json(comment));
            }
        }
        m = UPDATE.matcher(path);
        if (m.matches() && m.group(1).equals(REPOSITORY) && method.equals("PATCH")) {
            long id = Long.parseLong(m.group(2));
            for (List<ObjectNode> list : comments.values()) {
                for (ObjectNode comment : list) {
                    if (comment.get("id").asLong() == id) {
                        comment.put(
                                "body", Json.MAPPER.readTree(body).get("body").asText());
                        comment.put("updated_at", now());
                        return new Answer(200, Map.of(), json(comment));
                    }
                }
            }
        }
        m = APPROVALS.matcher(path);
        if (m.matches() && m.group(1).equals(REPOSITORY) && method.equals("GET") && approvals.containsKey(m.group(2))) {
            return new Answer(200, Map.of(), json(approvals.get(m.group(2))));
        }
        return new Answer(
                404,
                Map.of(),
                "{\"message\":\"Not Found\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest\",\"status\":\"404\"}");
    }

    private Answer list(int number, Map<String, String> query) throws IOException {
        int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<ObjectNode> all = comments.get(number);
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        ArrayNode array = Json.MAPPER.createArrayNode();
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(array::add);
        Map<String, String> headers = new LinkedHashMap<>();
        String base =
                apiUrl() + "/repos/" + REPOSITORY + "/issues/" + number + "/comments?per_page=" + perPage + "&page=";
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        if (page < pages) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
            links.add("<" + base + pages + ">; rel=\"last\"");
        }
        if (page > 1) {
            links.add("<" + base + 1 + ">; rel=\"first\"");
        }
        if (!links.isEmpty()) {
            headers.put("link", String.join(", ", links));
        }
        return new Answer(200, headers, json(array));
    }

    private ObjectNode addComment(int number, String body, String login, String type) {
        long id = nextId++;
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("id", id);
        c.put(
                "node_id",
                "IC_" + Base64.getEncoder().encodeToString(("IssueComment" + id).getBytes(StandardCharsets.UTF_8)));
        c.put("url", apiUrl() + "/repos/" + REPOSITORY + "/issues/comments/" + id);
        c.put("html_url", "https://github.com/" + REPOSITORY + "/pull/" + number + "#issuecomment-" + id);
        c.put("body", body);
        c.set("user", user(login, type));
        c.put("created_at", now());
        c.put("updated_at", now());
        c.put("issue_url", apiUrl() + "/repos/" + REPOSITORY + "/issues/" + number);
        c.put("author_association", type.equals("Bot") ? "NONE" : "COLLABORATOR");
        comments.computeIfAbsent(number, n -> new ArrayList<>()).add(c);
        return c;
    }

    private static ObjectNode user(String login, String type) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("login", login);
        user.put("id", type.equals("Bot") ? 41898282 : Math.abs(login.hashCode()));
        user.put("node_id", "MDQ6VXNlcjE=");
        user.put("avatar_url", "https://github.com/images/error/" + login + "_happy.gif");
        user.put("url", "https://api.github.com/users/" + login);
        user.put("html_url", "https://github.com/" + login);
        user.put("type", type);
        user.put("site_admin", false);
        return user;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return query;
    }

    private static String json(JsonNode node) throws IOException {
        return Json.MAPPER.writeValueAsString(node);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("X-GitHub-Api-Version-Selected", "2022-11-28");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private boolean stopped;

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }
}
