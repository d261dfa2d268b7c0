package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.monitoring.live.DecayResult;
import io.github.mlmaven.monitoring.live.MonitoringHistory;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.PromotionRepo;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.testing.ShiftedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:monitor end to end without Maven: a model trained and promoted (through {@link Goals}, into a real git registry
 * and a folder repository) on rows before a shift, then monitored on later rows that {@link ShiftedData} shifts by
 * construction, or not; and each fault of the goal.
 */
class MonitorGoalTest {
    private static final String MODEL = ProductionFixture.FRAUD;
    private static final String BRANCH = ProductionFixture.BRANCH;
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    private PromotionRepo repo;
    private MlProject project;
    private PromoteGoalTest.FolderRepository releases;
    private ProductionFixture.Production production;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** fraud 1.3.0 promoted on {@code rows} unshifted rows of {@code seed}, under {@code root}. */
    private void promotedOn(Path root, int rows, long seed) throws IOException {
        production = ProductionFixture.fraudPromotedOn(root, rows, seed);
        repo = production.repo();
        project = production.project();
        releases = production.releases();
    }

    private void laterRows(int rows, long seed, boolean shifted) {
        production.laterRows(rows, seed, shifted);
    }

    private GoalContext context() {
        return ProductionFixture.context(project.basedir(), MODEL, List.of("data/part-*.csv"), "cv", null);
    }

    private MonitorParameters monitorParameters(String minLabelledRows, boolean failBuild) {
        return new MonitorParameters(
                context(),
                null,
                Map.of("recall", "0.1"),
                minLabelledRows,
                failBuild,
                null,
                null,
                null,
                false,
                Map.of());
    }

    private Outcome<Void> monitor() {
        return monitor(monitorParameters(null, false));
    }

    private Outcome<Void> monitor(MonitorParameters parameters) {
        return new Goals().monitor(parameters, releases, log);
    }

    private MonitoringReport report() {
        return MonitoringReport.read(project.outputDirectory().resolve(MODEL))
                .orElseThrow(() -> new AssertionError("no monitoring.json; log: " + log.lines()));
    }

    private MonitoringHistory history() {
        return MonitoringHistory.fromJson(
                repo.originFile(BRANCH, "monitoring/" + MODEL + ".json").orElse(null), MODEL);
    }

    @Test
    void shiftedRowsMakeTheModelDegradedAndDriftOnExactlyTheShiftedAttribute() throws Exception {
        // given
        promotedOn(dir, ROWS, 7);
        laterRows(ROWS, 8, true);
        String registryBefore =
                repo.originFile(BRANCH, "models/" + MODEL + ".json").orElseThrow();

        // when
        Outcome<Void> outcome = monitor();

        // then the build passes (failBuild is off) and the pass says why the model is degraded
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Outcome.Kind.OK);
        MonitoringReport report = report();
        assertThat(report.productionVersion()).isEqualTo("1.3.0");
        assertThat(report.newRows()).isEqualTo(ROWS);
        assertThat(report.newLabelledRows()).isEqualTo(ROWS);
        assertThat(report.unseenClassRows()).isZero();
        DecayResult recall = report.decay().get(0);
        assertThat(recall.metric()).isEqualTo("recall");
        assertThat(recall.status()).isEqualTo(DecayResult.DEGRADED);
        assertThat(recall.promotion()).isGreaterThan(0.6);
        assertThat(recall.live()).isLessThan(0.35);
        assertThat(report.degraded()).isTrue();
        assertThat(report.degradedReason())
                .startsWith("recall ")
                .contains(" live vs ")
                .contains("maxDrop 0.1");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN Production fraud 1.3.0 is degraded: recall "));

        // the drift is on amount alone; age and channel keep their distributions
        assertThat(report.drift()).as(report.note()).isNotNull();
        assertThat(report.driftedAttributes()).containsExactly("amount");
        assertThat(report.drift().columns()).isEqualTo(3);
        assertThat(report.predictionDrift()).isNotNull();

        // one entry in the history on the registry branch; production untouched
        MonitoringHistory history = history();
        assertThat(history.entries()).hasSize(1);
        assertThat(history.latest("1.3.0").orElseThrow().degraded()).isTrue();
        assertThat(history.latest("1.3.0").orElseThrow().driftedAttributes()).containsExactly("amount");
        assertThat(repo.originFile(BRANCH, "models/" + MODEL + ".json").orElseThrow())
                .isEqualTo(registryBefore);
        assertThat(repo.originLog(BRANCH).get(0)).isEqualTo("monitor fraud 1.3.0: degraded, no data drift\n");
    }

    @Test
    void failBuildTurnsDecayIntoAFailedGateAfterTheOutputsAreWritten() throws Exception {
        // given
        promotedOn(dir, ROWS, 7);
        laterRows(ROWS, 8, true);

        // when
        Outcome<Void> outcome = monitor(monitorParameters(null, true));

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.GATE_FAILED);
        assertThat(outcome.message()).startsWith("production fraud 1.3.0 is degraded: recall ");
        assertThat(report().degraded()).isTrue();
        assertThat(history().entries()).hasSize(1);
    }

    @Test
    void unshiftedRowsRaiseNoAlarmAcrossTwentySeeds() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            // given
            Path root = Files.createDirectories(dir.resolve("seed-" + seed));
            promotedOn(root, ROWS, seed);
            laterRows(ROWS, seed + 1000, false);

            // when
            Outcome<Void> outcome = monitor();

            // then
            assertThat(outcome.kind())
                    .as("seed %d: %s", seed, outcome.message())
                    .isEqualTo(Outcome.Kind.OK);
            MonitoringReport report = report();
            assertThat(report.decay().get(0).status()).as("seed %d", seed).isEqualTo(DecayResult.PASS);
            assertThat(report.degraded()).as("seed %d", seed).isFalse();
            assertThat(report.drift()).as("seed %d", seed).isNotNull();
            assertThat(report.datasetDrift())
                    .as("seed %d: %s", seed, report.drift())
                    .isFalse();
            assertThat(report.driftedAttributes()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void configurationMistakesAreNamedBeforeTheRegistryIsRead() throws Exception {
        // given
        promotedOn(dir, 300, 3);
        MonitorParameters badShare = new MonitorParameters(
                context(), null, Map.of("recall", "0.1"), null, false, "half", null, null, false, Map.of());
        MonitorParameters badTest = new MonitorParameters(
                context(), null, null, null, false, null, Map.of("amount", "chi2"), null, false, Map.of());

        // when
        Outcome<Void> share = monitor(badShare);
        Outcome<Void> test = monitor(badTest);

        // then
        assertThat(share.kind()).isEqualTo(Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(share.parameter()).isEqualTo("drift/share");
        assertThat(share.message()).isEqualTo("<drift><share> is 'half', which is not a number");
        assertThat(test.kind()).isEqualTo(Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(test.parameter()).isEqualTo("drift/tests/amount");
        assertThat(log.lines()).noneMatch(l -> l.contains("Monitoring production"));
        assertThat(repo.originFile(BRANCH, "monitoring/" + MODEL + ".json")).isEmpty();
    }

    @Test
    void noProductionVersionIsAWarningAndMeasuresNothing() throws Exception {
        // given a project whose model was never promoted
        Path data = ShiftedData.write(dir.resolve("source/part-1.csv"), 200, 1, false);
        repo = PromotionRepo.withData(dir.resolve("git"), data, "part-1.csv");
        project = repo.project();
        releases = new PromoteGoalTest.FolderRepository(Files.createDirectories(dir.resolve("releases")));

        // when
        Outcome<Void> outcome = monitor();

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        assertThat(log.lines())
                .contains("WARN No production version of fraud in the registry (branch ml-registry): nothing to"
                        + " monitor. ml:promote a model first");
        assertThat(project.outputDirectory().resolve(MODEL).resolve(MonitoringReport.FILE))
                .doesNotExist();
        assertThat(repo.originFile(BRANCH, "monitoring/" + MODEL + ".json")).isEmpty();
    }

    @Test
    void noNewRowsJudgeNothing() throws Exception {
        // given only the rows production was trained on
        promotedOn(dir, 500, 3);

        // when
        Outcome<Void> outcome = monitor();

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        MonitoringReport report = report();
        assertThat(report.newRows()).isZero();
        assertThat(report.liveMetrics()).isEmpty();
        assertThat(report.decay().get(0).status()).isEqualTo(DecayResult.TOO_FEW_ROWS);
        assertThat(report.degraded()).isFalse();
        assertThat(report.drift()).isNull();
        assertThat(report.note()).contains("no new rows since production 1.3.0 was trained");
    }

    @Test
    void fewerLabelledRowsThanTheMinimumAreTooFewEvenWhenShifted() throws Exception {
        // given 150 shifted rows, fewer than the 200 the rule needs
        promotedOn(dir, 500, 3);
        laterRows(150, 4, true);

        // when
        Outcome<Void> outcome = monitor(monitorParameters("200", true));

        // then not degraded, so failBuild does not fail it
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        MonitoringReport report = report();
        assertThat(report.newLabelledRows()).isEqualTo(150);
        assertThat(report.liveMetrics()).containsKey("recall");
        assertThat(report.decay().get(0).status()).isEqualTo(DecayResult.TOO_FEW_ROWS);
        assertThat(report.degraded()).isFalse();
    }

    @Test
    void aClassValueTheModelNeverSawIsCountedAndLeftOutOfTheMetrics() throws Exception {
        // given three later rows, one labelled with a class the model does not know and one unlabelled
        promotedOn(dir, 500, 3);
        Files.writeString(
                project.file("data/part-2.csv"),
                ShiftedData.HEADER + "\n2.5,40,web,fraud\n0.1,33,atm,chargeback\n0.2,50,branch,?\n");

        // when
        Outcome<Void> outcome = monitor(monitorParameters("1", false));

        // then
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Outcome.Kind.OK);
        MonitoringReport report = report();
        assertThat(report.newRows()).isEqualTo(3);
        assertThat(report.unseenClassRows()).isEqualTo(1);
        assertThat(report.newLabelledRows()).isEqualTo(1);
        assertThat(report.liveMetrics()).containsEntry("accuracy", 1.0);
        assertThat(log.lines())
                .contains("WARN 1 new rows have a class value that production 1.3.0 never saw in training (it knows"
                        + " ok, fraud); they are counted as unseenClassRows and left out of the live metrics");
    }

    @Test
    void aRenamedAttributeIsNamedAndStopsTheGoal() throws Exception {
        // given data whose amount column is now called value
        promotedOn(dir, 500, 3);
        Files.writeString(project.file(repo.dataPath()), "value,age,channel,class\n1.0,30,web,ok\n");

        // when
        Outcome<Void> outcome = monitor();

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID_INPUT);
        assertThat(outcome.message())
                .contains("the schema of <trainingData> changed since production 1.3.0 was trained: attribute"
                        + " 'amount' of the model is missing");
        assertThat(project.outputDirectory().resolve(MODEL).resolve(MonitoringReport.FILE))
                .doesNotExist();
    }

    @Test
    void aModelPromotedWithoutAProfileIsMonitoredWithoutDrift() throws Exception {
        // given a production jar from before profiles were packed
        promotedOn(dir, 500, 3);
        laterRows(300, 4, true);
        Path jar = releases.jar("com.example", "fraud-model", "1.3.0");
        Path stripped =
                Jars.withoutEntry(jar, dir.resolve("stripped.jar"), BundleLayout.directory(MODEL) + DataProfile.FILE);
        Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);

        // when
        Outcome<Void> outcome = monitor();

        // then
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Outcome.Kind.OK);
        MonitoringReport report = report();
        assertThat(report.drift()).isNull();
        assertThat(report.predictionDrift()).isNull();
        assertThat(report.degraded()).isTrue();
        assertThat(report.note()).contains("was promoted without a training-data profile");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN production 1.3.0 was promoted without a"));
    }

    @Test
    void anUnreachableRegistryIsAWarningNeverADegradedModel() throws Exception {
        // given a registry whose remote is gone
        promotedOn(dir, 500, 3);
        laterRows(300, 4, true);
        Path moved = dir.resolve("moved.git");
        Files.move(repo.origin(), moved);

        // when
        Outcome<Void> outcome = monitor();

        // then
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Outcome.Kind.OK);
        assertThat(log.lines())
                .anyMatch(l -> l.startsWith("WARN Not monitoring fraud: the model registry cannot be read (")
                        && l.endsWith("so nothing was measured and the model is not judged degraded"));
        assertThat(project.outputDirectory().resolve(MODEL).resolve(MonitoringReport.FILE))
                .doesNotExist();
    }

    @Test
    void theHistoryGrowsByOneEntryPerPassAndKeepsTheNewestLast() throws Exception {
        // given
        promotedOn(dir, 500, 3);
        laterRows(300, 4, false);

        // when
        monitor();
        laterRows(300, 5, true);
        monitor();

        // then
        MonitoringHistory history = history();
        assertThat(history.entries()).hasSize(2);
        assertThat(history.entries().get(0).degraded()).isFalse();
        assertThat(history.entries().get(1).degraded()).isTrue();
        assertThat(history.latest("1.3.0").orElseThrow())
                .isEqualTo(history.entries().get(1));
        JsonNode document = Json.MAPPER.readTree(
                repo.originFile(BRANCH, "models/" + MODEL + ".json").orElseThrow());
        assertThat(document.get("production").asText()).isEqualTo("1.3.0");
    }
}
