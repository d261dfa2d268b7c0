package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.api.Outcome;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Watches the model in production: takes the production version from the registry, scores the labelled rows that
 * arrived after its training data with the exact promoted model, computes ml:validate's metrics on them and judges the
 * {@code <decay>} rules, compares the new rows with the training-data profile for drift, and writes
 * {@code monitoring.json} beside the model and one entry of the monitoring history on the registry branch. It never
 * changes which version is in production. Not bound to a phase: run {@code mvn ml:monitor}, e.g. on a schedule.
 *
 * @since 0.1.0
 */
@Mojo(name = GoalNames.MONITOR, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MonitorMojo extends AbstractMlMojo {

    /**
     * Skips ml:monitor only, e.g. {@code -Dml.monitor.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MONITOR_SKIP, defaultValue = "false")
    private boolean monitorSkip;

    /**
     * When the production model counts as degraded: a metric on the new labelled rows fell more than its
     * {@code maxDrop} below the figure it was promoted with (rose, for rmse and mae), once at least
     * {@code minLabelledRows} new labelled rows are there (default 200), e.g.
     * {@code <decay><maxDrop><recall>0.05</recall><rocAuc>0.03</rocAuc></maxDrop><minLabelledRows>200</minLabelledRows>}
     * {@code <failBuild>false</failBuild></decay>}. A degraded model is a warning unless {@code failBuild} is true.
     *
     * @since 0.1.0
     */
    @Parameter
    private DecayConfiguration decay;

    /**
     * {@code <decay><failBuild>} in property form, e.g. {@code -Dml.monitor.failOnDecay}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MONITOR_FAIL_ON_DECAY)
    private Boolean failOnDecay;

    /**
     * How the new rows are compared with the training data (Evidently's tests and defaults), e.g.
     * {@code <drift><share>0.5</share><tests><amount>psi</amount></tests><thresholds><amount>0.2</amount></thresholds>}
     * {@code <failBuild>false</failBuild></drift>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private DriftConfiguration drift;

    /**
     * Files whose rows are all current rows, in place of the rows of {@code <trainingData>} that production was not
     * trained on, e.g. {@code <monitorData><file>data/scored-last-week.csv</file></monitorData>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> monitorData;

    /** The Maven session, for the repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Maven Resolver, to resolve the production model's artifact. */
    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected String goal() {
        return GoalNames.MONITOR;
    }

    @Override
    protected boolean skipGoal() {
        return monitorSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.MONITOR_SKIP;
    }

    /** ml:monitor's settings as the POM and the properties give them; the property wins over its element. */
    MonitorParameters parameters(GoalContext context, Map<String, String> github) {
        boolean failOnDecayNow =
                failOnDecay != null ? failOnDecay : decay != null && Boolean.TRUE.equals(decay.getFailBuild());
        return new MonitorParameters(
                context,
                monitorData,
                decay == null ? null : decay.getMaxDrop(),
                decay == null ? null : decay.getMinLabelledRows(),
                failOnDecayNow,
                drift == null ? null : drift.getShare(),
                drift == null ? null : drift.getTests(),
                drift == null ? null : drift.getThresholds(),
                drift != null && drift.isFailBuild(),
                github);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.monitor(
                parameters(context, GitHubVariables.read()),
                new MavenRepositories(repositorySystem, session, project, promoteRepository),
                log);
    }
}
