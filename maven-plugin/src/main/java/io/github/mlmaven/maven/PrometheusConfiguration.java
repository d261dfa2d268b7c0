package io.github.mlmaven.maven;

/**
 * The {@code <prometheus>} element: where ml:validate pushes the model's gauges, e.g.
 * {@code <prometheus><pushgateway>http://pushgateway:9091</pushgateway><job>ml-maven-plugin</job></prometheus>}.
 */
public class PrometheusConfiguration {
    /** The Pushgateway's base URL, e.g. {@code http://pushgateway:9091}; no push without it. */
    private String pushgateway;

    /** The {@code job} of the pushed group; {@code ml-maven-plugin} by default. */
    private String job;

    /** The settings.xml server whose username and password the Pushgateway asks for (basic auth), if any. */
    private String serverId;

    public String getPushgateway() {
        return pushgateway;
    }

    public void setPushgateway(String pushgateway) {
        this.pushgateway = pushgateway;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getServerId() {
        return serverId;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }
}
