package io.github.mlmaven.report;

import static io.github.mlmaven.report.ReportFixtures.accuracyMet;
import static io.github.mlmaven.report.ReportFixtures.creditReport;
import static io.github.mlmaven.report.ReportFixtures.precisionUndefined;
import static io.github.mlmaven.report.ReportFixtures.recallBreach;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    @Test
    void eachThresholdIsATestCaseAndABreachIsAFailureWithActualAndBound() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(creditReport(List.of(accuracyMet(), recallBreach()))));

        // then
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("ml.credit");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(elements(doc, "testcase"))
                .extracting(e -> e.getAttribute("name"))
                .containsExactly("accuracy >= 0.7", "recall >= 0.8");
        List<Element> failures = elements(doc, "failure");
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(((Element) f.getParentNode()).getAttribute("name")).isEqualTo("recall >= 0.8");
            assertThat(f.getAttribute("message")).contains("0.421875").contains(">= 0.8");
            assertThat(f.getTextContent()).contains("0.421875");
        });
    }

    @Test
    void undefinedMetricIsAFailureThatSaysSo() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(creditReport(List.of(precisionUndefined()))));

        // then
        assertThat(elements(doc, "failure"))
                .singleElement()
                .satisfies(f -> assertThat(f.getAttribute("message"))
                        .contains("precision")
                        .contains("undefined"));
    }

    @Test
    void withoutThresholdsOneSkippedCaseSaysNoGateIsSet() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(creditReport(List.of())));

        // then
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("1");
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(elements(doc, "skipped"))
                .singleElement()
                .satisfies(s -> assertThat(s.getAttribute("message")).contains("no thresholds"));
        assertThat(elements(doc, "failure")).isEmpty();
    }

    @Test
    void modelNameWithMarkupCharactersStaysWellFormed() throws Exception {
        // given
        ValidationReport base = creditReport(List.of(recallBreach()));
        ValidationReport odd = new ValidationReport(
                base.schemaVersion(),
                "a<b>&\"c\"",
                base.modelSha256(),
                base.algorithm(),
                base.validatedAt(),
                base.evaluation(),
                base.classAttribute(),
                base.classType(),
                base.positiveClass(),
                base.metrics(),
                base.perClass(),
                base.confusionMatrix(),
                base.thresholds(),
                base.gateConfigured(),
                base.passed());

        // when
        Document doc = parse(JunitXmlReport.render(odd));

        // then
        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo("ml.a<b>&\"c\"");
    }
}
