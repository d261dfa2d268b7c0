package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.monitoring.prometheus.MonitoringGauges;
import io.github.mlmaven.report.HtmlReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs of a real ml:monitor pass (a model promoted on rows before a shift, monitored on shifted rows): report.html
 * with the pass and the history read back from the registry branch, and the gauges of the pass as ml:monitor holds it
 * equal to those of the monitoring.json it wrote.
 */
class MonitorOutputsTest {
    private static final String MODEL = ProductionFixture.FRAUD;
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @Test
    void twoPassesOnShiftedRowsShowInTheReportWithTheHistoryFromTheRegistryAndAsGauges() throws Exception {
        // given fraud 1.3.0, trained, validated and promoted on unshifted rows; later rows shifted by construction
        ProductionFixture.Production production = ProductionFixture.fraudPromotedOn(dir, ROWS, 7);
        GoalContext context = production.context();
        PromoteGoalTest.FolderRepository releases = production.releases();
        production.laterRows(ROWS, 8, true);
        MonitorParameters monitor = new MonitorParameters(
                context, null, Map.of("recall", "0.1"), null, false, null, null, null, false, Map.of());

        // when ml:monitor runs twice, then report.html is rendered again after the second pass
        for (int pass = 1; pass <= 2; pass++) {
            Outcome<Void> outcome = new Goals().monitor(monitor, releases, log);
            assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Outcome.Kind.OK);
        }

        // then the report shows the degraded pass, both passes of the history, and a chart for amount alone
        MonitoringReport report =
                MonitoringReport.read(context.modelDirectory()).orElseThrow();
        assertThat(report.degraded()).isTrue();
        assertThat(report.driftedAttributes()).as(report.note()).containsExactly("amount");
        String html = Files.readString(context.modelDirectory().resolve(HtmlReport.FILE));
        assertThat(html)
                .contains(
                        "<section id=\"monitoring\">",
                        "<span class=\"verdict fail\">DEGRADED</span> version <code>" + "1.3.0</code>",
                        "<section id=\"drift\">",
                        "<svg id=\"monitoring-history-chart\"")
                .contains("<svg id=\"drift-chart-1\"")
                .doesNotContain("<svg id=\"drift-chart-2\"");
        String historyTable =
                html.substring(html.indexOf("<th>monitored</th>"), html.indexOf("<section id=\"drift\">"));
        assertThat(count(historyTable, "<tr><td>20")).isEqualTo(2);
        assertThat(log.text()).contains("Wrote the model report");

        // and the gauges of the pass as ml:monitor holds it are those of the monitoring.json it wrote
        JsonNode written = Json.MAPPER.readTree(
                context.modelDirectory().resolve(MonitoringReport.FILE).toFile());
        String gauges = MonitoringGauges.render(written, MODEL);
        assertThat(MonitoringGauges.render(Json.MAPPER.valueToTree(report), MODEL))
                .isEqualTo(gauges);
        assertThat(gauges)
                .contains("ml_model_degraded{model=\"fraud\",stage=\"monitoring\",version=\"1.3.0\"} 1\n")
                .contains("ml_model_attribute_drifted{model=\"fraud\",stage=\"monitoring\",version=\"1.3.0\","
                        + "attribute=\"amount\",test=\"")
                .containsPattern("ml_model_attribute_drifted\\{[^}]*attribute=\"age\"[^}]*} 0\n")
                .containsPattern("ml_model_live_metric\\{[^}]*metric=\"recall\"} 0\\.");
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
