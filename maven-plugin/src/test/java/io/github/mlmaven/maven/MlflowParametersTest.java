package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void withoutATrackingUriMlflowIsOff() throws MojoExecutionException {
        assertThat(MlflowParameters.read(null, null, null, false, null, null, Map.<String, String>of()::get))
                .isEmpty();
    }

    @Test
    void thePropertyWinsOverTheXmlWhichWinsOverTheEnvironment() throws MojoExecutionException {
        Map<String, String> env = Map.of("MLFLOW_TRACKING_URI", "http://env:5000");
        MlflowConfiguration xml = configuration("http://xml:5000", "xml-exp", null);

        assertThat(MlflowParameters.read(xml, "http://prop:5000", null, false, null, null, env::get))
                .containsEntry("mlflowTrackingUri", "http://prop:5000")
                .containsEntry("mlflowExperiment", "xml-exp");
        assertThat(MlflowParameters.read(xml, null, "p-exp", true, null, null, env::get))
                .containsEntry("mlflowTrackingUri", "http://xml:5000")
                .containsEntry("mlflowExperiment", "p-exp")
                .containsEntry("monitoringFailOnError", true);
        assertThat(MlflowParameters.read(null, null, null, false, null, null, env::get))
                .containsEntry("mlflowTrackingUri", "http://env:5000");
    }

    @Test
    void theTokenComesFromTheEnvironment() throws MojoExecutionException {
        Map<String, String> env = Map.of("MLFLOW_TRACKING_URI", "http://env:5000", "MLFLOW_TRACKING_TOKEN", "t0k");

        assertThat(MlflowParameters.read(null, null, null, false, null, null, env::get))
                .containsEntry("mlflowToken", "t0k")
                .containsEntry("mlflowCredentialsSource", "the MLFLOW_TRACKING_TOKEN environment variable");
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

        assertThat(MlflowParameters.read(
                        configuration("http://x:5000", null, "mlflow"), null, null, false, settings, null, env::get))
                .containsEntry("mlflowUsername", "alice")
                .containsEntry("mlflowPassword", "s3cret")
                .doesNotContainKey("mlflowToken");
    }

    @Test
    void anUnknownServerIdNamesTheElementAndTheFix() {
        assertThatThrownBy(() -> MlflowParameters.read(
                        configuration("http://x:5000", null, "nope"),
                        null,
                        null,
                        false,
                        new Settings(),
                        null,
                        Map.<String, String>of()::get))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<mlflow><serverId>nope</serverId> names no <server> in settings.xml");
    }
}
