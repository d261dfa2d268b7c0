package io.github.mlmaven.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The Spark driver's classes: {@code io.github.mlmaven:ml-spark-driver} of the plugin's own version with its runtime
 * dependencies (Spark among them), resolved through Maven Resolver from the project's repositories only when the
 * engine is spark, so that a build on the local engine never downloads Spark.
 */
final class SparkDriverClasspath {
    static final String GROUP_ID = "io.github.mlmaven";
    static final String ARTIFACT_ID = "ml-spark-driver";

    /** What executors need besides Spark even when the plugin's own artifacts are unknown. */
    private static final Set<String> ALWAYS_SHIPPED = Set.of(
            GROUP_ID + ":" + ARTIFACT_ID,
            GROUP_ID + ":ml-maven-plugin",
            GROUP_ID + ":ml-model-runtime",
            "nz.ac.waikato.cms.weka:weka-stable");

    /** The resolved class path, and each entry's {@code groupId:artifactId}, in the same order. */
    record Resolved(List<Path> jars, List<String> keys) {}

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    SparkDriverClasspath(
            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
    }

    /**
     * The driver with {@code <spark><dependencies>}, and their runtime dependencies, in class path order: one request
     * whose root is the driver and whose extra direct dependencies are the given modules, so that Maven's nearest-wins
     * picks one version of each library for them all.
     *
     * @param dependencies checked {@code groupId:artifactId:version} coordinates
     */
    Resolved resolve(String pluginVersion, List<String> dependencies) throws MojoExecutionException {
        String coordinates = GROUP_ID + ":" + ARTIFACT_ID + ":" + pluginVersion;
        if (pluginVersion == null || pluginVersion.isBlank() || pluginVersion.equals("unknown")) {
            throw new MojoExecutionException("cannot resolve the Spark driver " + GROUP_ID + ":" + ARTIFACT_ID
                    + ": this plugin's own version is unknown (its jar lacks its Maven metadata)");
        }
        CollectRequest collect = new CollectRequest(
                new Dependency(new DefaultArtifact(GROUP_ID, ARTIFACT_ID, "", "jar", pluginVersion), "runtime"),
                repositories);
        for (String dependency : dependencies) {
            String[] parts = dependency.split(":", -1);
            collect.addDependency(
                    new Dependency(new DefaultArtifact(parts[0], parts[1], "", "jar", parts[2]), "runtime"));
        }
        DependencyFilter runtime = (node, parents) -> node.getDependency() == null
                || List.of("compile", "runtime", "")
                        .contains(node.getDependency().getScope());
        List<Path> jars = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try {
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, runtime))
                    .getArtifactResults()) {
                Artifact artifact = result.getArtifact();
                jars.add(artifact.getFile().toPath().toAbsolutePath());
                keys.add(artifact.getGroupId() + ":" + artifact.getArtifactId());
            }
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException(failure(coordinates, dependencies, e.getMessage()), e);
        }
        return new Resolved(jars, keys);
    }

    /**
     * Why the driver's class path cannot be had: an entry of {@code <spark><dependencies>} that Resolver names is
     * named first, since a mistyped coordinate is likelier than a missing driver.
     */
    private String failure(String driver, List<String> dependencies, String cause) {
        String where = session.isOffline()
                ? ": this build is offline (-o), so run it once online to fetch it"
                : " (the project's <repositories> or the settings.xml mirrors)";
        String reason = String.valueOf(cause);
        List<String> named = dependencies.stream()
                .filter(d -> {
                    String[] parts = d.split(":", -1);
                    return reason.contains(parts[0] + ":" + parts[1] + ":") && reason.contains(parts[2]);
                })
                .toList();
        if (!named.isEmpty()) {
            // Resolver names an entry both when the entry itself is missing and when a library under it is
            return "cannot resolve " + String.join(", ", named) + " of <spark><dependencies>, or a library it needs,"
                    + " for the plugin's Spark driver (" + reason + "); check the entry's groupId:artifactId:version (a"
                    + " module of the Spark version the driver runs, e.g."
                    + " org.apache.spark:spark-kubernetes_2.13:4.2.0) and that it and its dependencies are in a"
                    + " repository the build can reach" + where;
        }
        return "cannot resolve the plugin's Spark driver " + driver
                + (dependencies.isEmpty() ? "" : " and <spark><dependencies> " + String.join(", ", dependencies))
                + " with " + (dependencies.isEmpty() ? "its" : "their") + " dependencies (" + reason
                + "); <engine>spark</engine> needs it in a repository the build can reach" + where;
    }

    /**
     * The jars executors are sent: the driver's class path without Spark's own runtime, which the workers have, i.e.
     * the driver, the plugin, the runtime library, Weka and the plugin's runtime dependencies (as the driver resolved
     * them), then the project's runtime jars. The modules of {@code <spark><dependencies>} and what they bring are
     * Spark's own (the cluster has them), so they stay on the driver unless they are among the plugin's artifacts.
     *
     * @param pluginArtifacts the plugin's own artifacts as {@code groupId:artifactId}; may be empty
     */
    static List<Path> executorJars(Resolved driver, Set<String> pluginArtifacts, List<Path> projectClasspath) {
        Set<Path> jars = new LinkedHashSet<>();
        for (int i = 0; i < driver.jars().size(); i++) {
            String key = driver.keys().get(i);
            if (ALWAYS_SHIPPED.contains(key) || pluginArtifacts.contains(key)) {
                jars.add(driver.jars().get(i));
            }
        }
        for (Path entry : projectClasspath) {
            if (Files.isRegularFile(entry)) {
                jars.add(entry.toAbsolutePath());
            }
        }
        return List.copyOf(jars);
    }

    /** The driver's class path: the resolved jars, then the project's classes and runtime dependencies. */
    static List<Path> driverClasspath(Resolved driver, List<Path> projectClasspath) {
        Set<Path> entries = new LinkedHashSet<>(driver.jars());
        projectClasspath.forEach(entry -> entries.add(entry.toAbsolutePath()));
        return List.copyOf(entries);
    }
}
