package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunDataTest {

    @Test
    void fifteenHundredMetricsTakeTwoBatches() {
        // given
        RunData run = new RunData();
        IntStream.range(0, 1500).forEach(i -> run.metric("m" + i, (double) i));

        // when
        List<RunData.Batch> batches = run.batches("r1", 42L);

        // then
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).metrics()).hasSize(1000);
        assertThat(batches.get(1).metrics()).hasSize(500);
        assertThat(batches.get(1).metrics().get(499).key()).isEqualTo("m1499");
        assertThat(batches.get(0).metrics().get(0).timestamp()).isEqualTo(42L);
        assertThat(batches).allSatisfy(b -> assertThat(b.run_id()).isEqualTo("r1"));
    }

    @Test
    void everyBatchKeepsToEachLimitAndTheTotal() {
        // given 250 params, 150 tags and 1900 metrics
        RunData run = new RunData();
        IntStream.range(0, 250).forEach(i -> run.param("p" + i, "v"));
        IntStream.range(0, 150).forEach(i -> run.tag("t" + i, "v"));
        IntStream.range(0, 1900).forEach(i -> run.metric("m" + i, 1.0));

        // when
        List<RunData.Batch> batches = run.batches("r", 0);

        // then
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.params()).hasSizeLessThanOrEqualTo(RunData.MAX_PARAMS);
            assertThat(b.tags()).hasSizeLessThanOrEqualTo(RunData.MAX_TAGS);
            assertThat(b.metrics()).hasSizeLessThanOrEqualTo(RunData.MAX_METRICS);
            assertThat(b.size()).isLessThanOrEqualTo(RunData.MAX_ENTITIES);
        });
        assertThat(batches.stream().mapToInt(b -> b.params().size()).sum()).isEqualTo(250);
        assertThat(batches.stream().mapToInt(b -> b.tags().size()).sum()).isEqualTo(150);
        assertThat(batches.stream().mapToInt(b -> b.metrics().size()).sum()).isEqualTo(1900);
        assertThat(batches).hasSize(3); // 100+100+800, 100+50+850, 50+0+250
    }

    @Test
    void nothingToLogMeansNoRequest() {
        assertThat(new RunData().batches("r", 0)).isEmpty();
    }

    @Test
    void longParamValuesAreCutAndNamed() {
        // given
        RunData run = new RunData();

        // when
        run.param("options", "x".repeat(7000)).param("short", "y");

        // then
        assertThat(run.params().get("options")).hasSize(RunData.MAX_PARAM_VALUE).endsWith("...");
        assertThat(run.params().get("short")).isEqualTo("y");
        assertThat(run.truncated()).containsExactly("options");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // given a value whose cut point falls inside an emoji
        String value = "a".repeat(RunData.LEGACY_PARAM_VALUE - 4) + "\uD83D\uDE00" + "tail";

        // when
        String cut = RunData.cut(value, RunData.LEGACY_PARAM_VALUE);

        // then
        assertThat(cut).hasSizeLessThanOrEqualTo(RunData.LEGACY_PARAM_VALUE).endsWith("a...");
    }

    @Test
    void keysKeepToMlflowsCharactersAndLength() {
        assertThat(RunData.key("data.data/labelled 2024.csv.sha256")).isEqualTo("data.data/labelled 2024.csv.sha256");
        assertThat(RunData.key("data.C:\\x\\a+b.csv.rows")).isEqualTo("data.C__x_a_b.csv.rows");
        String a = RunData.key("data." + "d/".repeat(200) + "a.csv.sha256");
        String b = RunData.key("data." + "d/".repeat(200) + "b.csv.sha256");
        assertThat(a).hasSize(RunData.MAX_KEY).isNotEqualTo(b);
    }

    @Test
    void undefinedMetricsAreNotLogged() {
        RunData run =
                new RunData().metric("rocAuc", null).metric("mcc", Double.NaN).metric("f1", 0.5);
        assertThat(run.metrics()).containsOnlyKeys("f1");
    }
}
