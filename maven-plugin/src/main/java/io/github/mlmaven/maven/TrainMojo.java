package io.github.mlmaven.maven;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.TrainRequest;
import io.github.mlmaven.workflow.TrainWorkflow;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Trains a Weka model from the project's data and writes {@code <modelName>.model} and {@code model-card.json} (data
 * fingerprints, schema, algorithm and options, Weka version, git commit, timings) to
 * {@code target/ml/<modelName>/} (under {@code outputDirectory}). Skips training when nothing that affects the model changed.
 *
 * @since 0.1.0
 */
@Mojo(
        name = GoalNames.TRAIN,
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class TrainMojo extends AbstractMlMojo {

    /**
     * Skips ml:train only, e.g. {@code -Dml.train.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAIN_SKIP, defaultValue = "false")
    private boolean trainSkip;

    /**
     * Retrains even when the inputs are unchanged, e.g. {@code -Dml.train.force}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAIN_FORCE, defaultValue = "false")
    private boolean force;

    @Override
    protected String goal() {
        return GoalNames.TRAIN;
    }

    @Override
    protected boolean skipGoal() {
        return trainSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.TRAIN_SKIP;
    }

    @Override
    protected void run(MlLog log) throws MojoExecutionException {
        List<Path> classpath = projectClasspath();
        TrainRequest request = new TrainRequest(
                basedir(),
                outputDirectory.toPath(),
                modelName,
                trainingData,
                readOptions(),
                blankToNull(positiveClass),
                algorithm,
                options,
                seed,
                evaluationMethod(),
                holdoutPercent,
                force,
                classpath,
                classLoaderWith(classpath),
                pluginVersion());
        new TrainWorkflow(log).run(request);
    }
}
