package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.ValidateParameters;
import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Evaluates the model that ml:train wrote (on test data, a holdout split, or by cross-validation), compares its
 * metrics with the thresholds, writes {@code validation.json}, {@code summary.md} and {@code TEST-ml-<modelName>.xml}
 * beside the model, and fails the build when a threshold is breached.
 *
 * @since 0.1.0
 */
@Mojo(
        name = GoalNames.VALIDATE,
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class ValidateMojo extends AbstractEngineMojo {

    /**
     * Skips ml:validate only, e.g. {@code -Dml.validate.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.VALIDATE_SKIP, defaultValue = "false")
    private boolean validateSkip;

    /**
     * The number of folds of {@code cv} evaluation.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FOLDS, defaultValue = "10")
    private int folds;

    /**
     * The gate: a minimum for each metric where higher is better, a maximum for rmse and mae, e.g.
     * {@code <thresholds><recall>0.80</recall><f1>0.70</f1></thresholds>}. Metric names: accuracy, precision, recall,
     * f1, rocAuc, prAuc, mcc, kappa (nominal class); rmse, mae, r2, correlation (numeric class).
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> thresholds;

    /**
     * Thresholds in property form, e.g. {@code -Dml.thresholds="recall>=0.8,f1>=0.7"}; a metric named here overrides
     * the same metric in {@code <thresholds>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.THRESHOLDS)
    private String thresholdsProperty;

    /**
     * How the candidate must compare with the model in production (found through the registry branch), e.g.
     * {@code <champion><maxDrop><recall>0.02</recall></maxDrop><significance>0.05</significance></champion>}. With
     * no production version yet, validation gates on the thresholds alone.
     *
     * @since 0.1.0
     */
    @Parameter
    private ChampionConfiguration champion;

    /**
     * Slices to compute every metric on, e.g. {@code <slices><slice><attributes>channel</attributes></slice>
     * <slice><attributes>channel,country</attributes></slice><slice><attributes>amount</attributes>
     * <bins>0,100,1000</bins></slice></slices>}: one slice per value of a nominal attribute, per bin of a numeric one
     * (its {@code <bins>} are required), per combination when several attributes are named. The figures go to
     * validation.json, summary.md and report.html; see docs/slices.md.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<SliceConfiguration> slices;

    /**
     * The fewest rows (with a class value) a slice needs for its rules to be judged; a smaller slice is reported as
     * {@code too-small}, e.g. {@code <minSliceSize>50</minSliceSize>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MIN_SLICE_SIZE)
    private Integer minSliceSize;

    /**
     * Bounds per slice, which fail the build like {@code <thresholds>}, e.g. {@code <sliceThresholds><sliceThreshold>
     * <slice>channel=atm</slice><metric>recall</metric><min>0.6</min></sliceThreshold></sliceThresholds>} ({@code
     * <max>} for rmse and mae; a crossed slice is written {@code channel=atm,country=NL}).
     *
     * @since 0.1.0
     */
    @Parameter
    private List<SliceThresholdConfiguration> sliceThresholds;

    /**
     * Slice thresholds in property form, e.g. {@code -Dml.sliceThresholds="channel=atm:recall>=0.6;amount>=1000:f1>=0.5"};
     * a rule on the same slice and metric as one in {@code <sliceThresholds>} replaces it.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SLICE_THRESHOLDS)
    private String sliceThresholdsProperty;

    /**
     * Lets a slice rule pass when its slice has no rows in the evaluated data (it is still reported as {@code
     * missing}), e.g. {@code -Dml.allowMissingSlices}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ALLOW_MISSING_SLICES, defaultValue = "false")
    private boolean allowMissingSlices;

    /**
     * Skips the comparison with the production model, e.g. {@code -Dml.champion.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CHAMPION_SKIP, defaultValue = "false")
    private boolean championSkip;

    /**
     * Skips the model report ({@code report.html}) that ml:validate writes after its other outputs, e.g.
     * {@code -Dml.report.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REPORT_SKIP, defaultValue = "false")
    private boolean reportSkip;

    @Override
    protected String goal() {
        return GoalNames.VALIDATE;
    }

    @Override
    protected boolean skipGoal() {
        return validateSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.VALIDATE_SKIP;
    }

    /** ml:validate's settings as the POM and the properties give them. */
    ValidateParameters parameters(GoalContext context) {
        return new ValidateParameters(
                context,
                folds,
                thresholds,
                thresholdsProperty,
                champion == null ? null : champion.getMaxDrop(),
                champion == null ? null : champion.getSignificance(),
                championSkip,
                reportSkip,
                slices == null
                        ? List.of()
                        : slices.stream()
                                .map(s -> new ValidateParameters.Slice(s.getAttributes(), s.getBins()))
                                .toList(),
                minSliceSize,
                sliceThresholds == null
                        ? List.of()
                        : sliceThresholds.stream()
                                .map(t -> new ValidateParameters.SliceThreshold(
                                        t.getSlice(), t.getMetric(), t.getMin(), t.getMax()))
                                .toList(),
                sliceThresholdsProperty,
                allowMissingSlices,
                engine(),
                sparkParameters());
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        ValidateParameters parameters = parameters(context);
        if (sparkEngine()) {
            try {
                parameters = parameters.withSpark(withSparkClasspath(parameters.spark(), context));
            } catch (MojoExecutionException | InvalidConfigurationException e) {
                return sparkClasspathFailure(e);
            }
        }
        return goals.validate(parameters, repositories(), log);
    }
}
