package io.github.mlmaven.maven;

/**
 * The {@code <mlflow>} element: where train+validate runs are tracked and promoted versions registered, e.g.
 * {@code <mlflow><trackingUri>http://mlflow:5000</trackingUri><experiment>credit-risk</experiment>}
 * {@code <serverId>mlflow</serverId></mlflow>}.
 */
public class MlflowConfiguration {
    /** The tracking server's base URL, e.g. {@code http://mlflow:5000}; else {@code MLFLOW_TRACKING_URI}. */
    private String trackingUri;

    /** The experiment runs go into, created when missing; the model name by default. */
    private String experiment;

    /** A settings.xml server whose username and password authenticate (basic auth) to the tracking server. */
    private String serverId;

    public String getTrackingUri() {
        return trackingUri;
    }

    public void setTrackingUri(String trackingUri) {
        this.trackingUri = trackingUri;
    }

    public String getExperiment() {
        return experiment;
    }

    public void setExperiment(String experiment) {
        this.experiment = experiment;
    }

    public String getServerId() {
        return serverId;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }
}
