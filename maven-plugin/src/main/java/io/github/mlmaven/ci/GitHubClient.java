package io.github.mlmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * A small client of GitHub's REST API over Apache HttpClient 5: JSON in and out, the headers GitHub asks for, bounded
 * retries on server errors, rate limits and lost connections, and one-line messages for the rest. The token goes into
 * the Authorization header of requests to the API's own host and nowhere else.
 */
public final class GitHubClient implements AutoCloseable {
    static final String API_VERSION = "2022-11-28";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final URI api;
    private final String token;
    private final String userAgent;
    private final RetryPolicy retry;
    private final MlLog log;
    private final CloseableHttpClient http;

    /** A client with a 10 s connect timeout and a 30 s read timeout. */
    public GitHubClient(URI api, String token, String userAgent, RetryPolicy retry, MlLog log) {
        this(api, token, userAgent, retry, log, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    GitHubClient(
            URI api,
            String token,
            String userAgent,
            RetryPolicy retry,
            MlLog log,
            Duration connectTimeout,
            Duration readTimeout) {
        this.api = Objects.requireNonNull(api, "api");
        this.token = Objects.requireNonNull(token, "token");
        this.userAgent = userAgent;
        this.retry = retry;
        this.log = log;
        keepTheTokenOutOfDebugLogs();
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
                .disableAutomaticRetries() // retries are ours: bounded, and never blind for a POST
                .disableRedirectHandling() // a redirect must not carry the token to another host
                .disableCookieManagement()
                .setUserAgent(userAgent)
                .useSystemProperties()
                .build();
    }

    /**
     * HttpClient logs every request header and byte at debug level, which {@code mvn -X} turns on: the Authorization
     * header would reach the log. Its two loggers are held at info through the SLF4J simple logger's per-logger
     * setting, which Maven's logger reads when a logger is created, unless the user set them.
     */
    private static void keepTheTokenOutOfDebugLogs() {
        for (String logger : List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "info");
            }
        }
    }

    /**
     * A client for the runner's API URL and token; without a token, the message says where to set it.
     *
     * @param purpose completes "no GitHub token to ...", e.g. {@code comment on pull request #12}
     * @param alternative how to do without, e.g. {@code set -Dml.ciReport.commentOnPr=false}
     */
    public static GitHubClient forEnvironment(
            GitHubEnvironment env,
            String purpose,
            String alternative,
            String pluginVersion,
            RetryPolicy retry,
            MlLog log) {
        URI api = env.apiUri();
        if (env.token() == null) {
            throw new InvalidInputException("no GitHub token to " + purpose + ": set the action's github-token input,"
                    + " or the GITHUB_TOKEN environment variable of the step (env: GITHUB_TOKEN: ${{ github.token }});"
                    + " or " + alternative);
        }
        return new GitHubClient(api, env.token(), "ml-maven-plugin/" + pluginVersion, retry, log);
    }

    /**
     * What a request does, for the messages: {@code description} completes "could not ..."; {@code forbidden} is the
     * whole message for a 403 that is not a rate limit, {@code notFound} the whole message for a 404.
     */
    public record Operation(String description, String forbidden, String notFound) {}

    /** An answer: status, headers by lower-case name, body. */
    public record Response(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body == null || body.isBlank() ? "null" : body);
            } catch (IOException e) {
                throw new InvalidInputException(
                        "GitHub's API answered " + status + " with a body that is not JSON: " + oneLine(body, 120));
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The {@code rel="next"} target of the Link header, if any. */
        public Optional<String> nextLink() {
            String link = header("link");
            if (link == null) {
                return Optional.empty();
            }
            Matcher m = NEXT_LINK.matcher(link);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /** The API URI of {@code pathAndQuery}, e.g. {@code /repos/o/r/issues/1/comments?per_page=100}. */
    public URI uri(String pathAndQuery) {
        String base = api.toString();
        return URI.create(base + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
    }

    /**
     * Resolves a link from a response (pagination) and checks it points at the API's own scheme, host and port, so
     * the token is never sent elsewhere.
     */
    public URI sameOrigin(String link) {
        URI uri;
        try {
            uri = api.resolve(new URI(link));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidInputException("GitHub's API answered with an invalid Link header target: " + link);
        }
        if (!Objects.equals(uri.getScheme(), api.getScheme())
                || !Objects.equals(uri.getHost(), api.getHost())
                || port(uri) != port(api)) {
            throw new InvalidInputException("GitHub's API pointed the next page at " + uri.getScheme() + "://"
                    + uri.getHost() + ", not at " + api.getHost() + "; not sending the token there");
        }
        return uri;
    }

    public Response get(URI uri, Operation operation) {
        return send("GET", uri, null, true, operation);
    }

    /** PATCH is idempotent here (the same body again changes nothing), so it is retried like GET. */
    public Response patch(URI uri, Object body, Operation operation) {
        return send("PATCH", uri, body, true, operation);
    }

    /**
     * POST is not idempotent: it is retried only where GitHub did not process it (a rate limit, a refused
     * connection); otherwise a {@link GitHubException} with {@link GitHubException#mayHaveBeenApplied()} tells the
     * caller to look before trying again.
     */
    public Response post(URI uri, Object body, Operation operation) {
        return send("POST", uri, body, false, operation);
    }

    private Response send(String method, URI uri, Object body, boolean idempotent, Operation operation) {
        String what = operation.description();
        return retry.run(
                (attempt, last) -> {
                    Response response;
                    try {
                        response = execute(method, uri, body);
                    } catch (IOException e) {
                        boolean notSent = e instanceof ConnectException
                                || e instanceof HttpHostConnectException
                                || e instanceof ConnectTimeoutException
                                || e instanceof UnknownHostException;
                        String failure = describe(e);
                        if (!idempotent && !notSent) {
                            throw new GitHubException(
                                    "the connection to " + api.getHost() + " failed while trying to " + what + " ("
                                            + failure + ")",
                                    -1,
                                    true,
                                    e);
                        }
                        if (last) {
                            throw new GitHubException(
                                    "could not " + what + ": GitHub's API at " + api + " did not answer after "
                                            + attempt + " attempts (" + failure
                                            + "); check GITHUB_API_URL and the runner's network",
                                    -1,
                                    false,
                                    e);
                        }
                        Duration wait = retry.backoff(attempt);
                        log.warn("No answer from GitHub's API to " + what + " (" + failure + "); retrying in "
                                + seconds(wait) + " (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
                        return RetryPolicy.Step.<Response>retryIn(wait);
                    }
                    int status = response.status();
                    if (status >= 200 && status < 300) {
                        return RetryPolicy.Step.done(response);
                    }
                    if (rateLimited(response)) {
                        if (last) {
                            throw new GitHubException(
                                    "could not " + what + ": GitHub's API rate limit is exhausted (" + status + ")"
                                            + resetNote(response) + "; run the job again later",
                                    status,
                                    false,
                                    null);
                        }
                        Duration wait = rateLimitWait(response);
                        log.warn("GitHub's API rate limit was hit (" + status + ") while trying to " + what
                                + "; retrying in " + seconds(wait) + " (attempt " + (attempt + 1) + " of "
                                + retry.maxAttempts() + ")");
                        return RetryPolicy.Step.retryIn(wait);
                    }
                    if (status >= 500) {
                        if (!idempotent) {
                            throw new GitHubException(
                                    "GitHub's API answered " + status + " while trying to " + what, status, true, null);
                        }
                        if (last) {
                            throw new GitHubException(
                                    "could not " + what + ": GitHub's API answered " + status + " " + message(response)
                                            + " " + attempt
                                            + " times; GitHub may be having an outage, run the job again"
                                            + " later",
                                    status,
                                    false,
                                    null);
                        }
                        Duration wait = retry.backoff(attempt);
                        log.warn("GitHub's API answered " + status + " to " + what + "; retrying in " + seconds(wait)
                                + " (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
                        return RetryPolicy.Step.retryIn(wait);
                    }
                    throw refusal(response, operation);
                },
                GitHubClient::interrupted);
    }

    private Response execute(String method, URI uri, Object body) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(method)
                .setUri(uri)
                .addHeader("Accept", "application/vnd.github+json")
                .addHeader("X-GitHub-Api-Version", API_VERSION)
                .addHeader("Authorization", "Bearer " + token);
        if (body != null) {
            builder.setEntity(new StringEntity(Json.MAPPER.writeValueAsString(body), ContentType.APPLICATION_JSON));
        }
        ClassicHttpRequest request = builder.build();
        return http.execute(request, response -> {
            Map<String, String> headers = new TreeMap<>();
            for (Header header : response.getHeaders()) {
                headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            String text = response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Response(response.getCode(), headers, text);
        });
    }

    /** 429, or 403 with no requests left or a Retry-After (GitHub's primary and secondary rate limits). */
    static boolean rateLimited(Response response) {
        int status = response.status();
        if (status == 429) {
            return true;
        }
        if (status != 403) {
            return false;
        }
        return "0".equals(response.header("x-ratelimit-remaining"))
                || response.header("retry-after") != null
                || message(response).toLowerCase(Locale.ROOT).contains("rate limit");
    }

    /** Retry-After seconds, else until x-ratelimit-reset, else a minute as GitHub advises; capped by the policy. */
    Duration rateLimitWait(Response response) {
        Long retryAfter = number(response.header("retry-after"));
        if (retryAfter != null) {
            return retry.cap(Duration.ofSeconds(Math.max(1, retryAfter)));
        }
        Long reset = number(response.header("x-ratelimit-reset"));
        if ("0".equals(response.header("x-ratelimit-remaining")) && reset != null) {
            long seconds = reset - Instant.now().getEpochSecond() + 1;
            return retry.cap(Duration.ofSeconds(Math.max(1, seconds)));
        }
        return retry.cap(Duration.ofSeconds(60));
    }

    private static String resetNote(Response response) {
        Long reset = number(response.header("x-ratelimit-reset"));
        return reset == null ? "" : " until " + Instant.ofEpochSecond(reset);
    }

    private GitHubException refusal(Response response, Operation operation) {
        int status = response.status();
        String said = message(response);
        String message = switch (status) {
            case 401 -> "the GitHub token was refused (401): set the action's github-token input or GITHUB_TOKEN";
            case 403 -> operation.forbidden() + (said.isEmpty() ? "" : " (GitHub: " + said + ")");
            case 404 -> operation.notFound();
            default ->
                "could not " + operation.description() + ": GitHub's API answered " + status
                        + (said.isEmpty() ? "" : " (" + said + ")");
        };
        return new GitHubException(message, status, false, null);
    }

    /** GitHub's {@code message} field of an error body, on one line; empty when there is none. */
    static String message(Response response) {
        try {
            JsonNode node = Json.MAPPER.readTree(response.body() == null ? "" : response.body());
            if (node != null && node.hasNonNull("message")) {
                return oneLine(node.get("message").asText(), 200);
            }
        } catch (IOException e) {
            // not JSON: say nothing of it
        }
        return "";
    }

    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + oneLine(e.getMessage(), 160);
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static GitHubException interrupted(InterruptedException e) {
        return new GitHubException("interrupted while waiting to retry a request to GitHub's API", -1, false, e);
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
