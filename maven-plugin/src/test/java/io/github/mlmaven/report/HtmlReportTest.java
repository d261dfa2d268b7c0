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
                ChampionReportFixtures.compared(
                        List.of(ReportFixtures.recallBreach()), ChampionReportFixtures.recallDropBreach()),
                curves(),
                null,
                history());

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
        assertThat(html)
                .contains("Champion rules: recall may drop by at most 0.02: it dropped by 0.0625: "
                        + "<span class=\"fail\">BREACH</span>");
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

    @Test
    void chartsTakeThePageWidthAndKeepTheirProportions() throws Exception {
        String html = HtmlReport.render(
                ChampionReportFixtures.compared(List.of(ReportFixtures.recallBreach())), curves(), null, history());

        NodeList svgs = parse(html).getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            var attributes = svgs.item(i).getAttributes();
            assertThat(attributes.getNamedItem("width").getNodeValue()).isEqualTo("100%");
            assertThat(attributes.getNamedItem("viewBox").getNodeValue()).matches("0 0 \\d+ \\d+");
            assertThat(attributes.getNamedItem("height")).isNull();
        }
        assertThat(html).contains("svg.chart { background: #fff; font-size: 12px; width: 100%; height: auto;");
    }

    @Test
    void thePrecisionRecallChartDrawsThePositiveClassShareAsItsChanceLine() {
        // given 64 of 200 evaluated rows are bad
        ValidationReport report = withMatrix(
                ReportFixtures.creditReport(List.of()),
                new Metrics.ConfusionMatrix(
                        List.of("good", "bad"), List.of(List.of(116.0, 20.0), List.of(37.0, 27.0))));

        // when
        String html = HtmlReport.render(report, curves(), null, history());

        // then a dashed horizontal line at 0.32 in the PR chart, named in its legend
        String pr =
                html.substring(html.indexOf("<svg id=\"pr-chart\""), html.indexOf("</svg>", html.indexOf("pr-chart")));
        assertThat(pr).contains("chance (share of bad: 0.320)");
        assertThat(HtmlReport.positiveShare(report, "bad")).isEqualTo(0.32);
        // the plot is 280 high from y = 24: precision 0.32 sits at 24 + 280 * 0.68
        assertThat(pr).contains("points=\"56.0,214.4 436.0,214.4\"");
    }

    @Test
    void theHistoryAxisIsScaledToTheData() {
        // versions between 0.70 and 0.84 are not squeezed into a 0..1 axis
        assertThat(HistorySection.axisRange(0.70, 0.84)).containsExactly(0.65, 0.9);
        // one value, or values that equal, still get a visible range
        assertThat(HistorySection.axisRange(0.5, 0.5)).containsExactly(0.45, 0.55);
        // kept within 0..1 for metrics that live there, free outside it (mcc, r2)
        assertThat(HistorySection.axisRange(0.96, 1.0)).containsExactly(0.9, 1.0);
        assertThat(HistorySection.axisRange(-0.3, 0.4)[0]).isLessThan(-0.3);

        String html = HtmlReport.render(ReportFixtures.creditReport(List.of()), null, null, history());
        String chart = html.substring(html.indexOf("<svg id=\"history-chart\""));
        assertThat(chart).contains(">0.65</text>").doesNotContain(">0.00</text>");
    }

    @Test
    void eachClassDistributionSaysWhichRowsItCounts() {
        String html = HtmlReport.render(ReportFixtures.creditReport(List.of()), null, null, history());

        assertThat(html).contains("<h3>Class distribution of the evaluated rows: the test data</h3>");
        assertThat(HtmlReport.evaluatedRows(withMethod("holdout"))).isEqualTo("the 25% holdout of the training data");
        assertThat(HtmlReport.evaluatedRows(withMethod("cv")))
                .isEqualTo("10-fold cross-validation over the training data (each row predicted once)");
    }

    private static ValidationReport withMethod(String method) {
        ValidationReport base = ReportFixtures.creditReport(List.of());
        ValidationReport.EvaluationInfo e = base.evaluation();
        return new ValidationReport(
                base.schemaVersion(),
                base.modelName(),
                base.modelSha256(),
                base.algorithm(),
                base.validatedAt(),
                new ValidationReport.EvaluationInfo(method, e.rows(), 10, 25, 1, e.data()),
                base.classAttribute(),
                base.classType(),
                base.positiveClass(),
                base.metrics(),
                base.perClass(),
                base.confusionMatrix(),
                base.thresholds(),
                base.gateConfigured(),
                base.passed());
    }

    private static ValidationReport withMatrix(ValidationReport base, Metrics.ConfusionMatrix matrix) {
        return new ValidationReport(
                base.schemaVersion(),
                base.modelName(),
                base.modelSha256(),
                base.algorithm(),
                base.validatedAt(),
                base.evaluation(),
                base.classAttribute(),
                base.classType(),
                base.positiveClass(),
                base.metrics(),
                base.perClass(),
                matrix,
                base.thresholds(),
                base.gateConfigured(),
                base.passed());
    }
}
