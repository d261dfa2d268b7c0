package io.github.mlmaven.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * A Prometheus Pushgateway client over Apache HttpClient 5: {@code PUT /metrics/job/<job>/model/<model>} replaces the
 * model's group. Server errors, lost connections and timeouts are retried with bounded backoff (a PUT may be repeated
 * safely); a refusal (4xx) is not. Credentials go into the Authorization header only, never into a message.
 */
public final class PushgatewayClient implements AutoCloseable {
    private final URI base;
    private final String job;
    private final String authorization;
    private final RetryPolicy retry;
    private final MlLog log;
    private final CloseableHttpClient http;

    /** A client with a 5 s connect timeout and a 10 s read timeout. */
    public PushgatewayClient(URI base, String job, String username, String password, RetryPolicy retry, MlLog log) {
        this(base, job, username, password, retry, log, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    PushgatewayClient(
            URI base,
            String job,
            String username,
            String password,
            RetryPolicy retry,
            MlLog log,
            Duration connectTimeout,
            Duration readTimeout) {
        this.base = withoutUserInfo(Objects.requireNonNull(base, "base"));
        this.job = Objects.requireNonNull(job, "job");
        String user = username;
        String pass = password;
        if (user == null && base.getRawUserInfo() != null) {
            String[] parts = base.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            pass = parts.length > 1 ? decode(parts[1]) : "";
        }
        this.authorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + (pass == null ? "" : pass)).getBytes(StandardCharsets.UTF_8));
        this.retry = retry;
        this.log = log;
        for (String logger : List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "info"); // mvn -X would otherwise log the Authorization header
            }
        }
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
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent("ml-maven-plugin")
                .useSystemProperties()
                .build();
    }

    /** The Pushgateway's address without credentials, as messages show it. */
    public URI address() {
        return base;
    }

    /** The URI of the model's group: {@code <base>/metrics/job/<job>/model/<model>}. */
    public URI groupUri(String model) {
        return groupUri(model, null);
    }

    /** The URI of a group of the model: {@code .../model/<model>}, then {@code /stage/<stage>} when stage is set. */
    public URI groupUri(String model, String stage) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + "/metrics/" + segment("job", job) + "/" + segment("model", model)
                + (stage == null ? "" : "/" + segment("stage", stage)));
    }

    /** Replaces the model's group with {@code body} (text exposition format). */
    public void replace(String model, String body) {
        replace(model, null, body);
    }

    /** Replaces the model's group (with {@code stage}, its stage group) with {@code body}. */
    public void replace(String model, String stage, String body) {
        URI uri = groupUri(model, stage);
        String what = "push the metrics of " + model + " to the Pushgateway at " + base;
        retry.run(
                (attempt, last) -> {
                    int status;
                    String answer;
                    try {
                        ClassicRequestBuilder request = ClassicRequestBuilder.put(uri)
                                .setEntity(new StringEntity(body, ContentType.parse(TextExposition.CONTENT_TYPE)));
                        if (authorization != null) {
                            request.addHeader("Authorization", authorization);
                        }
                        String[] result = http.execute(request.build(), response -> new String[] {
                            Integer.toString(response.getCode()),
                            response.getEntity() == null
                                    ? ""
                                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)
                        });
                        status = Integer.parseInt(result[0]);
                        answer = result[1];
                    } catch (IOException e) {
                        if (last) {
                            throw new PushgatewayException(
                                    "could not " + what + ": no answer after " + attempt + " attempts (" + describe(e)
                                            + "); check <prometheus><pushgateway> and the network",
                                    -1,
                                    e);
                        }
                        return retrying(what, describe(e), attempt);
                    }
                    if (status >= 200 && status < 300) {
                        return RetryPolicy.Step.done(Boolean.TRUE);
                    }
                    if (status >= 500 || status == 429) {
                        if (last) {
                            throw new PushgatewayException(
                                    "could not " + what + ": it answered " + status + oneLine(answer) + " " + attempt
                                            + " times",
                                    status,
                                    null);
                        }
                        return retrying(what, "answer " + status, attempt);
                    }
                    throw new PushgatewayException(refusal(status, answer, what), status, null);
                },
                e -> new PushgatewayException("interrupted while waiting to " + what, -1, e));
    }

    private String refusal(int status, String answer, String what) {
        return switch (status) {
            case 401 ->
                "could not " + what + ": it asks for credentials (401)"
                        + (authorization == null
                                ? "; set -Dml.prometheus.serverId to a settings.xml <server> with its username and"
                                        + " password"
                                : " and refused the ones given; check the username and password of the settings.xml"
                                        + " <server> named by ml.prometheus.serverId");
            case 403 -> "could not " + what + ": the credentials are not allowed to push (403)";
            case 404 -> "could not " + what + ": " + base + " has no /metrics/job endpoint (404); is it a Pushgateway?";
            default -> "could not " + what + ": it refused the push with " + status + oneLine(answer);
        };
    }

    /**
     * The {@code ml_model_last_success_timestamp_seconds} of the model's group in the Pushgateway, from its
     * {@code /api/v1/metrics}; null when there is none or it cannot be read (one attempt, no retries: a push follows).
     */
    public Double lastSuccess(String model) {
        try {
            ClassicRequestBuilder request =
                    ClassicRequestBuilder.get(URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/metrics"));
            if (authorization != null) {
                request.addHeader("Authorization", authorization);
            }
            String text = http.execute(
                    request.build(),
                    response -> response.getCode() == 200 && response.getEntity() != null
                            ? EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)
                            : null);
            if (text == null) {
                return null;
            }
            for (JsonNode group : Json.MAPPER.readTree(text).path("data")) {
                JsonNode labels = group.path("labels");
                if (job.equals(labels.path("job").asText())
                        && model.equals(labels.path("model").asText())) {
                    for (JsonNode metric : group.path(ModelGauges.LAST_SUCCESS).path("metrics")) {
                        return Double.parseDouble(metric.path("value").asText());
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            log.debug("Could not read the last success time of " + model + " from the Pushgateway: " + describe(e));
            return null;
        }
    }

    private RetryPolicy.Step<Boolean> retrying(String what, String failure, int attempt) {
        Duration wait = retry.backoff(attempt);
        log.warn("Could not " + what + " (" + failure + "); retrying in " + wait.toMillis() + " ms (attempt "
                + (attempt + 1) + " of " + retry.maxAttempts() + ")");
        return RetryPolicy.Step.retryIn(wait);
    }

    /** A grouping-key path segment; values with a slash (or empty ones) in the Pushgateway's base64 form. */
    static String segment(String label, String value) {
        if (value.isEmpty() || value.contains("/")) {
            return label + "@base64/"
                    + (value.isEmpty()
                            ? "="
                            : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        return label + "/" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid Pushgateway address", e);
        }
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String describe(Exception e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null
                ? name
                : name + ": " + e.getMessage().replaceAll("\\s+", " ").strip();
    }

    private static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return " (" + (line.length() <= 200 ? line : line.substring(0, 200) + "...") + ")";
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the HTTP client: " + e);
        }
    }
}
