package io.github.mlmaven.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mlmaven.monitoring.live.MonitoringHistory;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.MonitoringReports;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** report.html's monitoring and drift sections, from monitoring.json and the monitoring history. */
class MonitoringSectionsTest {
    private static final HtmlReport.History NO_HISTORY = HtmlReport.History.none("no registry is configured");

    private static String render(JsonNode monitoring, JsonNode history) {
        return HtmlReport.render(
                ReportFixtures.creditReport(List.of(ReportFixtures.recallBreach())),
                null,
                null,
                NO_HISTORY,
                new HtmlReport.Monitoring(monitoring, history));
    }

    /** Two earlier passes of 1.3.0, recall 0.80 then 0.71. */
    private static JsonNode history() {
        MonitoringHistory history = MonitoringHistory.empty(MonitoringReports.MODEL)
                .append(new MonitoringHistory.Entry(
                        "2026-02-01T06:00:00Z", "1.3.0", 300, Map.of("recall", 0.8), false, null, false, List.of()))
                .append(new MonitoringHistory.Entry(
                        "2026-02-15T06:00:00Z",
                        "1.3.0",
                        410,
                        Map.of("recall", 0.71),
                        true,
                        "recall dropped by 0.10",
                        false,
                        List.of()));
        return Json.MAPPER.valueToTree(history);
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void aDegradedAndDriftedPassShowsLiveBesidePromotionTheHistoryAndOneChartPerDriftingAttribute() throws Exception {
        // when
        String html = render(MonitoringReports.json(MonitoringReports.degradedAndDrifted()), history());

        // then the page is well-formed, and the sections come after the promotion history, before the data
        Document doc = parse(html);
        assertThat(texts(doc, "//section/@id")).containsSubsequence("history", "monitoring", "drift", "data");
        // the live figures beside those at promotion, with the decay rules' results
        assertThat(texts(doc, "//section[@id='monitoring']//table[1]/tbody/tr"))
                .containsExactly(
                        "accuracy0.90000.8800-0.0200max drop 0.03, from 200 rowspass",
                        "recall0.81000.6200-0.1900max drop 0.05, from 200 rowsDEGRADED");
        assertThat(texts(doc, "//section[@id='monitoring']/p[1]/span")).containsExactly("DEGRADED");
        assertThat(html).contains("480 new labelled rows (3 with a class value the model never saw)");
        // the history: both earlier passes and this one, newest first in the table
        assertThat(texts(doc, "//svg[@id='monitoring-history-chart']//*[local-name()='polyline']/*"))
                .contains("live recall", "at promotion recall 0.8100");
        assertThat(texts(doc, "//section[@id='monitoring']//table[2]/tbody/tr/td[1]"))
                .containsExactly(MonitoringReports.AT, "2026-02-15T06:00:00Z", "2026-02-01T06:00:00Z");
        String recallLine = (String) XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                        "//svg[@id='monitoring-history-chart']//*[local-name()='polyline'][title='live recall']/@points",
                        doc,
                        XPathConstants.STRING);
        assertThat(recallLine.split(" ")).hasSize(3);
        // the drift table has every attribute; a chart for each drifting one only, the unseen value escaped
        assertThat(texts(doc, "//section[@id='drift']//table/tbody/tr/td[1]"))
                .containsExactly("amount", "channel", "age");
        assertThat(texts(doc, "//section[@id='drift']//table/tbody/tr/td[6]"))
                .containsExactly("drifted", "drifted", "no");
        assertThat(texts(doc, "//section[@id='drift']//*[local-name()='svg']/@id"))
                .containsExactly("drift-chart-1", "drift-chart-2");
        assertThat(texts(doc, "//svg[@id='drift-chart-2']//*[local-name()='rect']/*"))
                .contains(
                        "web, training: 60.0%",
                        "web, current: 30.0%", "<b>app</b>, training: 0.0%", "<b>app</b>, current: 5.0%");
        assertThat(texts(doc, "//section[@id='drift']/p[1]"))
                .containsExactly("DATA DRIFT 2 of 3 attributes drifted (67%; data drift from 50%); 520 current rows"
                        + " against 1,000 training rows.");
        assertThat(html).contains("1.20e-07");
    }

    @Test
    void aHealthyPassOfAModelWithoutAProfileSaysSoInsteadOfDrawingDrift() throws Exception {
        // given an older model without a data profile, and a history that could not be read
        MonitoringReport healthy = MonitoringReports.healthy();
        ObjectNode monitoring = (ObjectNode) MonitoringReports.json(healthy);
        monitoring.remove("drift");
        monitoring.remove("predictionDrift");
        monitoring.put("note", "1.3.0 has no data profile (promoted before profiles existed): drift was skipped");

        // when
        String html = render(monitoring, null);

        // then
        Document doc = parse(html);
        assertThat(texts(doc, "//section[@id='monitoring']/p[1]/span")).containsExactly("NOT DEGRADED");
        assertThat(texts(doc, "//section[@id='drift']/p"))
                .containsExactly("No drift figures: 1.3.0 has no data profile (promoted before profiles existed):"
                        + " drift was skipped.");
        assertThat(html).contains("The monitoring history could not be read; only this pass is shown.");
        assertThat(texts(doc, "//*[local-name()='svg']/@id")).doesNotContain("drift-chart-1");
    }

    @Test
    void withoutMonitoringJsonThePageHasNeitherSectionAndIsThePageOfTheFourArgumentRender() throws Exception {
        // when
        String without = HtmlReport.render(
                ReportFixtures.creditReport(List.of(ReportFixtures.recallBreach())), null, null, NO_HISTORY, null);

        // then
        assertThat(texts(parse(without), "//section/@id")).doesNotContain("monitoring", "drift");
        assertThat(without)
                .isEqualTo(HtmlReport.render(
                        ReportFixtures.creditReport(List.of(ReportFixtures.recallBreach())), null, null, NO_HISTORY));
    }
}
