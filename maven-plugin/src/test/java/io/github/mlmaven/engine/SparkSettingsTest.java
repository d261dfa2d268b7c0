package io.github.mlmaven.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SparkSettingsTest {

    private static SparkSettings master(String master) {
        return SparkSettings.parse(master, null, null, null, null, null, null, null);
    }

    @Test
    void nothingSetGivesTheDocumentedDefaults() {
        SparkSettings settings = SparkSettings.parse(null, null, null, null, null, null, null, null);

        assertThat(settings.master()).isEqualTo("local[*]");
        assertThat(settings.partitions()).isEqualTo(2);
        assertThat(settings.executorWaitSeconds()).isEqualTo(60);
        assertThat(settings.executorMemory()).isNull();
        assertThat(settings.executorCores()).isNull();
        assertThat(settings.driverMemory()).isNull();
        assertThat(settings.sparkConf()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "local",
                "local[2]",
                "local[*]",
                "spark://127.0.0.1:7077",
                "spark://spark-master.internal:7077",
                "k8s://https://10.0.0.1:6443",
                "yarn"
            })
    void everyKindOfMasterIsAccepted(String master) {
        assertThat(master(" " + master + " ").master()).isEqualTo(master);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"locale", "local[0]", "local[x]", "spark://host", "spark://:7077", "mesos://h:5050", "k8s://"})
    void aWrongMasterIsRefusedNamingTheElementAndTheForms(String master) {
        assertThatThrownBy(() -> master(master))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<spark><master> is '" + master + "'")
                .hasMessageContaining("spark://host:port")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("spark/master");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> master("spark://h:70000"))
                .hasMessageContaining("<spark><master> spark://h:70000 has port 70000");
    }

    @ParameterizedTest
    @CsvSource({"0,is 0; it must be between 1 and", "-3,is -3;", "two,is 'two'; it must be a whole number"})
    void partitionsBelowOneOrNotANumberAreRefused(String given, String expected) {
        assertThatThrownBy(() -> SparkSettings.parse(null, given, null, null, null, null, null, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("<spark><partitions> ")
                .hasMessageContaining(expected)
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("spark/partitions");
    }

    @Test
    void executorCoresAndTheWaitMustBePositive() {
        assertThatThrownBy(() -> SparkSettings.parse(null, null, null, "0", null, null, null, null))
                .hasMessageStartingWith("<spark><executorCores> is 0");
        assertThatThrownBy(() -> SparkSettings.parse(null, null, null, null, null, "soon", null, null))
                .hasMessageStartingWith("<spark><executorWaitSeconds> is 'soon'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "2 g", "1.5g", "0m", "-1g", "2x"})
    void aMemorySizeThatIsNotASparkSizeIsRefused(String size) {
        assertThatThrownBy(() -> SparkSettings.parse(null, null, size, null, null, null, null, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("<spark><executorMemory> is '" + size + "'")
                .hasMessageContaining("512m or 2g");
        assertThatThrownBy(() -> SparkSettings.parse(null, null, null, null, size, null, null, null))
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("spark/driverMemory");
    }

    @ParameterizedTest
    @CsvSource({"2g,2g", "2G,2g", "2gb,2g", "512m,512m", "512,512m", "1024k,1024k", "1048576b,1048576"})
    void theDriverMemoryBecomesTheJvmsHeapSize(String given, String xmx) {
        assertThat(SparkSettings.parse(null, null, null, null, given, null, null, null)
                        .driverMemory())
                .isEqualTo(xmx);
    }

    @Test
    void confKeysMustBeSparkPropertiesAndTheUsersWin() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.executor.memory", "3g");
        conf.put("spark.eventLog.enabled", "false");
        SparkSettings settings = SparkSettings.parse(null, null, "1g", "2", null, null, conf, null);

        assertThat(settings.sparkConf())
                .containsEntry("spark.executor.memory", "3g")
                .containsEntry("spark.executor.cores", "2")
                .containsEntry("spark.eventLog.enabled", "false");

        assertThatThrownBy(() -> SparkSettings.parse(null, null, null, null, null, null, Map.of("eventLog", "x"), null))
                .hasMessageStartingWith("<spark><conf><eventLog> is not a Spark property")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("spark/conf/eventLog");
        Map<String, String> empty = new LinkedHashMap<>();
        empty.put("spark.x", null);
        assertThatThrownBy(() -> SparkSettings.parse(null, null, null, null, null, null, empty, null))
                .hasMessageStartingWith("<spark><conf><spark.x> has no value");
        assertThatThrownBy(() ->
                        SparkSettings.parse(null, null, null, null, null, null, Map.of("spark.master", "y"), null))
                .hasMessageContaining("set the master with <spark><master>");
    }

    @Test
    void onlyAStandaloneMasterHasAnAddressToCheck() {
        assertThat(master("spark://10.1.2.3:7077").standaloneAddress()).hasValueSatisfying(a -> {
            assertThat(a.getHostString()).isEqualTo("10.1.2.3");
            assertThat(a.getPort()).isEqualTo(7077);
        });
        assertThat(master("local[2]").standaloneAddress()).isEmpty();
        assertThat(master("yarn").standaloneAddress()).isEmpty();
    }

    @Test
    void dependenciesAreCoordinatesKeptInTheirOrder() {
        SparkSettings settings = SparkSettings.parse(
                "yarn",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(" org.apache.spark:spark-yarn_2.13:4.2.0 ", "org.apache.spark:spark-kubernetes_2.13:4.2.0"));

        assertThat(settings.dependencies())
                .containsExactly(
                        "org.apache.spark:spark-yarn_2.13:4.2.0", "org.apache.spark:spark-kubernetes_2.13:4.2.0");
        assertThat(SparkSettings.dependencies(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.apache.spark:spark-kubernetes_2.13",
                "spark-kubernetes_2.13",
                "org.apache.spark::4.2.0",
                "org.apache.spark:spark-kubernetes_2.13:",
                ":spark-kubernetes_2.13:4.2.0",
                "org.apache.spark:spark-kubernetes_2.13:jar:4.2.0",
                "org.apache.spark:spark kubernetes:4.2.0",
                "  "
            })
    void aDependencyThatIsNotGroupArtifactVersionIsRefusedByName(String given) {
        List<String> dependencies = List.of("org.apache.spark:spark-yarn_2.13:4.2.0", given);

        assertThatThrownBy(() -> SparkSettings.parse(null, null, null, null, null, null, null, dependencies))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("<spark><dependencies> has the entry '" + given.strip() + "'")
                .hasMessageContaining("groupId:artifactId:version")
                .hasMessageContaining("<dependency>org.apache.spark:spark-kubernetes_2.13:4.2.0</dependency>")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("spark/dependencies");
    }

    @Test
    void anEmptyDependencyElementIsRefused() {
        List<String> dependencies = new java.util.ArrayList<>();
        dependencies.add(null);

        assertThatThrownBy(() -> SparkSettings.dependencies(dependencies))
                .hasMessageStartingWith("<spark><dependencies> has the entry ''");
    }
}
