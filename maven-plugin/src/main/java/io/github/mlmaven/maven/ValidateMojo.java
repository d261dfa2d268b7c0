package io.github.mlmaven.maven;

import java.util.Map;
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
public class ValidateMojo extends AbstractMlMojo {

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

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("folds", folds);
        parameters.put("thresholds", thresholds);
        parameters.put("thresholdsProperty", thresholdsProperty);
    }
}
