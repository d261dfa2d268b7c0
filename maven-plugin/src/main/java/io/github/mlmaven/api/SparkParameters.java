package io.github.mlmaven.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ml:train's {@code <spark>} settings as written (null when not set: the core applies the defaults), and where the
 * Spark driver's classes are, resolved by the Maven side only when the engine is {@code spark}.
 *
 * @param master {@code -Dml.spark.master} first, else {@code <spark><master>}
 * @param conf {@code <spark><conf>}: Spark property to value, or null
 * @param dependencies {@code <spark><dependencies>} as written: {@code groupId:artifactId:version} of Spark modules
 *     (such as Spark's Kubernetes or YARN module) the driver needs besides Spark's core; empty when not set
 * @param driverClasspath the forked driver's class path: io.github.mlmaven:ml-spark-driver with its runtime
 *     dependencies, then the project's runtime classpath; empty when the engine is not spark
 * @param executorJars the jars the executors are sent: the driver's class path without Spark's own runtime (the
 *     workers have Spark), with the project's runtime jars (the core packs its class directories into jars); empty
 *     when the engine is not spark
 */
public record SparkParameters(
        String master,
        String partitions,
        String executorMemory,
        String executorCores,
        String driverMemory,
        String executorWaitSeconds,
        Map<String, String> conf,
        List<String> dependencies,
        List<Path> driverClasspath,
        List<Path> executorJars) {

    public SparkParameters {
        dependencies = dependencies == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dependencies));
        driverClasspath = driverClasspath == null ? List.of() : List.copyOf(driverClasspath);
        executorJars = executorJars == null ? List.of() : List.copyOf(executorJars);
    }

    /** No {@code <spark>} element and no property: every default. */
    public static SparkParameters defaults() {
        return new SparkParameters(null, null, null, null, null, null, null, List.of(), List.of(), List.of());
    }

    /** These settings with the resolved class paths. */
    public SparkParameters withClasspath(List<Path> driver, List<Path> executors) {
        return new SparkParameters(
                master,
                partitions,
                executorMemory,
                executorCores,
                driverMemory,
                executorWaitSeconds,
                conf,
                dependencies,
                driver,
                executors);
    }
}
