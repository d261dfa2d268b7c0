package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.trees.J48;
import weka.core.Instances;

class EvaluatorTest {

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @Test
    void crossValidationNeedsAtLeastTwoFolds() {
        // given
        Instances weather = Datasets.loadWithWeka(Datasets.weatherNominalArff());

        // when / then
        assertThatThrownBy(() -> Evaluator.crossValidate(new J48(), weather, 1, 1, 0))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<folds> is 1");
    }

    @Test
    void crossValidationCannotHaveMoreFoldsThanRows() {
        // given 14 rows
        Instances weather = Datasets.loadWithWeka(Datasets.weatherNominalArff());

        // when / then
        assertThatThrownBy(() -> Evaluator.crossValidate(new J48(), weather, 15, 1, 0))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("14");
    }

    @Test
    void leaveOneOutIsAllowed() {
        // given 14 rows
        Instances weather = Datasets.loadWithWeka(Datasets.weatherNominalArff());

        // when
        Metrics metrics = Evaluator.crossValidate(new J48(), weather, 14, 1, 1);

        // then
        assertThat(metrics.rows()).isEqualTo(14);
        assertThat(metrics.positiveClass()).isEqualTo("no");
        assertThat(metrics.confusionMatrix().labels()).containsExactly("yes", "no");
    }

    @Test
    void untrainedClassifierIsNotChangedByCrossValidation() throws Exception {
        // given
        Instances weather = Datasets.loadWithWeka(Datasets.weatherNominalArff());
        J48 untrained = new J48();

        // when
        Evaluator.crossValidate(untrained, weather, 10, 1, 0);

        // then: Weka trains copies; the given classifier still has no model
        assertThatThrownBy(() -> untrained.classifyInstance(weather.instance(0)))
                .isInstanceOf(Exception.class);
    }
}
