package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mlmaven.api.ConfigurationCheckParameters;
import io.github.mlmaven.api.ConfigurationCheckParameters.Configured;
import io.github.mlmaven.api.ConfigurationCheckParameters.ValidateSettings;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.testing.RecordingLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {
    private static final Map<String, List<String>> GOALS = new LinkedHashMap<>();

    static {
        GOALS.put("train", List.of("trainingData", "positiveClass", "algorithm", "retrainWhen", "mlflow"));
        GOALS.put("validate", List.of("trainingData", "thresholds", "folds", "champion", "mlflow"));
        GOALS.put("rollback", List.of("rollbackVersion", "mlflow"));
    }

    private static final ConfigurationCheck CHECK = new ConfigurationCheck(
            "ml-maven-plugin",
            "ml",
            GOALS,
            Map.of(
                    "champion", List.of("maxDrop", "significance"),
                    "retrainWhen", List.of("newRows", "codeChanged", "maxAgeDays")));

    private static Configured pluginLevel(String... elements) {
        return new Configured("the plugin's <configuration>", List.of(), List.of(elements), Map.of());
    }

    private static InvalidConfigurationException refusal(String goal, Configured... configured) {
        return catchThrowableOfType(
                () -> CHECK.checkElements(goal, List.of(configured)), InvalidConfigurationException.class);
    }

    @Test
    void aMisspeltElementIsRefusedWithTheClosestNameAndTheGoalsParameters() {
        // when
        InvalidConfigurationException e = refusal("train", pluginLevel("trainingData", "threshold"));

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("threshold");
        assertThat(e.getMessage())
                .contains("<threshold> (in the plugin's <configuration>) is not a parameter of any goal of"
                        + " ml-maven-plugin; did you mean <thresholds> (ml:validate)?")
                .contains("Parameters of ml:train: algorithm, mlflow, positiveClass, retrainWhen, trainingData.")
                .doesNotContain("Parameters of ml:validate");
    }

    @Test
    void anElementInTheWrongCaseIsRefusedNamingTheRightOne() {
        InvalidConfigurationException e = refusal("validate", pluginLevel("positiveclass"));

        assertThat(e.getMessage()).contains("did you mean <positiveClass> (ml:train)?");
    }

    @Test
    void aParameterOfEveryGoalIsSaidToBeSo() {
        InvalidConfigurationException e = refusal("train", pluginLevel("mlfow"));

        assertThat(e.getMessage()).contains("did you mean <mlflow> (every goal)?");
    }

    @Test
    void anElementOfAnotherGoalIsAccepted() {
        // the plugin-level configuration is shared: ml:train must not refuse ml:validate's thresholds
        assertThatCode(() -> CHECK.checkElements(
                        "train", List.of(pluginLevel("trainingData", "thresholds", "folds", "rollbackVersion"))))
                .doesNotThrowAnyException();
    }

    @Test
    void everyMistakeIsNamedOnceEvenWhenTheExecutionsRepeatThePluginLevelConfiguration() {
        // given Maven merges the plugin-level configuration into each execution's
        Configured execution =
                new Configured("<execution> 'default'", List.of("validate"), List.of("threshold", "seeed"), Map.of());

        // when
        InvalidConfigurationException e = refusal("train", pluginLevel("threshold"), execution);

        // then
        assertThat(e.getMessage().split("<threshold> ", -1)).hasSize(2);
        assertThat(e.getMessage())
                .contains("<seeed> (in <execution> 'default') is not a parameter of any goal of ml-maven-plugin;"
                        + " no parameter has a similar name.")
                // the execution binds only validate: its parameters are the ones to list too
                .contains("Parameters of ml:train: ")
                .contains("Parameters of ml:validate: champion, folds, mlflow, thresholds, trainingData.");
    }

    @Test
    void anUnknownChildOfAStructureIsRefusedWithTheElementsItTakes() {
        // given
        Configured configured = new Configured(
                "the plugin's <configuration>",
                List.of(),
                List.of("champion", "retrainWhen"),
                Map.of("champion", List.of("maxdrop", "significance"), "retrainWhen", List.of("newRows")));

        // when
        InvalidConfigurationException e = refusal("validate", configured);

        // then
        assertThat(e.parameter()).isEqualTo("champion/maxdrop");
        assertThat(e.getMessage())
                .contains("<champion><maxdrop> (in the plugin's <configuration>) is not an element of <champion>,"
                        + " which takes maxDrop, significance; did you mean <champion><maxDrop>?")
                .doesNotContain("retrainWhen><newRows");
    }

    @Test
    void anUnknownChildOfAListItemIsRefusedWithTheElementsItTakes() {
        // given <slices><slice><atributes>, the items of a list keyed by their path
        ConfigurationCheck check = new ConfigurationCheck(
                "ml-maven-plugin",
                "ml",
                Map.of("validate", List.of("slices", "sliceThresholds")),
                Map.of(
                        "slices/slice", List.of("attributes", "bins"),
                        "sliceThresholds/sliceThreshold", List.of("slice", "metric", "min", "max")));
        Configured configured = new Configured(
                "the plugin's <configuration>",
                List.of(),
                List.of("slices", "sliceThresholds"),
                Map.of(
                        "slices/slice", List.of("attributes", "atributes"),
                        "sliceThresholds/sliceThreshold", List.of("slice", "metric", "min")));

        // when
        InvalidConfigurationException e = catchThrowableOfType(
                () -> check.checkElements("validate", List.of(configured)), InvalidConfigurationException.class);

        // then
        assertThat(e.parameter()).isEqualTo("slices/slice/atributes");
        assertThat(e.getMessage())
                .contains("<slices><slice><atributes> (in the plugin's <configuration>) is not an element of"
                        + " <slices><slice>, which takes attributes, bins; did you mean <slices><slice><attributes>?")
                .doesNotContain("<sliceThreshold>");
    }

    @Test
    void anElementOfAnotherGoalInAnExecutionIsWarnedAboutAsIgnored() {
        // given thresholds in an execution that binds only train, and trainingData that train reads
        Configured trainOnly = new Configured(
                "<execution> 'fit'", List.of("train"), List.of("trainingData", "thresholds", "mlflow"), Map.of());

        // when
        List<String> warnings = CHECK.unreadInExecutions(List.of(pluginLevel("trainingData"), trainOnly));

        // then
        assertThat(warnings)
                .containsExactly("<thresholds> in <execution> 'fit' is read by none of its goals (ml:train), so it is"
                        + " ignored; it is a parameter of ml:validate: move it to an execution of that goal, or to"
                        + " the plugin's <configuration>");
    }

    @Test
    void anElementAlsoAtPluginLevelIsNotWarnedAboutInAnExecution() {
        // Maven merges the plugin-level configuration into every execution's
        Configured trainOnly = new Configured("<execution> 'fit'", List.of("train"), List.of("thresholds"), Map.of());

        assertThat(CHECK.unreadInExecutions(List.of(pluginLevel("thresholds"), trainOnly)))
                .isEmpty();
    }

    @Test
    void unknownPropertiesAreWarnedAboutWithTheClosestKnownOne() {
        // when
        List<String> warnings = ConfigurationCheck.unknownProperties(
                "ml-maven-plugin",
                List.of("ml.folds", "ml.fold", "ml.positiveclass", "ml.zzz"),
                Set.of("ml.folds", "ml.positiveClass", "ml.skip"));

        // then
        assertThat(warnings)
                .containsExactly(
                        "-Dml.fold is not read by any goal of ml-maven-plugin; did you mean -Dml.folds?",
                        "-Dml.positiveclass is not read by any goal of ml-maven-plugin; did you mean"
                                + " -Dml.positiveClass?",
                        "-Dml.zzz is not read by any goal of ml-maven-plugin; the properties each goal reads are"
                                + " listed in docs/goals.md");
    }

    // ---- ml:validate's settings, checked before training

    private static ValidateSettings settings(
            Map<String, String> thresholds, String evaluation, boolean testData, String... explicit) {
        return new ValidateSettings(
                thresholds,
                null,
                null,
                null,
                evaluation,
                "10",
                "20",
                testData,
                Set.of(explicit),
                List.of(),
                List.of(),
                null,
                null);
    }

    private static ValidateSettings slicesOnTestData(String engine) {
        return new ValidateSettings(
                null,
                null,
                null,
                null,
                null,
                "10",
                "20",
                true,
                Set.of(),
                List.of(new io.github.mlmaven.api.ValidateParameters.Slice("channel", null)),
                List.of(),
                null,
                null,
                engine);
    }

    @Test
    void slicesWithTheSparkEngineAreRefusedBeforeTraining() {
        // given <slices> on test data and <engine>spark</engine> for ml:validate
        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(slicesOnTestData("spark")),
                InvalidConfigurationException.class);

        // then refused, naming <slices> and the way out; with the local engine the same slices pass
        assertThat(e.parameter()).isEqualTo("slices");
        assertThat(e.getMessage()).contains("<engine>local</engine>");
        assertThat(ConfigurationCheck.checkValidateSettings(slicesOnTestData("local")))
                .isEmpty();
    }

    @Test
    void aSliceRuleOnAnUnknownMetricIsRefusedBeforeTraining() {
        ValidateSettings slices = new ValidateSettings(
                null,
                null,
                null,
                null,
                null,
                "10",
                "20",
                false,
                Set.of(),
                List.of(new io.github.mlmaven.api.ValidateParameters.Slice("channel", null)),
                List.of(new io.github.mlmaven.api.ValidateParameters.SliceThreshold(
                        "channel=atm", "recal", "0.6", null)),
                null,
                "50");

        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(slices), InvalidConfigurationException.class);

        assertThat(e.parameter()).isEqualTo("sliceThresholds/sliceThreshold/metric");
        assertThat(e.getMessage())
                .contains("unknown metric 'recal' in <sliceThreshold><metric> (did you mean recall?)");
    }

    @Test
    void aRecallBoundOf80IsRefusedSuggesting080() {
        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(settings(Map.of("recall", "80"), null, false)),
                InvalidConfigurationException.class);

        assertThat(e.parameter()).isEqualTo("thresholds/recall");
        assertThat(e.getMessage()).contains("recall lies in [0, 1]").contains("write 0.80");
    }

    @Test
    void aMisspeltMetricIsRefusedSuggestingTheMetric() {
        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(settings(Map.of("recal", "0.8"), null, false)),
                InvalidConfigurationException.class);

        assertThat(e.getMessage()).contains("unknown metric 'recal'").contains("(did you mean recall?)");
    }

    @Test
    void championRulesAreCheckedToo() {
        ValidateSettings s = new ValidateSettings(
                null,
                null,
                Map.of("recall", "2"),
                "0.05",
                null,
                "10",
                "20",
                false,
                Set.of(),
                List.of(),
                List.of(),
                null,
                null);

        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(s), InvalidConfigurationException.class);

        assertThat(e.parameter()).isEqualTo("champion/maxDrop/recall");
        assertThat(e.getMessage()).contains("is written 0.02");
    }

    @Test
    void testEvaluationWithoutTestDataIsRefused() {
        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(settings(null, "test", false)),
                InvalidConfigurationException.class);

        assertThat(e.parameter()).isEqualTo("testData");
    }

    @Test
    void anUnknownEvaluationMethodIsRefused() {
        InvalidConfigurationException e = catchThrowableOfType(
                () -> ConfigurationCheck.checkValidateSettings(settings(null, "kfold", false)),
                InvalidConfigurationException.class);

        assertThat(e.parameter()).isEqualTo("evaluation");
    }

    @Test
    void foldsBelowTwoAreRefusedOnlyForCrossValidation() {
        ValidateSettings cv = new ValidateSettings(
                null, null, null, null, "cv", "1", "20", false, Set.of("folds"), List.of(), List.of(), null, null);
        ValidateSettings holdout = new ValidateSettings(
                null, null, null, null, "holdout", "1", "20", false, Set.of("folds"), List.of(), List.of(), null, null);

        assertThat(catchThrowableOfType(
                                () -> ConfigurationCheck.checkValidateSettings(cv), InvalidConfigurationException.class)
                        .parameter())
                .isEqualTo("folds");
        assertThat(ConfigurationCheck.checkValidateSettings(holdout))
                .containsExactly(
                        "<folds>1</folds> applies to cv only, and <evaluation> is holdout: the folds are" + " ignored");
    }

    @Test
    void settingsTheEvaluationIgnoresAreWarnedAbout() {
        // folds and holdoutPercent set, test data given: the default evaluation is test
        List<String> warnings =
                ConfigurationCheck.checkValidateSettings(settings(null, null, true, "folds", "holdoutPercent"));

        assertThat(warnings)
                .containsExactly(
                        "<folds>10</folds> applies to cv only, and evaluation is test (there is <testData>): the folds"
                                + " are ignored",
                        "<holdoutPercent>20</holdoutPercent> applies to holdout only, and evaluation is test (there is"
                                + " <testData>): the percentage is ignored");
        assertThat(ConfigurationCheck.checkValidateSettings(settings(null, "cv", true)))
                .containsExactly("<testData> is not read: <evaluation> is cv, which evaluates on the training data");
    }

    @Test
    void defaultsAreNotWarnedAbout() {
        assertThat(ConfigurationCheck.checkValidateSettings(settings(Map.of("recall", "0.8"), null, false)))
                .isEmpty();
    }

    @Test
    void theStepPrefixesARefusalOfValidatesSettingsInTrain() {
        // given ml:train's check, with ml:validate's settings as its execution would see them
        Function<Map<String, String>, ConfigurationCheckParameters> check =
                thresholds -> new ConfigurationCheckParameters(
                        "train",
                        "ml-maven-plugin",
                        "ml",
                        GOALS,
                        null,
                        List.of(),
                        List.of("ml.fold"),
                        List.of("ml.folds"),
                        List.of(new ConfigurationCheckParameters.ValidateSettings(
                                thresholds,
                                null,
                                null,
                                null,
                                null,
                                "10",
                                "20",
                                false,
                                Set.of(),
                                List.of(),
                                List.of(),
                                null,
                                null)));
        RecordingLog log = new RecordingLog();

        // when
        Outcome<List<String>> outcome = new Goals().checkConfiguration(check.apply(Map.of("recall", "80")), log);

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(outcome.parameter()).isEqualTo("thresholds/recall");
        assertThat(outcome.message())
                .startsWith("ml:validate would refuse this after training, so it is refused now: ");

        // and with a valid bound, the property is warned about in the outcome, not logged
        Outcome<List<String>> valid = new Goals().checkConfiguration(check.apply(Map.of("recall", "0.8")), log);
        assertThat(valid.kind()).isEqualTo(Outcome.Kind.OK);
        assertThat(valid.value())
                .containsExactly("-Dml.fold is not read by any goal of ml-maven-plugin; did you mean -Dml.folds?");
        assertThat(log.lines()).isEmpty();
    }
}
