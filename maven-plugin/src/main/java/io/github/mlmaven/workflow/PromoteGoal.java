package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.ArtifactRepository.Attachment;
import io.github.mlmaven.api.ArtifactRepository.RepositoryException;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.artifact.ModelArtifactPackager;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.monitoring.mlflow.MlflowSteps;
import io.github.mlmaven.monitoring.prometheus.PrometheusSteps;
import io.github.mlmaven.registry.ModelVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * ml:promote: publishes exactly the model that ml:validate passed. Order, so that nothing is half-recorded: the version
 * is reserved in the registry (compare-and-swap, so two promotions never share one), the artifact is deployed, and
 * only then is the promotion recorded; a failed deploy records the version as failed (its number stays taken, so
 * releases stay immutable). {@code -Dml.promote.finish} completes a promotion a stopped run left in any of these states.
 */
final class PromoteGoal {
    private static final String FINISH_PROPERTY = "ml.promote.finish";

    private final MlLog log;
    private final ArtifactRepository repository;
    private final RetryPolicy mlflowRetry;

    PromoteGoal(MlLog log, ArtifactRepository repository, RetryPolicy mlflowRetry) {
        this.log = log;
        this.repository = repository;
        this.mlflowRetry = mlflowRetry;
    }

    void run(PromoteParameters p) {
        // fail on a missing repository before anything is reserved
        String release = call(repository::release);
        String finish = Registries.blankToNull(p.finish());
        if (finish != null) {
            finish(p, finish, release);
            return;
        }
        String artifactId = p.artifactId();
        if (p.projectArtifactId().equals(artifactId)) {
            throw new RefusedException("the model " + p.context().modelName() + " would be published as "
                    + p.groupId() + ":" + artifactId + ", the coordinates of the project itself (a release of the"
                    + " project would take them too); set another artifactId, e.g. <modelArtifactId>" + artifactId
                    + "-model</modelArtifactId> or -Dml.promote.artifactId=" + artifactId + "-model");
        }
        try (DataAttachments data = DataAttachments.of(p.context(), p.groupId() + ":" + artifactId, log)) {
            PromotionSteps.Prepared prepared = PromotionSteps.prepare(p, log);
            deploy(p, prepared, data.attachments(), release);
            complete(p, prepared.version());
        }
    }

    /** Deploys the prepared version with its data; a failure records the version as failed (its number stays taken). */
    private void deploy(
            PromoteParameters p, PromotionSteps.Prepared prepared, List<Attachment> attachments, String release) {
        try {
            if (call(() -> repository.existsInRelease(prepared.groupId(), prepared.artifactId(), prepared.version()))) {
                throw new RefusedException(prepared.coordinates() + " already exists in " + release
                        + "; releases are immutable, so it was not overwritten");
            }
            call(() -> {
                repository.deploy(
                        prepared.groupId(),
                        prepared.artifactId(),
                        prepared.version(),
                        prepared.jar(),
                        prepared.pom(),
                        attachments);
                return null;
            });
            log.info("Deployed " + prepared.coordinates() + " to " + release);
        } catch (RuntimeException e) {
            PromotionSteps.abort(p.context(), prepared.version(), String.valueOf(e.getMessage()), false, log);
            throw e;
        }
    }

    /**
     * Completes the promotion of a version from whatever state a stopped run left it in: reserved and not deployed,
     * reserved and deployed, promoted without a tag. The coordinates are the ones the registry recorded.
     */
    private void finish(PromoteParameters p, String version, String where) {
        GoalContext context = p.context();
        PromotionSteps.State state = PromotionSteps.state(context, version, log);
        String coordinates = state.groupId() + ":" + state.artifactId() + ":" + version;
        if (state.status() == ModelVersion.Status.FAILED) {
            throw new RefusedException("version " + version + " of " + context.modelName() + " was recorded as"
                    + " failed; there is nothing to finish (its number stays taken). Run ml:promote without "
                    + FINISH_PROPERTY + " to promote under a new version");
        }
        if (state.status() == ModelVersion.Status.PROMOTED) {
            log.info(coordinates + " is recorded as promoted already; checking its tag");
            complete(p, version);
            return;
        }
        if (call(() -> repository.existsInRelease(state.groupId(), state.artifactId(), version))) {
            Path jar;
            try {
                jar = repository.resolveFromRelease(state.groupId(), state.artifactId(), version);
            } catch (RepositoryException e) {
                throw new InvalidInputException(
                        "the POM of " + coordinates + " is in " + where + " but its jar cannot be resolved: "
                                + e.getMessage() + "; deploy it again by hand or run mvn ml:promote -D"
                                + FINISH_PROPERTY + "=" + version + " once the repository answers",
                        e);
            }
            PromotionSteps.verifyDeployed(context, version, jar, log);
            log.info(coordinates + " is deployed to " + where + " and holds the reserved model; recording it");
        } else if (state.localModelMatches()) {
            ModelArtifactPackager.Packaged packaged = PromotionSteps.packageReserved(context, version, log);
            try (DataAttachments data = DataAttachments.of(context, state.groupId() + ":" + state.artifactId(), log)) {
                call(() -> {
                    repository.deploy(
                            state.groupId(),
                            state.artifactId(),
                            version,
                            packaged.jar(),
                            packaged.pom(),
                            data.attachments());
                    return null;
                });
            }
            log.info("Deployed " + coordinates + " to " + where + ", which its stopped promotion had not");
        } else {
            PromotionSteps.abort(
                    context,
                    version,
                    "abandoned by " + FINISH_PROPERTY + ": never deployed to " + where + ", and target/ml holds"
                            + " another model than the one reserved (SHA-256 " + state.modelSha256() + ")",
                    true,
                    log);
            log.warn("Version " + version + " of " + context.modelName() + " was never deployed and its model is no"
                    + " longer in target/ml, so it cannot be finished: it is recorded as failed (its number stays"
                    + " taken). Run ml:promote to promote the current model under a new version");
            return;
        }
        complete(p, version);
    }

    /** Records the promotion and tags it, then tells MLflow and the Pushgateway which version is in production. */
    private void complete(PromoteParameters p, String version) {
        PromotionSteps.complete(p.context(), version, log);
        MlflowSteps.afterPromote(p.context(), p.groupId(), p.artifactId(), version, mlflowRetry, log);
        PrometheusSteps.afterProductionChange(p.context(), log, version);
    }

    /** A repository failure is the user's to fix (a repository unreachable, misconfigured): its message, unchanged. */
    private static <T> T call(RepositoryCall<T> call) {
        try {
            return call.run();
        } catch (RepositoryException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RepositoryCall<T> {
        T run() throws RepositoryException;
    }
}
