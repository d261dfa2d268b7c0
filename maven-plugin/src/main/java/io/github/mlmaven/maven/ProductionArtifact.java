package io.github.mlmaven.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** Resolves the promoted jar of the production model, from the release repository as well as the usual ones. */
final class ProductionArtifact {
    private ProductionArtifact() {}

    static Path resolve(
            MavenRepositories repositories,
            MavenProject project,
            String promoteRepository,
            String groupId,
            String artifactId,
            String version)
            throws ArtifactResolutionException, org.apache.maven.plugin.MojoExecutionException {
        List<RemoteRepository> extra = new ArrayList<>();
        if ((promoteRepository != null && !promoteRepository.isBlank())
                || (project.getDistributionManagement() != null
                        && project.getDistributionManagement().getRepository() != null)) {
            extra.add(repositories.releaseRepository(promoteRepository));
        }
        return repositories.resolve(groupId, artifactId, version, "jar", extra);
    }
}
