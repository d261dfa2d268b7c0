package io.github.mlmaven.maven;

import io.github.mlmaven.api.GoalContext;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The MLflow settings of a goal: the tracking URI from {@code -Dml.mlflow.trackingUri}, {@code <mlflow><trackingUri>}
 * or {@code MLFLOW_TRACKING_URI}, in that order; the experiment likewise; credentials from the settings.xml server
 * {@code <mlflow><serverId>}, else {@code MLFLOW_TRACKING_TOKEN}, else {@code MLFLOW_TRACKING_USERNAME} and
 * {@code MLFLOW_TRACKING_PASSWORD}. Null when no tracking URI is set (MLflow is off).
 */
final class MlflowParameters {
    private MlflowParameters() {}

    static GoalContext.Mlflow read(
            MlflowConfiguration mlflow,
            String trackingUriProperty,
            String experimentProperty,
            ServerCredentials servers,
            Function<String, String> env)
            throws MojoExecutionException {
        String uri = first(
                trackingUriProperty, mlflow == null ? null : mlflow.getTrackingUri(), env.apply("MLFLOW_TRACKING_URI"));
        if (uri == null) {
            return null;
        }
        String experiment = first(experimentProperty, mlflow == null ? null : mlflow.getExperiment(), null);
        String serverId = mlflow == null ? null : blankToNull(mlflow.getServerId());
        if (serverId != null) {
            GoalContext.Credentials server = servers.read(
                    serverId,
                    "<mlflow><serverId>" + serverId + "</serverId>",
                    "the username and password of settings.xml server " + serverId);
            return new GoalContext.Mlflow(uri, experiment, null, server.username(), server.password(), server.source());
        }
        if (blankToNull(env.apply("MLFLOW_TRACKING_TOKEN")) != null) {
            return new GoalContext.Mlflow(
                    uri,
                    experiment,
                    env.apply("MLFLOW_TRACKING_TOKEN").strip(),
                    null,
                    null,
                    "the MLFLOW_TRACKING_TOKEN environment variable");
        }
        if (blankToNull(env.apply("MLFLOW_TRACKING_USERNAME")) != null) {
            return new GoalContext.Mlflow(
                    uri,
                    experiment,
                    null,
                    env.apply("MLFLOW_TRACKING_USERNAME").strip(),
                    env.apply("MLFLOW_TRACKING_PASSWORD"),
                    "the MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD environment variables");
        }
        return new GoalContext.Mlflow(uri, experiment, null, null, null, null);
    }

    private static String first(String a, String b, String c) {
        return blankToNull(a) != null ? a.strip() : blankToNull(b) != null ? b.strip() : blankToNull(c);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
