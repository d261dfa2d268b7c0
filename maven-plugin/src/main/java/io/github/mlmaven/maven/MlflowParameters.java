package io.github.mlmaven.maven;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The MLflow settings of a goal as plain parameters for the core (names as in
 * {@code io.github.mlmaven.monitoring.mlflow.MlflowSettings}): the tracking URI from {@code -Dml.mlflow.trackingUri},
 * {@code <mlflow><trackingUri>} or {@code MLFLOW_TRACKING_URI}, in that order; the experiment likewise; credentials
 * from the settings.xml server {@code <mlflow><serverId>}, else {@code MLFLOW_TRACKING_TOKEN}, else
 * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}. Empty when no tracking URI is set.
 */
final class MlflowParameters {
    private MlflowParameters() {}

    static Map<String, Object> read(
            MlflowConfiguration mlflow,
            String trackingUriProperty,
            String experimentProperty,
            boolean failOnError,
            Settings settings,
            SettingsDecrypter decrypter,
            Function<String, String> env)
            throws MojoExecutionException {
        Map<String, Object> p = new HashMap<>();
        String uri = first(
                trackingUriProperty, mlflow == null ? null : mlflow.getTrackingUri(), env.apply("MLFLOW_TRACKING_URI"));
        if (uri == null) {
            return p;
        }
        p.put("mlflowTrackingUri", uri);
        p.put("mlflowExperiment", first(experimentProperty, mlflow == null ? null : mlflow.getExperiment(), null));
        p.put("monitoringFailOnError", failOnError);
        String serverId = mlflow == null ? null : blankToNull(mlflow.getServerId());
        if (serverId != null) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new MojoExecutionException("<mlflow><serverId>" + serverId + "</serverId> names no <server> in"
                        + " settings.xml; add <server><id>" + serverId
                        + "</id><username>...</username><password>...</password></server>");
            }
            Server decrypted = decrypter == null
                    ? server
                    : decrypter
                            .decrypt(new DefaultSettingsDecryptionRequest(server))
                            .getServer();
            p.put("mlflowUsername", decrypted.getUsername());
            p.put("mlflowPassword", decrypted.getPassword());
            p.put("mlflowCredentialsSource", "the username and password of settings.xml server " + serverId);
        } else if (blankToNull(env.apply("MLFLOW_TRACKING_TOKEN")) != null) {
            p.put("mlflowToken", env.apply("MLFLOW_TRACKING_TOKEN").strip());
            p.put("mlflowCredentialsSource", "the MLFLOW_TRACKING_TOKEN environment variable");
        } else if (blankToNull(env.apply("MLFLOW_TRACKING_USERNAME")) != null) {
            p.put("mlflowUsername", env.apply("MLFLOW_TRACKING_USERNAME").strip());
            p.put("mlflowPassword", env.apply("MLFLOW_TRACKING_PASSWORD"));
            p.put(
                    "mlflowCredentialsSource",
                    "the MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD environment variables");
        }
        return p;
    }

    private static String first(String a, String b, String c) {
        return blankToNull(a) != null ? a.strip() : blankToNull(b) != null ? b.strip() : blankToNull(c);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
