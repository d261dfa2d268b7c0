package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
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
                new SparkDriverClasspath(system, session, List.of(central)).resolve("0.1.0");

        Dependency root = asked.getValue().getCollectRequest().getRoot();
        assertThat(root.getArtifact().toString()).isEqualTo("io.github.mlmaven:ml-spark-driver:jar:0.1.0");
        assertThat(root.getScope()).isEqualTo("runtime");
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

        assertThatThrownBy(() -> new SparkDriverClasspath(system, session, List.of(central)).resolve("0.1.0"))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith(
                        "cannot resolve the plugin's Spark driver io.github.mlmaven:ml-spark-driver:0.1.0")
                .hasMessageContaining("<engine>spark</engine> needs it in a repository the build can reach")
                .hasMessageContaining("this build is offline (-o), so run it once online");
    }
}
