package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WekaEnvironmentTest {

    @Test
    void wekaStaysOfflineWithItsHomeInATemporaryFolder() {
        // given no WEKA_HOME chosen by the user
        assumeTrue(System.getenv("WEKA_HOME") == null, "WEKA_HOME is set, and this test checks the default");

        // when
        WekaEnvironment.prepare();

        // then
        assertThat(System.getProperty("weka.packageManager.offline")).isEqualTo("true");
        assertThat(System.getProperty("weka.packageManager.loadPackages")).isEqualTo("false");
        Path home = Path.of(System.getProperty("WEKA_HOME"));
        assertThat(home).isDirectory();
        assertThat(home.startsWith(Path.of(System.getProperty("user.home")))).isFalse();
        assertThat(home.toString())
                .isNotEqualTo(
                        Path.of(System.getProperty("user.home"), "wekafiles").toString());
    }

    @Test
    void preparingTwiceKeepsTheSameHome() {
        // given
        WekaEnvironment.prepare();
        String home = System.getProperty("WEKA_HOME");

        // when
        WekaEnvironment.prepare();

        // then
        assertThat(System.getProperty("WEKA_HOME")).isEqualTo(home);
    }
}
