package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.api.ValidateParameters;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code -Dml.*} properties reach the parameters records, and a property wins over its POM element. */
@MojoTest
class MojoPropertiesTest {
    @Inject
    private MavenSession session;

    private final GoalContext context = MojoParametersTest.context(null);

    /** The properties of {@code mvn -Dml.seed=9 ...}, which the Mojos below are configured with. */
    @BeforeEach
    void commandLineProperties() {
        Properties user = session.getUserProperties();
        user.setProperty("ml.seed", "9");
        user.setProperty("ml.algorithm", "weka.classifiers.functions.Logistic");
        user.setProperty("ml.attributeTypes", "zip:nominal");
        user.setProperty("ml.retrainWhen.newRows", "9");
        user.setProperty("ml.train.force", "true");
        user.setProperty("ml.trainingData", "a.csv,b.csv");
        user.setProperty("ml.exclude", "id,created_at");
        user.setProperty("ml.extract.skip", "true");
        user.setProperty("ml.evaluation", "cv");
        user.setProperty("ml.thresholds", "recall>=0.8");
        user.setProperty("ml.folds", "3");
        user.setProperty("ml.champion.skip", "true");
        user.setProperty("ml.promote.finish", "1.3.2");
        user.setProperty("ml.promote.artifactId", "credit-model");
        user.setProperty("ml.registry.branch", "models");
        user.setProperty("ml.monitor.skip", "true");
        user.setProperty("ml.monitor.failOnDecay", "false");
        user.setProperty("ml.engine", "spark");
        user.setProperty("ml.spark.master", "local[3]");
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train/pom.xml")
    void trainReadsItsProperties(TrainMojo mojo) throws Exception {
        TrainParameters parameters = mojo.parameters(context);

        // the POM's <seed>7</seed> and <algorithm> are written, so they win; properties fill what is not written
        assertThat(parameters.seed()).isEqualTo(7);
        assertThat(parameters.algorithm()).isEqualTo("weka.classifiers.bayes.NaiveBayes");
        assertThat(parameters.attributeTypesProperty()).isEqualTo("zip:nominal");
        // -Dml.retrainWhen.newRows overrides <retrainWhen><newRows>500</newRows>
        assertThat(parameters.retrainNewRows()).isEqualTo(9L);
        assertThat(parameters.retrainMaxAgeDays()).isEqualTo(30);
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/plain/pom.xml")
    void propertiesFillWhatThePomDoesNotSay(TrainMojo mojo) throws Exception {
        TrainParameters parameters = mojo.parameters(context);
        GoalContext built = mojo.context(List.of(), Map.<String, String>of()::get);

        assertThat(parameters.seed()).isEqualTo(9);
        assertThat(parameters.algorithm()).isEqualTo("weka.classifiers.functions.Logistic");
        assertThat(parameters.force()).isTrue();
        assertThat(parameters.engine()).isEqualTo("spark");
        assertThat(parameters.spark().master()).isEqualTo("local[3]");
        assertThat(built.trainingData()).containsExactly("a.csv", "b.csv");
        assertThat(built.trainingJdbc()).isNull();
        assertThat(built.exclude()).containsExactly("id", "created_at");
        assertThat(built.evaluation()).isEqualTo("cv");
        // <registryBranch>models</registryBranch> is in the plain POM too, and -Dml.registry.branch says the same
        assertThat(built.registry().branch()).isEqualTo("models");
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train-spark/pom.xml")
    void theMasterPropertyWinsOverItsElement(TrainMojo mojo) {
        TrainParameters parameters = mojo.parameters(context);

        // <spark><master>spark://127.0.0.1:7077</master> is written, -Dml.spark.master=local[3] given
        assertThat(parameters.spark().master()).isEqualTo("local[3]");
        assertThat(parameters.spark().partitions()).isEqualTo("4");
    }

    @Test
    @InjectMojo(goal = "validate", pom = "classpath:/unit/train-spark/pom.xml")
    void validateReadsTheEnginePropertiesAsTrainDoes(ValidateMojo mojo) {
        ValidateParameters parameters = mojo.parameters(context);

        // -Dml.engine=spark, and -Dml.spark.master=local[3] over the written spark://127.0.0.1:7077
        assertThat(parameters.engine()).isEqualTo("spark");
        assertThat(parameters.spark().master()).isEqualTo("local[3]");
        assertThat(parameters.spark().partitions()).isEqualTo("4");
    }

    @Test
    @InjectMojo(goal = "validate", pom = "classpath:/unit/plain/pom.xml")
    void validateReadsItsProperties(ValidateMojo mojo) {
        ValidateParameters parameters = mojo.parameters(context);

        assertThat(parameters.thresholdsProperty()).isEqualTo("recall>=0.8");
        assertThat(parameters.folds()).isEqualTo(3);
        assertThat(parameters.championSkip()).isTrue();
        assertThat(parameters.reportSkip()).isFalse();
    }

    @Test
    @InjectMojo(goal = "promote", pom = "classpath:/unit/plain/pom.xml")
    void promoteReadsTheFinishAndTheArtifactId(PromoteMojo mojo) {
        PromoteParameters parameters = mojo.parameters(context, Map.of());

        assertThat(parameters.finish()).isEqualTo("1.3.2");
        assertThat(parameters.artifactId()).isEqualTo("credit-model");
        assertThat(parameters.artifactIdConfigured()).isTrue();
    }

    @Test
    @InjectMojo(goal = "extract", pom = "classpath:/unit/plain/pom.xml")
    void extractReadsItsSkip(ExtractMojo mojo) throws Exception {
        Object skip = MojoExtension.getVariableValueFromObject(mojo, "extractSkip");
        assertThat(skip).isEqualTo(Boolean.TRUE);
    }

    @Test
    @InjectMojo(goal = "monitor", pom = "classpath:/unit/monitor/pom.xml")
    void monitorReadsItsSkipAndFailOnDecayWinsOverTheElement(MonitorMojo mojo) throws Exception {
        Object skip = MojoExtension.getVariableValueFromObject(mojo, "monitorSkip");
        assertThat(skip).isEqualTo(Boolean.TRUE);
        // <decay><failBuild>true</failBuild> in the POM, -Dml.monitor.failOnDecay=false given
        assertThat(mojo.parameters(context, Map.of()).decayFailBuild()).isFalse();
        assertThat(mojo.parameters(context, Map.of()).driftFailBuild()).isTrue();
    }
}
