package io.github.mlmaven.maven;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.SparkParameters;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MavenCoordinates;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * The goals that can run on Spark (ml:train, ml:validate): {@code <engine>} and {@code <spark>} with their properties,
 * declared once so that one plugin-level configuration serves both goals, and the resolution of the forked driver's
 * class path when the engine is {@code spark}.
 */
public abstract class AbstractEngineMojo extends AbstractMlMojo {
    /**
     * Where the goal's heavy work runs: {@code local} (in the build's JVM, the default) or {@code spark} (in a forked
     * Spark driver, on the master of {@code <spark>}), e.g. {@code -Dml.engine=spark}. ml:train: each partition trains
     * a Weka model on its rows and the driver combines them with Weka's own aggregation; the model file and its card
     * are written as the local engine writes them, the card's {@code engine} section saying how. ml:validate: each
     * partition evaluates the model on its test rows with Weka's {@code Evaluation} and the partitions are merged with
     * Weka's {@code AggregateableEvaluation}, every metric equal to the local engine's. The driver,
     * {@code io.github.mlmaven:ml-spark-driver} of this plugin's version, is resolved with Spark from the project's
     * repositories when first needed. See docs/spark.md.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ENGINE, defaultValue = "local")
    private String engine;

    /**
     * The Spark engine's settings, used with {@code <engine>spark</engine>}: {@code master} ({@code local[*]} by
     * default: Spark inside the forked driver, no cluster; {@code local[N]}, {@code spark://host:port},
     * {@code k8s://https://host:port} or {@code yarn}), {@code partitions} (default 2: the rows are split by row
     * ordinal, so the same number gives the same model on every master), {@code executorMemory} and
     * {@code executorCores} ({@code spark.executor.*}), {@code driverMemory} (the forked driver's heap),
     * {@code executorWaitSeconds} (default 60: how long to wait for a first executor), {@code conf} (any
     * {@code spark.*} property) and {@code dependencies} (Spark modules for the driver only, one
     * {@code <dependency>groupId:artifactId:version</dependency>} each, e.g. Spark's Kubernetes or YARN module), e.g. {@code <spark><master>spark://spark-master:7077</master>}
     * {@code <partitions>8</partitions><executorMemory>4g</executorMemory></spark>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private SparkEngineConfiguration spark;

    /**
     * {@code <spark><master>} in property form, which wins over the element, e.g.
     * {@code -Dml.spark.master=spark://127.0.0.1:7077}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SPARK_MASTER)
    private String sparkMaster;

    /** The plugin's own descriptor: its artifacts are what Spark's executors are sent besides the driver. */
    @Parameter(defaultValue = "${plugin}", readonly = true)
    private org.apache.maven.plugin.descriptor.PluginDescriptor plugin;

    /** The Maven session, for the repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Maven Resolver: the production model's artifact, and the Spark driver's class path. */
    @Component
    private RepositorySystem repositorySystem;

    /** {@code <engine>} as written ({@code -Dml.engine} winning). */
    String engine() {
        return engine;
    }

    /** {@code <spark>} as written, {@code -Dml.spark.master} winning over its {@code <master>}. */
    SparkParameters sparkParameters() {
        SparkEngineConfiguration s = spark == null ? new SparkEngineConfiguration() : spark;
        return new SparkParameters(
                sparkMaster != null && !sparkMaster.isBlank() ? sparkMaster : s.getMaster(),
                s.getPartitions(),
                s.getExecutorMemory(),
                s.getExecutorCores(),
                s.getDriverMemory(),
                s.getExecutorWaitSeconds(),
                s.getConf(),
                s.getDependencies(),
                List.of(),
                List.of());
    }

    /** Whether the forked Spark driver runs the goal, so that its classes must be resolved. */
    boolean sparkEngine() {
        return engine != null && engine.strip().equals("spark");
    }

    /**
     * The settings with the Spark driver's class path and the jars its executors are sent.
     *
     * @throws InvalidConfigurationException for an entry of {@code <spark><dependencies>} that is no coordinate,
     *     before anything is resolved
     */
    SparkParameters withSparkClasspath(SparkParameters settings, GoalContext context) throws MojoExecutionException {
        List<String> dependencies = MavenCoordinates.checked(
                settings.dependencies(), "spark/dependencies", "org.apache.spark:spark-kubernetes_2.13:4.2.0");
        SparkDriverClasspath.Resolved driver = new SparkDriverClasspath(
                        repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories())
                .resolve(context.pluginVersion(), dependencies);
        Set<String> pluginArtifacts = new HashSet<>();
        if (plugin != null && plugin.getArtifacts() != null) {
            plugin.getArtifacts().forEach(a -> pluginArtifacts.add(a.getGroupId() + ":" + a.getArtifactId()));
        }
        return settings.withClasspath(
                SparkDriverClasspath.driverClasspath(driver, context.classpath()),
                SparkDriverClasspath.executorJars(driver, pluginArtifacts, context.classpath()));
    }

    /**
     * Why the Spark driver's class path could not be had, as the goal's outcome: a bad {@code <spark><dependencies>}
     * entry is a configuration error of that element, a failed resolution bad input.
     */
    static <T> Outcome<T> sparkClasspathFailure(Exception e) {
        if (e instanceof InvalidConfigurationException c) {
            return Outcome.failed(Outcome.Kind.INVALID_CONFIGURATION, c.getMessage(), c.parameter());
        }
        return Outcome.failed(Outcome.Kind.INVALID_INPUT, e.getMessage(), null);
    }

    /** Maven's repositories for the core: resolve, exists and deploy. */
    MavenRepositories repositories() {
        return new MavenRepositories(repositorySystem, session, project, promoteRepository);
    }
}
