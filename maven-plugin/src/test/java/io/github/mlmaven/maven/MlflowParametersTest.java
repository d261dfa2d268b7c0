package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.api.GoalContext;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

class MlflowParametersTest {

    private static MlflowConfiguration configuration(String uri, String experiment, String serverId) {
        MlflowConfiguration c = new MlflowConfiguration();
        c.setTrackingUri(uri);
        c.setExperiment(experiment);
        c.setServerId(serverId);
        return c;
    }

    private static ServerCredentials servers(Settings settings) {
        return new ServerCredentials(settings, null);
    }

    @Test
    void withoutATrackingUriMlflowIsOff() throws MojoExecutionException {
        assertThat(MlflowParameters.read(null, null, null, servers(null), Map.<String, String>of()::get))
                .isNull();
    }

    @Test
    void thePropertyWinsOverTheXmlWhichWinsOverTheEnvironment() throws MojoExecutionException {
        Map<String, String> env = Map.of("MLFLOW_TRACKING_URI", "http://env:5000");
        MlflowConfiguration xml = configuration("http://xml:5000", "xml-exp", null);

        GoalContext.Mlflow property = MlflowParameters.read(xml, "http://prop:5000", null, servers(null), env::get);
        assertThat(property.trackingUri()).isEqualTo("http://prop:5000");
        assertThat(property.experiment()).isEqualTo("xml-exp");
        GoalContext.Mlflow element = MlflowParameters.read(xml, null, "p-exp", servers(null), env::get);
        assertThat(element.trackingUri()).isEqualTo("http://xml:5000");
        assertThat(element.experiment()).isEqualTo("p-exp");
        assertThat(MlflowParameters.read(null, null, null, servers(null), env::get)
                        .trackingUri())
                .isEqualTo("http://env:5000");
    }

    @Test
    void theTokenComesFromTheEnvironment() throws MojoExecutionException {
        Map<String, String> env = Map.of("MLFLOW_TRACKING_URI", "http://env:5000", "MLFLOW_TRACKING_TOKEN", "t0k");

        GoalContext.Mlflow mlflow = MlflowParameters.read(null, null, null, servers(null), env::get);
        assertThat(mlflow.token()).isEqualTo("t0k");
        assertThat(mlflow.credentialsSource()).isEqualTo("the MLFLOW_TRACKING_TOKEN environment variable");
    }

    @Test
    void aSettingsServerGivesUsernameAndPassword() throws MojoExecutionException {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("mlflow");
        server.setUsername("alice");
        server.setPassword("s3cret");
        settings.addServer(server);
        Map<String, String> env = Map.of("MLFLOW_TRACKING_TOKEN", "ignored");

        GoalContext.Mlflow mlflow = MlflowParameters.read(
                configuration("http://x:5000", null, "mlflow"), null, null, servers(settings), env::get);
        assertThat(mlflow.username()).isEqualTo("alice");
        assertThat(mlflow.password()).isEqualTo("s3cret");
        assertThat(mlflow.token()).isNull();
    }

    @Test
    void anUnknownServerIdNamesTheElementAndTheFix() {
        assertThatThrownBy(() -> MlflowParameters.read(
                        configuration("http://x:5000", null, "nope"),
                        null,
                        null,
                        servers(new Settings()),
                        Map.<String, String>of()::get))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<mlflow><serverId>nope</serverId> names no <server> in settings.xml");
    }
}
