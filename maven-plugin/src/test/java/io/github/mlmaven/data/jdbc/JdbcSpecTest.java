package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.runtime.Sha256;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcSpecTest {
    private static final Path DIR = Path.of("/work/project/target/ml/m/data").toAbsolutePath();
    private static final String URL = "jdbc:postgresql://db/labels";

    private static JdbcSpec spec(String query, String table) {
        return JdbcSpec.of("trainingData/jdbc", URL, query, table, DIR);
    }

    @Test
    void aTableIsReadAsSelectStarWithNamesThatNeedItQuoted() {
        assertThat(spec(null, "labelled_events").sql()).isEqualTo("SELECT * FROM labelled_events");
        assertThat(spec(null, "public.labelled_events").sql()).isEqualTo("SELECT * FROM public.labelled_events");
        assertThat(spec(null, "Labelled Events").sql()).isEqualTo("SELECT * FROM \"Labelled Events\"");
        assertThat(spec(null, "x\"; DROP TABLE y; --").sql()).isEqualTo("SELECT * FROM \"x\"\"; DROP TABLE y; --\"");
        assertThat(spec(null, "Labelled Events").sql("`")).isEqualTo("SELECT * FROM `Labelled Events`");
        assertThat(spec(null, "labelled_events").querySha256())
                .isEqualTo(Sha256.ofString("SELECT * FROM labelled_events"));
    }

    @Test
    void theQueryIsRecordedWithoutTrailingSemicolons() {
        assertThat(spec("  SELECT a FROM t ;; \n", null).sql()).isEqualTo("SELECT a FROM t");
    }

    @Test
    void exactlyOneOfQueryAndTable() {
        assertThatThrownBy(() -> spec(null, " "))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("give either <query> or <table> of the <jdbc> source")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/query");
        assertThatThrownBy(() -> spec("SELECT 1", "t")).hasMessageEndingWith("not both");
    }

    @Test
    void wrongValuesNameTheirElement() {
        assertThatThrownBy(() -> JdbcSpec.of("testData/jdbc", "postgresql://db/x", "SELECT 1", null, DIR))
                .hasMessageStartingWith("'postgresql://db/x' is not a JDBC URL")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("testData/jdbc/url");
        assertThatThrownBy(() -> spec("SELECT 1", null).withFetchSize(0))
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/fetchSize");
        assertThatThrownBy(() -> spec("SELECT 1", null).withFormat("parquet"))
                .hasMessage("'parquet' is not a snapshot format; remove <format> (csv is the only one)");
        assertThatThrownBy(() -> spec("SELECT 1", null).withFormat("ARFF"))
                .hasMessageStartingWith("arff snapshot parts are not supported; remove <format>")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/format");
        assertThat(spec("SELECT 1", null).withFormat(" CSV ").format()).isEqualTo("csv");
        assertThatThrownBy(() -> spec("SELECT 1", null)
                        .withWatermark(new JdbcSpec.Watermark("at", null, Duration.ofMinutes(-5))))
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/watermark/delay");
        assertThatThrownBy(() -> JdbcSpec.of("trainingData/jdbc", URL, "SELECT 1", null, Path.of("relative")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNeitherThePasswordNorSecretsInTheUrlOrProperties() {
        JdbcSpec spec = JdbcSpec.of(
                        "trainingData/jdbc",
                        "jdbc:postgresql://u:UrlSecret1@db/x?password=UrlSecret2",
                        "SELECT 1",
                        null,
                        DIR)
                .withCredentials("alice", "TheSecret3", "serverId labels-db")
                .withProperties(Map.of("sslpassword", "PropSecret4", "sslmode", "require"));

        assertThat(spec.toString())
                .doesNotContain("UrlSecret1", "UrlSecret2", "TheSecret3", "PropSecret4")
                .contains("url=jdbc:postgresql://db/x", "username=alice", "password=***", "sslmode=require");
    }
}
