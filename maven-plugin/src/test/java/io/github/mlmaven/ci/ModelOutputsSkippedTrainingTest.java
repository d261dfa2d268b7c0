package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.retrain.RetrainDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelOutputsSkippedTrainingTest {

    @TempDir
    Path dir;

    @Test
    void aSkippedTrainingIsNotReportedWithAnEarlierValidation() throws Exception {
        // given: the validation of an earlier build, then a build whose ml:train skipped training
        Path folder = Files.createDirectories(dir.resolve("m"));
        Files.writeString(folder.resolve("validation.json"), "{\"modelName\":\"m\",\"passed\":true}");
        new RetrainDecision(1, "m", false, "no retrain condition holds", "1.3.0", null, "2026-11-29T07:00:00Z")
                .writeTo(folder);

        // when
        ModelOutputs.Model model = ModelOutputs.read(folder, MlLog.SILENT);

        // then
        assertThat(model.validated()).isFalse();
        assertThat(model.note()).isEqualTo("training skipped by <retrainWhen>: no retrain condition holds");
    }
}
