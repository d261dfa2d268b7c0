package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the driver's jars Spark's executors are sent: all but Spark's own runtime, which the workers have. */
class SparkDriverClasspathTest {
    @TempDir
    Path dir;

    private final SparkDriverClasspath.Resolved driver = new SparkDriverClasspath.Resolved(
            List.of(
                    Path.of("/repo/ml-spark-driver.jar"),
                    Path.of("/repo/spark-core_2.13.jar"),
                    Path.of("/repo/ml-maven-plugin.jar"),
                    Path.of("/repo/ml-model-runtime.jar"),
                    Path.of("/repo/weka-stable.jar"),
                    Path.of("/repo/jgit.jar"),
                    Path.of("/repo/scala-library.jar")),
            List.of(
                    "io.github.mlmaven:ml-spark-driver",
                    "org.apache.spark:spark-core_2.13",
                    "io.github.mlmaven:ml-maven-plugin",
                    "io.github.mlmaven:ml-model-runtime",
                    "nz.ac.waikato.cms.weka:weka-stable",
                    "org.eclipse.jgit:org.eclipse.jgit",
                    "org.scala-lang:scala-library"));

    @Test
    void executorsGetTheDriverThePluginAndItsDependenciesAndTheProjectsJars() throws Exception {
        Path projectJar = Files.createFile(dir.resolve("custom-filter.jar"));
        Path classes = Files.createDirectory(dir.resolve("classes"));

        List<Path> jars = SparkDriverClasspath.executorJars(
                driver, Set.of("org.eclipse.jgit:org.eclipse.jgit"), List.of(classes, projectJar));

        assertThat(jars)
                .containsExactly(
                        Path.of("/repo/ml-spark-driver.jar"),
                        Path.of("/repo/ml-maven-plugin.jar"),
                        Path.of("/repo/ml-model-runtime.jar"),
                        Path.of("/repo/weka-stable.jar"),
                        Path.of("/repo/jgit.jar"),
                        projectJar);
    }

    @Test
    void theDriverRunsOnEverythingResolvedThenTheProjectsClasspath() {
        List<Path> classpath = SparkDriverClasspath.driverClasspath(driver, List.of(Path.of("/p/target/classes")));

        assertThat(classpath)
                .hasSize(8)
                .startsWith(Path.of("/repo/ml-spark-driver.jar"))
                .endsWith(Path.of("/p/target/classes"));
    }

    @Test
    void sparkModulesOfSparkDependenciesStayOnTheDriverUnlessThePluginHasThem() {
        SparkDriverClasspath.Resolved withKubernetes = new SparkDriverClasspath.Resolved(
                List.of(
                        Path.of("/repo/ml-spark-driver.jar"),
                        Path.of("/repo/spark-kubernetes_2.13.jar"),
                        Path.of("/repo/kubernetes-client.jar"),
                        Path.of("/repo/jackson-databind.jar"),
                        Path.of("/repo/spark-core_2.13.jar")),
                List.of(
                        "io.github.mlmaven:ml-spark-driver",
                        "org.apache.spark:spark-kubernetes_2.13",
                        "io.fabric8:kubernetes-client",
                        "com.fasterxml.jackson.core:jackson-databind",
                        "org.apache.spark:spark-core_2.13"));

        List<Path> executors = SparkDriverClasspath.executorJars(
                withKubernetes, Set.of("com.fasterxml.jackson.core:jackson-databind"), List.of());

        assertThat(executors)
                .containsExactly(Path.of("/repo/ml-spark-driver.jar"), Path.of("/repo/jackson-databind.jar"));
        assertThat(SparkDriverClasspath.driverClasspath(withKubernetes, List.of()))
                .contains(Path.of("/repo/spark-kubernetes_2.13.jar"), Path.of("/repo/kubernetes-client.jar"));
    }
}
