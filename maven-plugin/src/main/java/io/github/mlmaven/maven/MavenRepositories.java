package io.github.mlmaven.maven;

import io.github.mlmaven.api.ArtifactRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.DeploymentRepository;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.deployment.DeploymentException;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.resolution.ResolutionErrorPolicyRequest;

/**
 * Deploys and resolves model artifacts through Maven Resolver, the way maven-deploy-plugin does: the release
 * repository of {@code <distributionManagement>} or {@code -Dml.promote.repository=id::url}, with the credentials and
 * proxy of the settings.xml server of the same id; checksums are written by Resolver.
 */
final class MavenRepositories implements ArtifactRepository {
    private final RepositorySystem system;
    private final MavenSession session;
    private final MavenProject project;
    private final String promoteRepository;

    /** @param promoteRepository {@code -Dml.promote.repository} ({@code id::url}), or null for distributionManagement */
    MavenRepositories(RepositorySystem system, MavenSession session, MavenProject project, String promoteRepository) {
        this.system = system;
        this.session = session;
        this.project = project;
        this.promoteRepository = promoteRepository;
    }

    @Override
    public String release() throws RepositoryException {
        RemoteRepository release = releaseRepository();
        return release.getId() + " (" + release.getUrl() + ")";
    }

    /** From the release repository first when one is configured, so that private coordinates stay private. */
    @Override
    public Path resolve(String groupId, String artifactId, String version, String classifier, String extension)
            throws RepositoryException {
        List<RemoteRepository> extra = new ArrayList<>();
        if ((promoteRepository != null && !promoteRepository.isBlank())
                || (project.getDistributionManagement() != null
                        && project.getDistributionManagement().getRepository() != null)) {
            extra.add(releaseRepository());
        }
        try {
            return resolve(groupId, artifactId, version, classifier, extension, extra);
        } catch (ArtifactResolutionException e) {
            throw new RepositoryException(e.getMessage(), true, e);
        }
    }

    @Override
    public boolean existsInRelease(String groupId, String artifactId, String version) throws RepositoryException {
        RemoteRepository release = releaseRepository();
        try {
            return exists(groupId, artifactId, version, release);
        } catch (MojoExecutionException e) {
            throw new RepositoryException(e.getMessage(), false, e);
        }
    }

    @Override
    public Path resolveFromRelease(String groupId, String artifactId, String version) throws RepositoryException {
        return resolveJar(groupId, artifactId, version, List.of(releaseRepository()));
    }

    @Override
    public void deploy(
            String groupId, String artifactId, String version, Path jar, Path pom, List<Attachment> attachments)
            throws RepositoryException {
        RemoteRepository release = releaseRepository();
        try {
            deploy(groupId, artifactId, version, jar, pom, attachments, release);
        } catch (MojoExecutionException e) {
            throw new RepositoryException(e.getMessage(), false, e);
        }
    }

    private Path resolveJar(String groupId, String artifactId, String version, List<RemoteRepository> extra)
            throws RepositoryException {
        try {
            return resolve(groupId, artifactId, version, "", "jar", extra);
        } catch (ArtifactResolutionException e) {
            throw new RepositoryException(e.getMessage(), true, e);
        }
    }

    private RemoteRepository releaseRepository() throws RepositoryException {
        try {
            return releaseRepository(promoteRepository);
        } catch (MojoExecutionException e) {
            throw new RepositoryException(e.getMessage(), false, e);
        }
    }

    /** The release repository to deploy to: {@code id::url} when given, else the POM's distributionManagement. */
    RemoteRepository releaseRepository(String override) throws MojoExecutionException {
        String id;
        String url;
        if (override != null && !override.isBlank()) {
            String[] parts = override.strip().split("::");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new MojoExecutionException("-D" + PropertyNames.PROMOTE_REPOSITORY + "=" + override
                        + " is not of the form id::url, e.g. releases::file:///srv/maven/releases");
            }
            id = parts[0].strip();
            url = parts[1].strip();
        } else {
            DeploymentRepository repository = project.getDistributionManagement() == null
                    ? null
                    : project.getDistributionManagement().getRepository();
            if (repository == null || repository.getUrl() == null) {
                throw new MojoExecutionException("no release repository to promote to: add"
                        + " <distributionManagement><repository><id>releases</id><url>...</url></repository>"
                        + "</distributionManagement> to the POM, or pass -D" + PropertyNames.PROMOTE_REPOSITORY
                        + "=id::url (credentials come from the settings.xml <server> with that id)");
            }
            id = repository.getId();
            url = repository.getUrl();
        }
        RepositorySystemSession repositorySession = session.getRepositorySession();
        RemoteRepository plain = new RemoteRepository.Builder(id, "default", url).build();
        return new RemoteRepository.Builder(plain)
                .setAuthentication(repositorySession.getAuthenticationSelector().getAuthentication(plain))
                .setProxy(repositorySession.getProxySelector().getProxy(plain))
                .build();
    }

    /**
     * Whether the repository holds the artifact already. Asked of the repository itself, through an empty temporary
     * local repository, so that a copy cached in the user's local repository does not count.
     */
    boolean exists(String groupId, String artifactId, String version, RemoteRepository repository)
            throws MojoExecutionException {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("ml-promote-check");
            DefaultRepositorySystemSession probe = freshLookups();
            probe.setLocalRepositoryManager(
                    system.newLocalRepositoryManager(probe, new LocalRepository(scratch.toFile())));
            ArtifactRequest request = new ArtifactRequest(
                    new DefaultArtifact(groupId, artifactId, "", "pom", version), List.of(repository), null);
            system.resolveArtifact(probe, request);
            return true;
        } catch (ArtifactResolutionException e) {
            return false;
        } catch (IOException e) {
            throw new MojoExecutionException("cannot create a temporary folder: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary folder
        }
    }

    void deploy(
            String groupId,
            String artifactId,
            String version,
            Path jar,
            Path pom,
            List<Attachment> attachments,
            RemoteRepository repository)
            throws MojoExecutionException {
        Artifact jarArtifact = new DefaultArtifact(groupId, artifactId, "", "jar", version).setFile(jar.toFile());
        Artifact pomArtifact = new DefaultArtifact(groupId, artifactId, "", "pom", version).setFile(pom.toFile());
        DeployRequest request = new DeployRequest();
        request.setRepository(repository);
        request.addArtifact(jarArtifact);
        request.addArtifact(pomArtifact);
        for (Attachment attachment : attachments) {
            request.addArtifact(
                    new DefaultArtifact(groupId, artifactId, attachment.classifier(), attachment.extension(), version)
                            .setFile(attachment.file().toFile()));
        }
        try {
            system.deploy(session.getRepositorySession(), request);
        } catch (DeploymentException e) {
            throw new MojoExecutionException(
                    "deploying " + groupId + ":" + artifactId + ":" + version + " to "
                            + repository.getId() + " (" + repository.getUrl() + ") failed: " + e.getMessage()
                            + "; check the URL and the settings.xml <server> with id " + repository.getId(),
                    e);
        }
    }

    /**
     * A session that asks the repositories every time and caches no "not found": a model version is checked for
     * before it is deployed, and must be found right after.
     */
    private DefaultRepositorySystemSession freshLookups() {
        DefaultRepositorySystemSession fresh = new DefaultRepositorySystemSession(session.getRepositorySession());
        fresh.setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_ALWAYS);
        fresh.setResolutionErrorPolicy(new ResolutionErrorPolicy() {
            @Override
            public int getArtifactPolicy(RepositorySystemSession s, ResolutionErrorPolicyRequest<Artifact> r) {
                return ResolutionErrorPolicy.CACHE_DISABLED;
            }

            @Override
            public int getMetadataPolicy(
                    RepositorySystemSession s, ResolutionErrorPolicyRequest<org.eclipse.aether.metadata.Metadata> r) {
                return ResolutionErrorPolicy.CACHE_DISABLED;
            }
        });
        return fresh;
    }

    /**
     * Resolves an artifact, asking the given repositories (the release repository) first and the project's
     * repositories only when they do not have it, so that private model coordinates are not sent to public
     * repositories needlessly; returns the local file.
     */
    Path resolve(
            String groupId,
            String artifactId,
            String version,
            String classifier,
            String extension,
            List<RemoteRepository> extra)
            throws ArtifactResolutionException {
        if (!extra.isEmpty()) {
            try {
                return resolveFrom(groupId, artifactId, version, classifier, extension, extra);
            } catch (ArtifactResolutionException e) {
                // fall through to the project's repositories
            }
        }
        List<RemoteRepository> repositories = new ArrayList<>(project.getRemoteProjectRepositories());
        repositories.addAll(extra);
        return resolveFrom(groupId, artifactId, version, classifier, extension, repositories);
    }

    private Path resolveFrom(
            String groupId,
            String artifactId,
            String version,
            String classifier,
            String extension,
            List<RemoteRepository> repositories)
            throws ArtifactResolutionException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(groupId, artifactId, classifier, extension, version), repositories, null);
        ArtifactResult result = system.resolveArtifact(freshLookups(), request);
        return result.getArtifact().getFile().toPath();
    }
}
