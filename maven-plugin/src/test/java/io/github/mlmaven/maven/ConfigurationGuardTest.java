package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.api.ConfigurationCheckParameters;
import io.github.mlmaven.api.ValidateParameters;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Maven side of the configuration check, on the plugin descriptor that this very build generated. */
class ConfigurationGuardTest {
    private static PluginDescriptor descriptor;

    @BeforeAll
    static void readThePluginDescriptor() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
            descriptor = new PluginDescriptorBuilder().build(reader);
        }
    }

    /** As Maven evaluates a parameter: user properties for {@code ${...}}, other text as it is. */
    private static ConfigurationGuard guard(Map<String, String> userProperties) {
        return new ConfigurationGuard(descriptor, expression -> {
            if (expression.startsWith("${") && expression.endsWith("}")) {
                return userProperties.get(expression.substring(2, expression.length() - 1));
            }
            return expression;
        });
    }

    private static Xpp3Dom xml(String configuration) throws Exception {
        return Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration + "</configuration>"));
    }

    private static Plugin plugin(String configuration, String executionConfiguration, String... goals)
            throws Exception {
        Plugin plugin = new Plugin();
        plugin.setGroupId("io.github.mlmaven");
        plugin.setArtifactId("ml-maven-plugin");
        plugin.setConfiguration(xml(configuration));
        PluginExecution execution = new PluginExecution();
        execution.setId("gate");
        execution.setGoals(List.of(goals));
        execution.setConfiguration(xml(executionConfiguration));
        plugin.addExecution(execution);
        return plugin;
    }

    @Test
    void everyPropertyNameIsReadBySomeGoal() throws Exception {
        // given the constants, the one place the property names are spelt
        List<String> constants = new ArrayList<>();
        for (Field field : PropertyNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }

        // then the set derived from the descriptor knows each, so none of them is ever warned about
        assertThat(guard(Map.of()).knownProperties()).containsAll(constants).allMatch(p -> p.startsWith("ml."));
    }

    @Test
    void eachGoalsParametersAreThoseAPomMaySet() {
        Map<String, List<String>> goals = guard(Map.of()).goalParameters();

        assertThat(goals).containsKeys(GoalNames.TRAIN, GoalNames.VALIDATE, GoalNames.ROLLBACK, "help");
        assertThat(goals.get(GoalNames.TRAIN)).contains("positiveClass", "trainingData", "retrainWhen");
        assertThat(goals.get(GoalNames.VALIDATE)).contains("thresholds", "champion", "folds");
        // read-only parameters are Maven's to inject
        assertThat(goals.get(GoalNames.TRAIN)).doesNotContain("project", "session", "settings", "mojoExecution");
    }

    @Test
    void theStructuresAreTheFieldsOfThePluginsOwnClasses() {
        Map<String, List<String>> structures = guard(Map.of()).structures();

        assertThat(structures)
                .containsOnlyKeys(
                        "champion",
                        "retrainWhen",
                        "mlflow",
                        "prometheus",
                        "decay",
                        "drift",
                        "slices/slice",
                        "sliceThresholds/sliceThreshold",
                        "spark")
                .containsEntry("champion", List.of("maxDrop", "significance"))
                .containsEntry(
                        "spark",
                        List.of(
                                "master",
                                "partitions",
                                "executorMemory",
                                "executorCores",
                                "driverMemory",
                                "executorWaitSeconds",
                                "conf",
                                "dependencies"))
                .containsEntry("slices/slice", List.of("attributes", "bins"))
                .containsEntry("sliceThresholds/sliceThreshold", List.of("slice", "metric", "min", "max"))
                .containsEntry("retrainWhen", List.of("newRows", "codeChanged", "maxAgeDays", "degraded", "drift"))
                // so that <decay><maxDorp> is named with its fix, from any goal, before ml:monitor runs
                .containsEntry("decay", List.of("maxDrop", "minLabelledRows", "failBuild"))
                .containsEntry("drift", List.of("share", "tests", "thresholds", "failBuild"));
    }

    @Test
    void aMisspeltChildOfSparkIsRefusedInEveryGoalWithTheClosestName() throws Exception {
        // given <spark><partitons> in an execution of ml:validate, whose goal does not read <spark>
        Plugin declared = plugin(
                "", "<engine>spark</engine><spark><master>local[2]</master><partitons>4</partitons></spark>", "train");
        ConfigurationCheckParameters p = guard(Map.of()).parameters("validate", declared, null, Set.of(), false);

        // when the core checks what the guard gathered
        io.github.mlmaven.api.Outcome<List<String>> outcome = new io.github.mlmaven.workflow.Goals()
                .checkConfiguration(p, new io.github.mlmaven.api.CoreLog() {
                    @Override
                    public void info(String message) {}

                    @Override
                    public void warn(String message) {}

                    @Override
                    public void error(String message) {}

                    @Override
                    public void debug(String message) {}
                });

        // then
        assertThat(p.configured().get(1).children()).isEqualTo(Map.of("spark", List.of("master", "partitons")));
        assertThat(outcome.kind()).isEqualTo(io.github.mlmaven.api.Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(outcome.parameter()).isEqualTo("spark/partitons");
        assertThat(outcome.message()).contains("did you mean <spark><partitions>?");
    }

    @Test
    void aSparkDependencyOutsideItsListIsRefusedWithTheListsName() throws Exception {
        // given <spark><dependency> written without the <dependencies> around it
        Plugin declared = plugin(
                "",
                "<engine>spark</engine><spark><dependency>org.apache.spark:spark-yarn_2.13:4.2.0</dependency></spark>",
                "train");
        ConfigurationCheckParameters p = guard(Map.of()).parameters("train", declared, null, Set.of(), false);

        io.github.mlmaven.api.Outcome<List<String>> outcome = new io.github.mlmaven.workflow.Goals()
                .checkConfiguration(p, new io.github.mlmaven.api.CoreLog() {
                    @Override
                    public void info(String message) {}

                    @Override
                    public void warn(String message) {}

                    @Override
                    public void error(String message) {}

                    @Override
                    public void debug(String message) {}
                });

        assertThat(outcome.kind()).isEqualTo(io.github.mlmaven.api.Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(outcome.parameter()).isEqualTo("spark/dependency");
        assertThat(outcome.message()).contains("did you mean <spark><dependencies>?");
    }

    @Test
    void theChildrenOfEachItemOfAListAreListedUnderTheItemsPath() throws Exception {
        Plugin declared = plugin(
                "<slices><slice><atributes>channel</atributes></slice><slice><attributes>country</attributes>"
                        + "<bins>1</bins></slice></slices>",
                "",
                "validate");

        ConfigurationCheckParameters p = guard(Map.of()).parameters("validate", declared, null, Set.of(), false);

        assertThat(p.configured().get(0).children())
                .isEqualTo(Map.of("slices/slice", List.of("atributes", "attributes", "bins")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theElementsOfEachConfigurationAreListedWithWhereTheyAre() throws Exception {
        // given
        Plugin declared = plugin(
                "<threshold><recall>0.8</recall></threshold><champion><maxdrop/></champion>",
                "<seed>2</seed>",
                "train");

        // when
        ConfigurationCheckParameters p = guard(Map.of()).parameters("train", declared, null, Set.of("ml.fold"), false);

        // then
        List<ConfigurationCheckParameters.Configured> configured = p.configured();
        assertThat(configured).hasSize(2);
        assertThat(configured.get(0))
                .isEqualTo(new ConfigurationCheckParameters.Configured(
                        "the plugin's <configuration>",
                        List.of(),
                        List.of("threshold", "champion"),
                        Map.of("champion", List.of("maxdrop"))));
        assertThat(configured.get(1).where()).isEqualTo("<execution> 'gate'");
        assertThat(configured.get(1).goals()).containsExactly("train");
        assertThat(configured.get(1).elements()).containsExactly("seed");
        assertThat(p.properties()).containsExactly("ml.fold");
        assertThat(p.validateSettings()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void validatesSettingsComeFromThePomThenThePropertiesThenTheDefaults() throws Exception {
        // given thresholds on the plugin, folds in the execution that binds validate, evaluation as a property
        Plugin declared = plugin(
                "<thresholds><recall>80</recall></thresholds>"
                        + "<champion><maxDrop><f1>0.02</f1></maxDrop><significance>0.05</significance></champion>",
                "<thresholds><recall>80</recall></thresholds><folds>5</folds>",
                "train",
                "validate");

        // when
        ConfigurationCheckParameters p =
                guard(Map.of("ml.evaluation", "holdout")).parameters("train", declared, null, Set.of(), true);

        // then the command line's configuration, then the execution's
        List<ConfigurationCheckParameters.ValidateSettings> settings = p.validateSettings();
        assertThat(settings).hasSize(2);
        assertThat(settings.get(0))
                .isEqualTo(new ConfigurationCheckParameters.ValidateSettings(
                        Map.of("recall", "80"),
                        null,
                        Map.of("f1", "0.02"),
                        "0.05",
                        "holdout",
                        "10",
                        "20",
                        false,
                        Set.of("evaluation"),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        "local"));
        assertThat(settings.get(1).folds()).isEqualTo("5");
        assertThat(settings.get(1).explicit()).containsExactly("evaluation", "folds");
    }

    @Test
    void theEngineOfValidateIsReadForTheCheckBeforeTraining() throws Exception {
        // given <engine>spark</engine> in the execution that binds validate, and -Dml.engine=local
        Plugin declared = plugin("", "<engine>spark</engine>", "train", "validate");

        // when
        ConfigurationCheckParameters p =
                guard(Map.of("ml.engine", "local")).parameters("train", declared, null, Set.of(), true);

        // then the command line's configuration has the property's engine, the execution its own
        assertThat(p.validateSettings().get(0).engine()).isEqualTo("local");
        assertThat(p.validateSettings().get(1).engine()).isEqualTo("spark");
    }

    @Test
    void theSliceSettingsOfValidateAreReadForTheCheckBeforeTraining() throws Exception {
        Plugin declared = plugin(
                "<slices><slice><attributes>amount</attributes><bins>0,100</bins></slice></slices>"
                        + "<sliceThresholds><sliceThreshold><slice>amount>=100</slice><metric>rmse</metric>"
                        + "<max>3</max></sliceThreshold></sliceThresholds>",
                "",
                "validate");

        ConfigurationCheckParameters.ValidateSettings settings = guard(
                        Map.of("ml.sliceThresholds", "amount<0:mae<=1", "ml.minSliceSize", "40"))
                .parameters("train", declared, null, Set.of(), true)
                .validateSettings()
                .get(0);

        assertThat(settings.slices()).containsExactly(new ValidateParameters.Slice("amount", "0,100"));
        assertThat(settings.sliceThresholds())
                .containsExactly(new ValidateParameters.SliceThreshold("amount>=100", "rmse", null, "3"));
        assertThat(settings.sliceThresholdsProperty()).isEqualTo("amount<0:mae<=1");
        assertThat(settings.minSliceSize()).isEqualTo("40");
    }

    @Test
    void testDataGivenAsAPropertyCounts() throws Exception {
        ConfigurationCheckParameters p =
                guard(Map.of("ml.testData", "data/test.csv")).parameters("validate", null, null, Set.of(), true);

        assertThat(p.validateSettings())
                .singleElement()
                .satisfies(v -> assertThat(v.testData()).isTrue());
    }

    @Test
    void onlyMlPropertiesAreChecked() {
        Properties user = new Properties();
        user.setProperty("ml.fold", "5");
        user.setProperty("skipTests", "true");
        Properties system = new Properties();
        system.setProperty("ml.skip", "true");
        system.setProperty("java.version", "17");

        assertThat(ConfigurationGuard.mlProperties(user, system)).containsExactly("ml.fold", "ml.skip");
    }

    @Test
    void aWarningIsLoggedOncePerBuild() {
        List<String> logged = new ArrayList<>();
        org.apache.maven.plugin.logging.Log log = new org.apache.maven.plugin.logging.SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                logged.add(content.toString());
            }
        };
        Object build = new Object();
        Object nextBuild = new Object();

        ConfigurationGuard.warnOnce(build, log, List.of("a", "b"));
        ConfigurationGuard.warnOnce(build, log, List.of("b", "c"));
        ConfigurationGuard.warnOnce(nextBuild, log, List.of("a"));

        assertThat(logged).containsExactly("a", "b", "c", "a");
    }

    @Test
    void aMisspeltChildOfJdbcInAnotherGoalsExecutionIsNamedWithTheClosestName() throws Exception {
        // given: the test data's <jdbc> is in an execution of ml:validate only, and ml:train runs first
        Plugin plugin = plugin(
                "<trainingData><file>data/train.csv</file></trainingData>",
                "<testData><jdbc><url>jdbc:h2:./labels</url><qurey>SELECT * FROM t</qurey></jdbc></testData>",
                "validate");

        // then
        assertThatThrownBy(() -> ConfigurationGuard.checkData("train", plugin, null))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid configuration of ml:train <testData><jdbc><qurey>: <qurey> is not an element of"
                        + " <jdbc>, which takes url, query, table, serverId, usernameEnv, passwordEnv, fetchSize,"
                        + " properties, watermark, snapshotDirectory, format; did you mean <query>?");
    }

    @Test
    void theWatermarksChildrenAndASecondJdbcAreChecked() throws Exception {
        Plugin misspelt = plugin(
                "<trainingData><jdbc><url>u</url><table>t</table><watermark><colum>at</colum></watermark></jdbc>"
                        + "</trainingData>",
                "",
                "train");
        assertThatThrownBy(() -> ConfigurationGuard.checkData("extract", null, misspelt))
                .hasMessageStartingWith("Invalid configuration of ml:extract <trainingData><jdbc><watermark><colum>:"
                        + " <colum> is not an element of <watermark>, which takes column, tieBreaker, delay; did you"
                        + " mean <column>?");

        Plugin twice = plugin(
                "<trainingData><jdbc><url>u</url><table>a</table></jdbc><jdbc><url>u</url><table>b</table></jdbc>"
                        + "</trainingData>",
                "",
                "train");
        assertThatThrownBy(() -> ConfigurationGuard.checkData("train", twice))
                .hasMessageStartingWith("Invalid configuration of ml:train <trainingData><jdbc>: <trainingData> takes"
                        + " one <jdbc> source, and this is the second");

        Plugin badFetch = plugin(
                "<trainingData><jdbc><url>u</url><table>a</table><fetchSize>lots</fetchSize></jdbc></trainingData>",
                "",
                "train");
        assertThatThrownBy(() -> ConfigurationGuard.checkData("train", badFetch))
                .hasMessage("Invalid configuration of ml:train <trainingData><jdbc><fetchSize>: 'lots' is not a"
                        + " number of rows; give a positive whole number, e.g. 10000");
    }

    @Test
    void fileEntriesAndACorrectJdbcSourcePass() throws Exception {
        Plugin plugin = plugin(
                "<trainingData><file>a.csv</file><file>b.csv</file></trainingData>",
                "<testData><jdbc><url>jdbc:h2:./x</url><table>t</table><properties><any.name>1</any.name>"
                        + "</properties><watermark><column>id</column></watermark></jdbc></testData>",
                "validate");

        ConfigurationGuard.checkData("train", plugin, null);
    }
}
