package io.github.mlmaven.workflow;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.RollbackParameters;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.registry.GitModelRegistry;
import io.github.mlmaven.registry.RegistryCommit;
import io.github.mlmaven.registry.RegistryDocument;
import io.github.mlmaven.registry.RegistryException;
import java.util.List;

/** ml:rollback: points production back at an earlier promoted version, as an event of its own; nothing is deleted. */
final class RollbackGoal {
    private RollbackGoal() {}

    /** Points production back at an earlier promoted version, as an event of its own; nothing is deleted. */
    static void run(RollbackParameters p, MlLog log) {
        GoalContext context = p.context();
        String version = Registries.blankToNull(p.version());
        if (version == null) {
            throw new InvalidConfigurationException(
                    "ml.rollback.version",
                    "name the version to put back in production: mvn ml:rollback -Dml.rollback.version=<version>; "
                            + rollbackCandidates(context, log));
        }
        CiSteps.Approval approval = CiSteps.approval(
                p.github(),
                p.requireApproval(),
                context.pluginVersion(),
                Registries.blankToNull(p.approver()),
                Registries.blankToNull(p.reason()),
                log);
        String approver = approval.approver();
        String reason = approval.reason();
        if (p.requireApproval() && approver == null) {
            throw new RefusedException("the rollback requires an approver (ml.promote.requireApproval is true);"
                    + " pass -Dml.promote.approver=<who approved it>");
        }
        GitModelRegistry registry = Registries.open(context, log);
        try {
            RegistryCommit commit = registry.update(
                    context.modelName(),
                    document -> document.rollback(version, approver, reason, Registries.now()),
                    RegistryDocument::describeLastEvent);
            log.info("Rolled back " + context.modelName() + ": production is now "
                    + commit.document().production() + " (" + registry.location() + ")");
        } catch (RegistryException e) {
            throw Registries.translate(e);
        }
    }

    /** The versions a rollback may name, as a sentence; what the registry says when it cannot be read. */
    private static String rollbackCandidates(GoalContext context, MlLog log) {
        String modelName = context.modelName();
        try {
            RegistryDocument document = Registries.open(context, log).read(modelName);
            List<String> promoted = document.promotedVersions().stream()
                    .map(v -> v.version() + (v.version().equals(document.production()) ? " (in production)" : ""))
                    .toList();
            return promoted.isEmpty()
                    ? "no version of " + modelName + " has been promoted yet, so there is none to roll back to"
                    : "the promoted versions of " + modelName + " are " + String.join(", ", promoted);
        } catch (RuntimeException e) {
            return "the registry could not be read to list the promoted versions (" + e.getMessage()
                    + "); mvn ml:history lists them";
        }
    }
}
