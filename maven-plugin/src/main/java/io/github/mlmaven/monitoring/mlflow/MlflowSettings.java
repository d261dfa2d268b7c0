package io.github.mlmaven.monitoring.mlflow;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.Urls;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where and as whom to track: the tracking server's base URI ({@code http://mlflow:5000}, no {@code /api} suffix),
 * the experiment (null: the model name), and either a bearer token or a username and password.
 *
 * @param credentialsSource where the credentials came from, for messages (never the secret itself)
 * @param failOnError an MLflow failure errors the build instead of only warning
 */
public record MlflowSettings(
        URI trackingUri,
        String experiment,
        String token,
        String username,
        String password,
        String credentialsSource,
        boolean failOnError) {

    /** Hides the secrets from {@code toString()}, which a stack trace or a debug line might print. */
    @Override
    public String toString() {
        return "MlflowSettings[trackingUri=" + Urls.redactUserInfo(trackingUri) + ", experiment=" + experiment
                + ", credentials=" + (credentialsSource == null ? "none" : credentialsSource) + ", failOnError="
                + failOnError + "]";
    }

    /** The settings of a goal; null when no tracking URI is configured (MLflow is off). */
    public static MlflowSettings from(GoalContext context) {
        GoalContext.Mlflow mlflow = context.mlflow();
        String uri = mlflow == null ? null : blankToNull(mlflow.trackingUri());
        if (uri == null) {
            return null;
        }
        URI parsed;
        try {
            parsed = URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "mlflow/trackingUri",
                    "<mlflow><trackingUri> is not a URI: " + Urls.redactUserInfo(uri) + " ("
                            + Urls.redactAll(e.getMessage()) + ")");
        }
        if (parsed.getScheme() == null
                || !(parsed.getScheme().equals("http") || parsed.getScheme().equals("https"))
                || parsed.getHost() == null) {
            throw new InvalidConfigurationException(
                    "mlflow/trackingUri",
                    "<mlflow><trackingUri> must be an http(s) URL of an MLflow tracking server, e.g."
                            + " http://mlflow.example.com:5000, not " + Urls.redactUserInfo(uri));
        }
        String token = blankToNull(mlflow.token());
        String username = blankToNull(mlflow.username());
        String password = mlflow.password();
        String source = mlflow.credentialsSource();
        if (parsed.getRawUserInfo() != null) {
            // HttpClient refuses a request URI with user-info, and the URI is printed and written in many places:
            // the user-info becomes basic credentials, unless settings.xml or the environment gave some
            if (token == null && username == null) {
                String[] pair = parsed.getUserInfo().split(":", 2);
                username = pair[0];
                password = pair.length > 1 ? pair[1] : null;
                source = "the user-info of the tracking URI";
            }
            parsed = withoutUserInfo(parsed);
        }
        return new MlflowSettings(
                parsed,
                blankToNull(mlflow.experiment()),
                token,
                username,
                password,
                source,
                context.failOnMonitoringError());
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a URI without its user-info is still a URI: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
