package io.github.mlmaven.workflow;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.registry.GitModelRegistry;
import io.github.mlmaven.registry.ModelVersion;
import io.github.mlmaven.registry.RegistryCredentials;
import io.github.mlmaven.registry.RegistryDocument;
import io.github.mlmaven.registry.RegistryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The model registry and the model's folder of a goal, and the lookup of the production version. */
final class Registries {
    private Registries() {}

    static GitModelRegistry open(GoalContext context, MlLog log) {
        GoalContext.Registry registry = context.registry();
        GoalContext.Credentials given = registry.credentials();
        RegistryCredentials credentials = given == null || given.username() == null
                ? null
                : new RegistryCredentials(given.username(), given.password(), given.source());
        return new GitModelRegistry(context.basedir(), registry.branch(), registry.remote(), credentials, log);
    }

    static ModelBundle bundle(GoalContext context) {
        return new ModelBundle(context.modelDirectory(), context.modelName());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Versions that exist already, or are unknown to a rollback, are refusals (verdicts), not breakages. */
    static RuntimeException translate(RegistryException e) {
        return switch (e.reason()) {
            case VERSION_EXISTS, UNKNOWN_VERSION, INVALID_VERSION, INVALID_STATE ->
                new RefusedException(e.getMessage());
            default -> e;
        };
    }

    /**
     * Which model is in production.
     *
     * @param status {@code found}, {@code none} (nothing promoted yet) or {@code unknown} (no registry can be read)
     */
    record ProductionLookup(
            String status, String version, String groupId, String artifactId, String modelSha256, Path jar) {
        static ProductionLookup of(String status) {
            return new ProductionLookup(status, null, null, null, null, null);
        }

        /** The same version with its resolved jar. */
        ProductionLookup withJar(Path resolved) {
            return new ProductionLookup(status, version, groupId, artifactId, modelSha256, resolved);
        }

        boolean found() {
            return "found".equals(status);
        }

        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** The production version from the registry; a registry that cannot be read is {@code unknown}, with a message. */
    static ProductionLookup production(GoalContext context, MlLog log) {
        RegistryDocument document;
        try {
            document = open(context, log).read(context.modelName());
        } catch (RegistryException e) {
            if (e.reason() == RegistryException.Reason.NOT_A_REPOSITORY) {
                log.info("The project is not in a git repository, so there is no model registry: gating on the"
                        + " thresholds alone");
            } else {
                log.warn("Could not read the model registry (" + e.getMessage() + "); validating without comparing"
                        + " with production. ml:promote will refuse this validation if a production version exists");
            }
            return ProductionLookup.of("unknown");
        }
        Optional<ModelVersion> production = document.productionVersion();
        if (production.isEmpty()) {
            return ProductionLookup.of("none");
        }
        ModelVersion v = production.get();
        return new ProductionLookup("found", v.version(), v.groupId(), v.artifactId(), v.modelSha256(), null);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
