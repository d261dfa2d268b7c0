package io.github.mlmaven.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What every goal is given: the model, its data, the registry and the monitoring endpoints.
 *
 * @param trainingData paths or glob patterns relative to {@code basedir}, as written; null when none is configured
 * @param testData likewise
 * @param evaluation {@code test}, {@code holdout} or {@code cv} as written; null for the default
 * @param classpath the project's runtime classpath, whose classes a model may use
 * @param mlflow null when MLflow is off (no tracking URI)
 * @param failOnMonitoringError an MLflow or Pushgateway failure errors the build instead of only warning
 * @param trainingJdbc the {@code <jdbc>} source of {@code <trainingData>}; null when the training data are files
 * @param testJdbc the {@code <jdbc>} source of {@code <testData>}; null when the test data are files or absent
 * @param exclude the columns {@code <exclude>} drops from every source, as written; empty when none
 */
public record GoalContext(
        Path basedir,
        Path outputDirectory,
        String modelName,
        List<String> trainingData,
        List<String> testData,
        String evaluation,
        int holdoutPercent,
        String pluginVersion,
        String projectVersion,
        List<Path> classpath,
        Registry registry,
        Mlflow mlflow,
        Prometheus prometheus,
        boolean failOnMonitoringError,
        JdbcSourceParameters trainingJdbc,
        JdbcSourceParameters testJdbc,
        List<String> exclude) {

    /** The folder of the model's files: {@code <outputDirectory>/<modelName>}. */
    public Path modelDirectory() {
        return outputDirectory.resolve(modelName);
    }

    /**
     * The registry branch and the remote it is pushed to.
     *
     * @param credentials null to push without (or to a local remote)
     */
    public record Registry(String branch, String remote, Credentials credentials) {}

    /**
     * A username and password (or token) and where they came from.
     *
     * @param source where they came from, for messages (never the secret itself)
     */
    public record Credentials(String username, String password, String source) {
        /** Hides the password from {@code toString()}, which a stack trace or a debug line might print. */
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", source=" + source + "]";
        }
    }

    /**
     * Where and as whom to track in MLflow, as configured: a bearer token, or a username and password, or neither.
     *
     * @param credentialsSource where the token or the username and password came from, for messages
     */
    public record Mlflow(
            String trackingUri,
            String experiment,
            String token,
            String username,
            String password,
            String credentialsSource) {
        /** Hides the secrets (the URI may carry a user-info with a password) from {@code toString()}. */
        @Override
        public String toString() {
            return "Mlflow[experiment=" + experiment + ", credentials=" + credentialsSource + "]";
        }
    }

    /**
     * The Pushgateway, as configured.
     *
     * @param pushgateway its URL as written; null when monitoring is off
     * @param credentials basic auth, or null
     */
    public record Prometheus(String pushgateway, String job, Credentials credentials) {}
}
