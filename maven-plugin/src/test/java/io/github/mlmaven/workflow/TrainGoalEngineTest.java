package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.api.SparkParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.engine.SparkSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code <engine>} and {@code <spark>} as ml:train's record gives them, parsed into the request's settings. */
class TrainGoalEngineTest {
    private static TrainParameters train(String engine, SparkParameters spark) {
        return new TrainParameters(
                null,
                null,
                null,
                null,
                null,
                "weka.classifiers.trees.J48",
                null,
                1,
                false,
                null,
                null,
                null,
                null,
                null,
                engine,
                spark);
    }

    @Test
    void theLocalEngineHasNoSparkSettingsWhateverSparkSays() {
        SparkParameters wrong = new SparkParameters("nowhere", "0", null, null, null, null, null, null, null, null);

        assertThat(TrainGoal.engine(train(null, null))).isNull();
        assertThat(TrainGoal.engine(train("local", wrong))).isNull();
    }

    @Test
    void theSparkEngineParsesItsSettingsAndKeepsTheClassPaths() {
        SparkParameters spark = new SparkParameters(
                        "spark://127.0.0.1:7077",
                        "4",
                        "2g",
                        "1",
                        "1g",
                        "30",
                        Map.of("spark.ui.enabled", "false"),
                        List.of("org.apache.spark:spark-kubernetes_2.13:4.2.0"),
                        null,
                        null)
                .withClasspath(
                        List.of(Path.of("/r/driver.jar"), Path.of("/r/spark-core.jar")),
                        List.of(Path.of("/r/driver.jar")));

        SparkSettings settings = TrainGoal.engine(train(" spark ", spark));

        assertThat(settings.master()).isEqualTo("spark://127.0.0.1:7077");
        assertThat(settings.partitions()).isEqualTo(4);
        assertThat(settings.sparkConf())
                .containsEntry("spark.executor.memory", "2g")
                .containsEntry("spark.ui.enabled", "false");
        assertThat(settings.dependencies()).containsExactly("org.apache.spark:spark-kubernetes_2.13:4.2.0");
        assertThat(settings.driverClasspath()).hasSize(2);
        assertThat(settings.executorJars()).containsExactly(Path.of("/r/driver.jar"));
        assertThat(TrainGoal.engine(train("spark", null)).master()).isEqualTo("local[*]");
    }

    @Test
    void anUnknownEngineIsRefusedWithTheClosestName() {
        assertThatThrownBy(() -> TrainGoal.engine(train("sprak", null)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("<engine> is 'sprak'; it must be local (the default) or spark (did you mean spark?)")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("engine");
    }
}
