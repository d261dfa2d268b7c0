package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** What the plugin asks Resolver for when the engine is spark, and how it words a driver it cannot get. */
class SparkDriverResolutionTest {
    private final RepositorySystem system = mock(RepositorySystem.class);
    private final RepositorySystemSession session = mock(RepositorySystemSession.class);
    private final RemoteRepository central = new RemoteRepository.Builder("central", "default", "file:///r").build();

    private static ArtifactResult resolved(String coordinates, String file) {
        ArtifactResult result = new ArtifactResult(new ArtifactRequest());
        result.setArtifact(new DefaultArtifact(coordinates).setFile(new File(file)));
        return result;
    }

    @Test
    void theDriverOfThePluginsVersionIsResolvedWithItsRuntimeDependenciesFromTheProjectsRepositories()
            throws Exception {
        DependencyResult answer = new DependencyResult(new DependencyRequest());
        answer.setArtifactResults(List.of(
                resolved("io.github.mlmaven:ml-spark-driver:0.1.0", "/m2/ml-spark-driver-0.1.0.jar"),
                resolved("org.apache.spark:spark-core_2.13:4.2.0", "/m2/spark-core_2.13-4.2.0.jar")));
        ArgumentCaptor<DependencyRequest> asked = ArgumentCaptor.forClass(DependencyRequest.class);
        when(system.resolveDependencies(any(), asked.capture())).thenReturn(answer);

        SparkDriverClasspath.Resolved driver =
                new SparkDriverClasspath(system, session, List.of(central)).resolve("0.1.0", List.of());

        Dependency root = asked.getValue().getCollectRequest().getRoot();
        assertThat(root.getArtifact().toString()).isEqualTo("io.github.mlmaven:ml-spark-driver:jar:0.1.0");
        assertThat(root.getScope()).isEqualTo("runtime");
        assertThat(asked.getValue().getCollectRequest().getDependencies()).isEmpty();
        assertThat(asked.getValue().getCollectRequest().getRepositories()).containsExactly(central);
        assertThat(driver.jars())
                .containsExactly(Path.of("/m2/ml-spark-driver-0.1.0.jar"), Path.of("/m2/spark-core_2.13-4.2.0.jar"));
        assertThat(driver.keys())
                .containsExactly("io.github.mlmaven:ml-spark-driver", "org.apache.spark:spark-core_2.13");
    }

    @Test
    void aDriverThatCannotBeResolvedOfflineSaysToResolveItOnceOnline() throws Exception {
        when(system.resolveDependencies(any(), any()))
                .thenThrow(new DependencyResolutionException(
                        new DependencyResult(new DependencyRequest()), "artifact not found", null));
        when(session.isOffline()).thenReturn(true);

        assertThatThrownBy(
                        () -> new SparkDriverClasspath(system, session, List.of(central)).resolve("0.1.0", List.of()))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith(
                        "cannot resolve the plugin's Spark driver io.github.mlmaven:ml-spark-driver:0.1.0")
                .hasMessageContaining("<engine>spark</engine> needs it in a repository the build can reach")
                .hasMessageContaining("this build is offline (-o), so run it once online");
    }

    @Test
    void sparkDependenciesAreExtraDirectDependenciesOfTheDriverInTheSameRequest() throws Exception {
        DependencyResult answer = new DependencyResult(new DependencyRequest());
        answer.setArtifactResults(List.of(
                resolved("io.github.mlmaven:ml-spark-driver:0.1.0", "/m2/ml-spark-driver-0.1.0.jar"),
                resolved("org.apache.spark:spark-kubernetes_2.13:4.2.0", "/m2/spark-kubernetes_2.13-4.2.0.jar"),
                resolved("org.apache.spark:spark-core_2.13:4.2.0", "/m2/spark-core_2.13-4.2.0.jar")));
        ArgumentCaptor<DependencyRequest> asked = ArgumentCaptor.forClass(DependencyRequest.class);
        when(system.resolveDependencies(any(), asked.capture())).thenReturn(answer);

        SparkDriverClasspath.Resolved driver = new SparkDriverClasspath(system, session, List.of(central))
                .resolve(
                        "0.1.0",
                        List.of(
                                "org.apache.spark:spark-kubernetes_2.13:4.2.0",
                                "org.apache.spark:spark-yarn_2.13:4.2.0"));

        // one request, so that nearest-wins picks one version of each library for the driver and the modules
        verify(system, times(1)).resolveDependencies(any(), any());
        CollectRequest collect = asked.getValue().getCollectRequest();
        assertThat(collect.getRoot().getArtifact().toString()).isEqualTo("io.github.mlmaven:ml-spark-driver:jar:0.1.0");
        assertThat(collect.getDependencies())
                .extracting(d -> d.getArtifact().toString(), Dependency::getScope)
                .containsExactly(
                        tuple("org.apache.spark:spark-kubernetes_2.13:jar:4.2.0", "runtime"),
                        tuple("org.apache.spark:spark-yarn_2.13:jar:4.2.0", "runtime"));
        assertThat(collect.getRepositories()).containsExactly(central);
        assertThat(driver.keys())
                .containsExactly(
                        "io.github.mlmaven:ml-spark-driver",
                        "org.apache.spark:spark-kubernetes_2.13",
                        "org.apache.spark:spark-core_2.13");
    }

    @Test
    void aSparkDependencyThatCannotBeResolvedIsNamed() throws Exception {
        when(system.resolveDependencies(any(), any()))
                .thenThrow(new DependencyResolutionException(
                        new DependencyResult(new DependencyRequest()),
                        "Could not find artifact org.apache.spark:spark-kubernetes_2.13:jar:9.9.9 in central (file:///r)",
                        null));

        assertThatThrownBy(() -> new SparkDriverClasspath(system, session, List.of(central))
                        .resolve(
                                "0.1.0",
                                List.of(
                                        "org.apache.spark:spark-yarn_2.13:4.2.0",
                                        "org.apache.spark:spark-kubernetes_2.13:9.9.9")))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith(
                        "cannot resolve org.apache.spark:spark-kubernetes_2.13:9.9.9 of <spark><dependencies>")
                .hasMessageContaining("check the entry's groupId:artifactId:version")
                .hasMessageContaining("the project's <repositories> or the settings.xml mirrors")
                .hasMessageNotContaining("spark-yarn");
    }

    @Test
    void aFailureResolverDoesNotPinOnADependencyNamesTheDriverAndTheDependencies() throws Exception {
        when(system.resolveDependencies(any(), any()))
                .thenThrow(new DependencyResolutionException(
                        new DependencyResult(new DependencyRequest()), "connection refused", null));

        assertThatThrownBy(() -> new SparkDriverClasspath(system, session, List.of(central))
                        .resolve("0.1.0", List.of("org.apache.spark:spark-yarn_2.13:4.2.0")))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith(
                        "cannot resolve the plugin's Spark driver io.github.mlmaven:ml-spark-driver:0.1.0"
                                + " and <spark><dependencies> org.apache.spark:spark-yarn_2.13:4.2.0 with their dependencies"
                                + " (connection refused)");
    }
}
