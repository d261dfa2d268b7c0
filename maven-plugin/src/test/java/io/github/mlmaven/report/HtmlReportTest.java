package io.github.mlmaven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    private static final String NASTY = "<b>&\"'";

    private static Curves curves() {
        List<double[]> roc = List.of(new double[] {0, 0}, new double[] {0.2, 0.6}, new double[] {1, 1});
        List<double[]> pr = List.of(new double[] {0, 1}, new double[] {0.6, 0.7}, new double[] {1, 0.32});
        return new Curves(
                1,
                "credit",
                "bad",
                new Curves.Curve("candidate", 0.76, 0.61, roc, pr),
                new Curves.Curve("1.3.0", 0.7, 0.55, roc, pr));
    }

    private static HtmlReport.History history() {
        return new HtmlReport.History(
                List.of(
                        new HtmlReport.HistoryPoint(
                                "1.0.0", "2024-01-01T00:00:00Z", Map.of("recall", 0.81, "accuracy", 0.7), false),
                        new HtmlReport.HistoryPoint(
                                "1.1.0", "2024-02-01T00:00:00Z", Map.of("recall", 0.84, "accuracy", 0.72), true)),
                null);
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theReportIsWellFormedAndHasEveryChart() throws Exception {
        String html = HtmlReport.render(
                ChampionReportFixtures.compared(List.of(ReportFixtures.recallBreach())), curves(), null, history());

        Document doc = parse(html);

        List<String> ids = new ArrayList<>();
        NodeList svgs = doc.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            ids.add(svgs.item(i).getAttributes().getNamedItem("id").getNodeValue());
        }
        assertThat(ids).containsExactly("roc-chart", "pr-chart", "confusion-chart", "per-class-chart", "history-chart");
        assertThat(html).contains("FAILED").contains("BREACH").contains("candidate AUC 0.760");
        assertThat(html).contains("production 1.3.0 AUC 0.700").contains("chance");
        assertThat(html).contains("threshold recall");
    }

    @Test
    void theReportIsSelfContained() {
        String html = HtmlReport.render(
                ReportFixtures.creditReport(List.of(ReportFixtures.accuracyMet())), curves(), null, history());

        assertThat(html)
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("url(")
                .doesNotContain("@import")
                .doesNotContain("src=");
        assertThat(html).contains("<style>").contains("PASSED");
    }

    @Test
    void labelsAndNamesAreEscaped() throws Exception {
        Map<String, Metrics.ClassMetrics> perClass = new LinkedHashMap<>();
        perClass.put(NASTY, new Metrics.ClassMetrics(0.5, 0.5, 0.5, 10));
        perClass.put("ok", new Metrics.ClassMetrics(0.9, 0.9, 0.9, 30));
        ValidationReport base = ReportFixtures.creditReport(List.of());
        ValidationReport report = new ValidationReport(
                base.schemaVersion(),
                "model" + NASTY,
                base.modelSha256(),
                base.algorithm(),
                base.validatedAt(),
                base.evaluation(),
                NASTY,
                base.classType(),
                NASTY,
                base.metrics(),
                perClass,
                new Metrics.ConfusionMatrix(List.of(NASTY, "ok"), List.of(List.of(5.0, 5.0), List.of(3.0, 27.0))),
                List.<Verdict.ThresholdResult>of(),
                false,
                true);
        Curves curves = new Curves(1, "m", NASTY, curves().candidate(), null);

        String html = HtmlReport.render(report, curves, null, HtmlReport.History.none("nothing " + NASTY));

        assertThat(html).doesNotContain(NASTY).doesNotContain("<b>");
        assertThat(html).contains("&lt;b&gt;&amp;&quot;&#39;");
        assertThat(parse(html).getElementsByTagName("svg").getLength()).isEqualTo(4);
        assertThat(html).contains("NO GATE").contains("No history: nothing");
    }

    @Test
    void withoutCurvesOrHistoryTheReportSaysSo() {
        String html = HtmlReport.render(
                ReportFixtures.creditReport(List.of()), null, null, HtmlReport.History.none("no registry"));

        assertThat(html)
                .contains("No curves")
                .contains("No history: no registry")
                .doesNotContain("roc-chart");
    }
}
