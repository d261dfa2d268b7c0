package io.github.mlmaven.monitoring.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.Urls;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.FileEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * A small client of MLflow's REST API ({@code /api/2.0/mlflow/...}) over Apache HttpClient 5: JSON in and out, a
 * bearer token or basic auth, bounded retries with exponential backoff on 5xx, 429, lost connections and timeouts, and
 * MLflow's error body ({@code {"error_code": ..., "message": ...}}) turned into an {@link MlflowException}. The
 * credentials go into the Authorization header and nowhere else; redirects are not followed.
 */
public final class MlflowClient implements AutoCloseable {
    static final String API = "/api/2.0/mlflow/";
    /** The proxied artifact API of a server that serves artifacts (the default since MLflow 2.0). */
    static final String ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts/";

    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final URI base;
    /** The base as messages show it: without the user-info a tracking URI may carry. */
    private final String shown;

    private final String authorization;
    private final String credentialsSource;
    private final RetryPolicy retry;
    private final MlLog log;
    private final CloseableHttpClient http;

    /** A client with a 10 s connect timeout and a 30 s read timeout. */
    public MlflowClient(MlflowSettings settings, String userAgent, RetryPolicy retry, MlLog log) {
        this(settings, userAgent, retry, log, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    MlflowClient(
            MlflowSettings settings,
            String userAgent,
            RetryPolicy retry,
            MlLog log,
            Duration connectTimeout,
            Duration readTimeout) {
        this.base = Objects.requireNonNull(settings.trackingUri(), "trackingUri");
        this.shown = Urls.redactUserInfo(base);
        this.authorization = authorization(settings);
        this.credentialsSource = settings.credentialsSource();
        this.retry = retry;
        this.log = log;
        keepCredentialsOutOfDebugLogs();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .build())
                .disableAutomaticRetries() // retries are ours, and bounded
                .disableRedirectHandling() // a redirect must not carry the credentials to another host
                .disableCookieManagement()
                .setUserAgent(userAgent)
                .useSystemProperties()
                .build();
    }

    private static String authorization(MlflowSettings settings) {
        if (settings.token() != null) {
            return "Bearer " + settings.token();
        }
        if (settings.username() != null) {
            String pair = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** As GitHubClient does: HttpClient's header and wire loggers stay at info, so mvn -X prints no credentials. */
    private static void keepCredentialsOutOfDebugLogs() {
        for (String logger : List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "info");
            }
        }
    }

    /** GET {@code /api/2.0/mlflow/<endpoint>?<query>}. */
    public JsonNode get(String endpoint, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("GET", endpoint + (q.isEmpty() ? "" : "?" + q), null);
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body. */
    public JsonNode post(String endpoint, Object body) {
        return send("POST", endpoint, body);
    }

    /**
     * PUT {@code /api/2.0/mlflow-artifacts/artifacts/<path>} with the bytes of {@code file}: the upload of MLflow's
     * proxied artifact API. The file is streamed from disk (a model may be large), once per attempt, and retried as
     * the other requests are.
     *
     * @param path the artifact's path under the artifact root, {@code <experiment>/<run>/artifacts/model/x.model},
     *     its segments not yet encoded
     */
    public void putArtifact(String path, Path file) {
        String encoded =
                Arrays.stream(path.split("/")).map(MlflowClient::encode).collect(Collectors.joining("/"));
        URI uri = URI.create(base + ARTIFACTS_API + encoded);
        send(
                "PUT",
                uri,
                "the artifact " + path,
                () -> new FileEntity(file.toFile(), ContentType.APPLICATION_OCTET_STREAM));
    }

    private JsonNode send(String method, String endpoint, Object body) {
        URI uri = URI.create(base + API + endpoint);
        String name = endpoint.contains("?") ? endpoint.substring(0, endpoint.indexOf('?')) : endpoint;
        return send(
                method,
                uri,
                name,
                body == null
                        ? null
                        : () -> new StringEntity(COMPACT.writeValueAsString(body), ContentType.APPLICATION_JSON));
    }

    /** Makes the body of one attempt: a fresh entity each time, so that a file is read from its start again. */
    @FunctionalInterface
    private interface Body {
        HttpEntity entity() throws IOException;
    }

    private JsonNode send(String method, URI uri, String name, Body body) {
        return retry.run(
                (attempt, last) -> {
                    String failure;
                    int status = -1;
                    String errorCode = null;
                    IOException cause = null;
                    try {
                        Answer answer = execute(method, uri, body);
                        status = answer.status();
                        if (status >= 200 && status < 300) {
                            return RetryPolicy.Step.done(answer.json());
                        }
                        JsonNode error = answer.jsonOrNull();
                        errorCode = error != null && error.hasNonNull("error_code")
                                ? error.get("error_code").asText()
                                : null;
                        String message = error != null && error.hasNonNull("message")
                                ? oneLine(error.get("message").asText(), 300)
                                : oneLine(answer.body(), 200);
                        if (status == 401 || status == 403) {
                            throw new MlflowException(refused(status, name), status, errorCode, null);
                        }
                        if (status != 429 && status < 500) {
                            throw new MlflowException(
                                    "MLflow answered " + status + (errorCode == null ? "" : " " + errorCode) + " to "
                                            + method + " " + name + (message.isEmpty() ? "" : ": " + message),
                                    status,
                                    errorCode,
                                    null);
                        }
                        failure = "answered " + status + (errorCode == null ? "" : " " + errorCode)
                                + (message.isEmpty() ? "" : " (" + message + ")");
                    } catch (IOException e) {
                        cause = e;
                        failure = "gave no answer (" + describe(e) + ")";
                    }
                    if (last) {
                        throw new MlflowException(
                                "the MLflow tracking server at " + shown + " " + failure + " to " + method + " " + name
                                        + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s"),
                                status,
                                errorCode,
                                cause);
                    }
                    Duration wait = retry.backoff(attempt);
                    log.warn("MLflow " + failure + " to " + method + " " + name + "; retrying in " + seconds(wait)
                            + " (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
                    return RetryPolicy.Step.<JsonNode>retryIn(wait);
                },
                e -> new MlflowException("interrupted while waiting to retry a request to MLflow", -1, null, e));
    }

    /**
     * 401: the credentials are missing or wrong. 403: they were accepted, but that user lacks the permission (the
     * basic-auth app gives READ by default and EDIT/MANAGE per experiment and model), so checking them would not help.
     */
    private String refused(int status, String endpoint) {
        String fix;
        if (status == 401) {
            fix = credentialsSource != null
                    ? "check " + credentialsSource
                    : "set MLFLOW_TRACKING_TOKEN, or name a settings.xml server with <mlflow><serverId>";
        } else {
            fix = (credentialsSource != null
                            ? "the MLflow user of " + credentialsSource + " may not do this"
                            : "a request without credentials may not do this (set MLFLOW_TRACKING_TOKEN, or name a"
                                    + " settings.xml server with <mlflow><serverId>)")
                    + "; an MLflow admin can grant it EDIT or MANAGE on the experiment or model, or choose an"
                    + " <mlflow><experiment> that user created";
        }
        return "the MLflow tracking server at " + shown + " refused " + endpoint + " with " + status
                + (status == 401 ? " (not authenticated)" : " (not allowed)") + ": " + fix;
    }

    private record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        }

        JsonNode jsonOrNull() {
            try {
                JsonNode node = json();
                return node != null && node.isObject() ? node : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private Answer execute(String method, URI uri, Body body) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(uri);
        builder.addHeader("Accept", "application/json");
        if (authorization != null) {
            builder.addHeader("Authorization", authorization);
        }
        if (body != null) {
            builder.setEntity(body.entity());
        }
        return http.execute(
                builder.build(),
                response -> new Answer(
                        response.getCode(),
                        response.getEntity() == null
                                ? ""
                                : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + oneLine(e.getMessage(), 160);
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the MLflow HTTP client: " + e);
        }
    }
}
