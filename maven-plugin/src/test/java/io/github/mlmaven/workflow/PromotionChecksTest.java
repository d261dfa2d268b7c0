package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What must hold before ml:promote touches the registry: exactly the validated, passing, compared model. */
class PromotionChecksTest {
    private static final String NO_PRODUCTION = null;

    @TempDir
    Path dir;

    private MlProject project;
    private ModelBundle bundle;
    private ModelCard card;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** J48 trained on weather and validated (10-fold cv, no gate): a candidate that may be promoted. */
    @BeforeEach
    void trainedAndValidatedModel() {
        project = MlProject.in(dir);
        String data = project.withData(Datasets.weatherNominalArff(), "weather.arff");
        card = new TrainWorkflow(MlLog.SILENT)
                .run(project.train(data).request())
                .card();
        new ValidateWorkflow(MlLog.SILENT).run(project.validate(data).request());
        bundle = project.bundle();
    }

    /** Edits validation.json as a later or earlier ml:validate would have written it. */
    private void editValidation(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json =
                (ObjectNode) Json.MAPPER.readTree(bundle.validationFile().toFile());
        edit.accept(json);
        Json.MAPPER.writeValue(bundle.validationFile().toFile(), json);
    }

    /** A validation that compared the candidate with production {@code version}. */
    private void comparedWith(String version, String status) throws IOException {
        editValidation(json -> {
            ObjectNode champion = json.putObject("champion");
            champion.put("status", status);
            if (version != null) {
                champion.put("version", version);
            }
            champion.putArray("rules");
            champion.put("passed", true);
        });
    }

    private PromotionChecks.Candidate check(String productionVersion) {
        return PromotionChecks.check(bundle, productionVersion, false, null);
    }

    @Test
    void validatedPassingModelWithoutProductionMayBePromoted() {
        // when
        PromotionChecks.Candidate candidate = check(NO_PRODUCTION);

        // then
        assertThat(candidate.card()).isEqualTo(card);
        assertThat(candidate.validation().passed()).isTrue();
        assertThat(candidate.validation().modelSha256()).isEqualTo(card.modelSha256());
    }

    @Test
    void nothingTrainedIsRefused() {
        // given
        ModelBundle empty = project.bundle("never-trained");

        // when / then
        assertThatThrownBy(() -> PromotionChecks.check(empty, NO_PRODUCTION, false, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("nothing to promote")
                .hasMessageContaining("run ml:train and ml:validate first");
    }

    @Test
    void cardWithoutItsModelFileIsRefused() throws IOException {
        // given
        Files.delete(bundle.modelFile());

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("nothing to promote");
    }

    @Test
    void modelThatWasNeverValidatedIsRefused() throws IOException {
        // given
        Files.delete(bundle.validationFile());

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("has not been validated")
                .hasMessageContaining("run ml:validate (mvn verify) before ml:promote");
    }

    @Test
    void unreadableValidationIsAnInputErrorSayingToValidateAgain() throws IOException {
        // given
        Files.writeString(bundle.validationFile(), "{ not json");

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("run ml:validate again");
    }

    @Test
    void modelThatFailedItsGateIsRefused() throws IOException {
        // given
        editValidation(json -> json.put("passed", false));

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("failed its gate")
                .hasMessageContaining("never promoted");
    }

    @Test
    void modelFileChangedAfterValidationIsRefused() throws IOException {
        // given the model file replaced after training and validation
        byte[] model = Files.readAllBytes(bundle.modelFile());
        model[model.length - 1] ^= 0x01;
        Files.write(bundle.modelFile(), model);

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the model changed after validation")
                .hasMessageContaining(Sha256.ofFile(bundle.modelFile()))
                .hasMessageContaining(card.modelSha256())
                .hasMessageContaining("run ml:validate again");
    }

    @Test
    void modelRetrainedAfterValidationIsRefused() throws IOException {
        // given a validation of an earlier model: card and file agree, the validation names another hash
        String earlier = "1".repeat(64);
        editValidation(json -> json.put("modelSha256", earlier));

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the model changed after validation")
                .hasMessageContaining("the validation " + earlier);
    }

    @Test
    void cardThatNoLongerDescribesTheModelIsRefused() throws IOException {
        // given a card rewritten with another hash, the model file and validation unchanged
        String other = "2".repeat(64);
        bundle.writeJson(bundle.cardFile(), card.withModel(card.modelFile(), other));

        // when / then
        assertThatThrownBy(() -> check(NO_PRODUCTION))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("the model changed after validation")
                .hasMessageContaining("its card records " + other);
    }

    @Test
    void validationThatDidNotCompareWithProductionIsRefused() {
        // given validation.json without a champion section, and 1.3.0 in production

        // when / then
        assertThatThrownBy(() -> check("1.3.0"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("version 1.3.0 of model is in production")
                .hasMessageContaining("did not compare with it")
                .hasMessageContaining("run ml:validate again");
    }

    @Test
    void validationThatFoundNoProductionVersionIsRefusedOnceOneExists() throws IOException {
        // given a validation made before the first promotion
        comparedWith(null, "none");

        // when / then
        assertThatThrownBy(() -> check("1.3.0"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("did not compare with it");
    }

    @Test
    void validationThatComparedWithAnotherVersionIsRefused() throws IOException {
        // given a validation against 1.3.0, and 1.3.1 promoted since
        comparedWith("1.3.0", "compared");

        // when / then
        assertThatThrownBy(() -> check("1.3.1"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("version 1.3.1 of model is in production")
                .hasMessageContaining("compared with 1.3.0");
    }

    @Test
    void validationThatComparedWithTheProductionVersionMayBePromoted() throws IOException {
        // given
        comparedWith("1.3.0", "compared");

        // when
        PromotionChecks.Candidate candidate = check("1.3.0");

        // then
        assertThat(candidate.validation().champion().version()).isEqualTo("1.3.0");
    }

    @Test
    void requiredApprovalWithoutAnApproverIsRefused() {
        // when / then
        assertThatThrownBy(() -> PromotionChecks.check(bundle, NO_PRODUCTION, true, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("requires an approver")
                .hasMessageContaining("-Dml.promote.approver=");
    }

    @Test
    void blankApproverIsNoApprover() {
        // when / then
        assertThatThrownBy(() -> PromotionChecks.check(bundle, NO_PRODUCTION, true, "   "))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("requires an approver");
    }

    @Test
    void requiredApprovalWithAnApproverMayBePromoted() {
        // when
        PromotionChecks.Candidate candidate = PromotionChecks.check(bundle, NO_PRODUCTION, true, "alice");

        // then
        assertThat(candidate.card().modelName()).isEqualTo(MlProject.MODEL_NAME);
    }

    @Test
    void approverIsNotNeededUnlessRequired() {
        // when / then
        assertThat(PromotionChecks.check(bundle, NO_PRODUCTION, false, null)).isNotNull();
    }
}
