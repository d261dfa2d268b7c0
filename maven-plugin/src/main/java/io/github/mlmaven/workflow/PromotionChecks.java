package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.nio.file.Files;

/**
 * What must hold before a model is promoted: exactly the validated model, with a passing validation that compared it
 * with the model now in production, and an approver when one is required. Each failure is a refusal that says why.
 */
final class PromotionChecks {
    private PromotionChecks() {}

    /** The card and validation of a model that may be promoted. */
    record Candidate(ModelCard card, ValidationReport validation) {}

    /** {@link #check(ModelBundle, String, boolean, String, boolean)} refusing a model of uncommitted changes. */
    static Candidate check(ModelBundle bundle, String productionVersion, boolean requireApproval, String approver) {
        return check(bundle, productionVersion, requireApproval, approver, false);
    }

    static Candidate check(
            ModelBundle bundle,
            String productionVersion,
            boolean requireApproval,
            String approver,
            boolean allowDirty) {
        var skipped = RetrainDecision.skipped(bundle.directory());
        if (skipped.isPresent()) {
            throw new RefusedException("nothing new to promote: ml:train skipped training of " + bundle.modelName()
                    + " (" + skipped.get().reason() + ")");
        }
        if (!Files.isRegularFile(bundle.cardFile()) || !Files.isRegularFile(bundle.modelFile())) {
            throw new RefusedException("nothing to promote: no trained model in " + bundle.directory()
                    + "; run ml:train and ml:validate first (mvn verify)");
        }
        ModelCard card = bundle.readCard();
        if (!Files.isRegularFile(bundle.validationFile())) {
            throw new RefusedException("model " + card.modelName() + " has not been validated (no "
                    + ModelBundle.VALIDATION_FILE + " in " + bundle.directory()
                    + "); run ml:validate (mvn verify) before ml:promote");
        }
        ValidationReport validation;
        try {
            validation = Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
        } catch (IOException e) {
            throw new InvalidInputException(
                    bundle.validationFile() + " cannot be read (" + e.getMessage() + "); run ml:validate again");
        }
        if (!validation.passed()) {
            throw new RefusedException("model " + card.modelName() + " failed its gate in the last validation ("
                    + bundle.summaryFile() + "); a model that did not pass is never promoted");
        }
        String modelSha = Sha256.ofFile(bundle.modelFile());
        if (!modelSha.equals(card.modelSha256()) || !modelSha.equals(validation.modelSha256())) {
            throw new RefusedException("the model changed after validation: " + bundle.modelFile() + " has SHA-256 "
                    + modelSha + ", its card records " + card.modelSha256() + " and the validation "
                    + validation.modelSha256() + "; run ml:validate again so that exactly the promoted model is"
                    + " the validated one");
        }
        if (card.git() != null && card.git().dirty() && !allowDirty) {
            throw new RefusedException("model " + card.modelName() + " was trained from a working tree with"
                    + " uncommitted changes (" + bundle.cardFile() + " says git.dirty=true), so its source commit "
                    + card.git().commit() + " does not name the code that made it. Commit the changes and run mvn"
                    + " verify again, or promote it anyway with -Dml.promote.allowDirty=true (recorded in the registry"
                    + " and on the tag)");
        }
        if (productionVersion != null) {
            ValidationReport.ChampionSection champion = validation.champion();
            boolean compared = champion != null
                    && productionVersion.equals(champion.version())
                    && !"none".equals(champion.status());
            if (!compared) {
                throw new RefusedException("version " + productionVersion + " of " + card.modelName()
                        + " is in production, but the last validation "
                        + (champion == null || champion.version() == null
                                ? "did not compare with it"
                                : "compared with " + champion.version())
                        + "; run ml:validate again so that the candidate is judged against the model it replaces");
            }
        }
        if (requireApproval && (approver == null || approver.isBlank())) {
            throw new RefusedException("promotion of " + card.modelName() + " requires an approver"
                    + " (ml.promote.requireApproval is true); pass -Dml.promote.approver=<who approved it>");
        }
        return new Candidate(card, validation);
    }
}
