package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.ReportParameters;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders {@code report.html} beside the model from the outputs of ml:validate ({@code validation.json},
 * {@code curves.json}, the model card) and the promoted versions in the registry: one self-contained page with the
 * verdict, ROC and precision-recall curves, the confusion matrix, per-class bars, the metrics over time and the data.
 * ml:validate runs it by default; run it alone with {@code mvn ml:report}.
 *
 * @since 0.1.0
 */
@Mojo(name = GoalNames.REPORT, threadSafe = true)
public class ReportMojo extends AbstractMlMojo {

    /**
     * Skips the model report, e.g. {@code -Dml.report.skip}; also keeps ml:validate from writing it.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REPORT_SKIP, defaultValue = "false")
    private boolean reportSkip;

    @Override
    protected String goal() {
        return GoalNames.REPORT;
    }

    @Override
    protected boolean skipGoal() {
        return reportSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.REPORT_SKIP;
    }

    /** ml:report has the settings every goal has. */
    ReportParameters parameters(GoalContext context) {
        return new ReportParameters(context);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.report(parameters(context), log);
    }
}
