package io.github.mlmaven.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.DataSources;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Cards;
import io.github.mlmaven.workflow.StepLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainDecisionTest {

    @TempDir
    Path dir;

    @Test
    void dataLineNamesRowsNewRowsAndClasses() {
        Map<String, Long> perClass = new LinkedHashMap<>();
        perClass.put("bad", 40L);
        perClass.put("good", 160L);

        assertThat(RetrainDecision.dataLine(1234, 200L, perClass, "1.3.0"))
                .isEqualTo("1,234 rows, 200 new labelled rows since production 1.3.0 (bad 40, good 160).");
        assertThat(RetrainDecision.dataLine(1234, null, Map.of(), null))
                .isEqualTo("1,234 rows, no production version to compare with.");
    }

    @Test
    void rowsWithoutAClassAreNotNewLabelledRows() throws Exception {
        // given: production trained on a.csv; b.csv is new with one unlabelled row
        Files.writeString(dir.resolve("a.csv"), "x,class\n1,good\n2,bad\n3,good\n");
        Files.writeString(dir.resolve("b.csv"), "x,class\n4,good\n5,?\n6,bad\n");
        var context = DataSource.Context.of(dir, dir.resolve("out"), MlLog.SILENT);
        var production = DataSources.open(context, SourceSpec.files(List.of("a.csv")), "t")
                .read(new ReadOptions(null, Map.of()));
        ModelCard card = card(production.files().get(0));
        DataSource source = DataSources.open(context, SourceSpec.files(List.of("a.csv", "b.csv")), "t");
        var now = source.read(new ReadOptions(null, Map.of()));

        // when
        ModelCard.DataChanges changes = DataChangeCounter.count(now, source, card, "1.0.0");

        // then
        assertThat(changes.newRows()).isEqualTo(2);
        assertThat(changes.newRowsPerClass()).containsOnly(Map.entry("good", 1L), Map.entry("bad", 1L));
        assertThat(changes.files().get(1)).isEqualTo(new ModelCard.FileChange("b.csv", "new", 3, 2));
    }

    private static ModelCard card(io.github.mlmaven.data.DataFile file) {
        return Cards.withData(new ModelCard.DataSection(
                List.of(new ModelCard.FileEntry(file.path(), file.sha256(), file.rows(), file.sizeBytes())),
                file.rows(),
                file.sizeBytes(),
                Map.of()));
    }

    @Test
    void aPolicyNeedsAtLeastOneRowAndNoNegativeAge() {
        assertThatThrownBy(() -> new RetrainPolicy(0L, null, null, null, null, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<retrainWhen><newRows> is 0");
        assertThatThrownBy(() -> new RetrainPolicy(null, null, -1, null, null, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<retrainWhen><maxAgeDays> is -1");
        assertThat(new RetrainPolicy(null, false, null, null, null, null).configured())
                .isFalse();
        assertThat(new RetrainPolicy(null, true, null, null, null, null).configured())
                .isTrue();
    }

    @Test
    void theRetrainCheckStepReportsOnlyASkippedTraining() {
        // given
        Path folder = dir.resolve("target/ml/m");
        Map<String, Object> p =
                new HashMap<>(Map.of("outputDirectory", dir.resolve("target/ml").toString()));
        p.put("modelName", "m");
        RetrainPolicy policy = new RetrainPolicy(10L, null, null, null, null, null);

        // when / then: nothing decided yet, then a decision to train, then one to skip
        assertThat(StepLauncher.launch("retrain-check", p, (l, m) -> {})).doesNotContainKey("retrain");
        policy.train("m", "no production version yet", null, Instant.now()).writeTo(folder);
        assertThat(StepLauncher.launch("retrain-check", p, (l, m) -> {})).doesNotContainKey("retrain");
        new RetrainDecision(
                        1, "m", false, "too few", "1.3.0", null, Instant.now().toString())
                .writeTo(folder);
        assertThat(StepLauncher.launch("retrain-check", p, (l, m) -> {}))
                .containsEntry("retrain", "false")
                .containsEntry("reason", "too few");
    }
}
