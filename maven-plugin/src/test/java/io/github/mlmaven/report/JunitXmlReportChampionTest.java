package io.github.mlmaven.report;

import static io.github.mlmaven.report.ChampionReportFixtures.compared;
import static io.github.mlmaven.report.ChampionReportFixtures.noProductionYet;
import static io.github.mlmaven.report.ChampionReportFixtures.notSignificant;
import static io.github.mlmaven.report.ChampionReportFixtures.precisionUndefinedBreach;
import static io.github.mlmaven.report.ChampionReportFixtures.recallDropAllowed;
import static io.github.mlmaven.report.ChampionReportFixtures.recallDropBreach;
import static io.github.mlmaven.report.ReportFixtures.accuracyMet;
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

/** The JUnit XML of a validation against production: one test case per champion rule, after the thresholds. */
class JunitXmlReportChampionTest {

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
    void eachChampionRuleIsATestCaseAfterTheThresholds() throws Exception {
        // when
        Document doc =
                parse(JunitXmlReport.render(compared(List.of(accuracyMet()), recallDropBreach(), notSignificant())));

        // then
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(elements(doc, "testcase"))
                .extracting(e -> e.getAttribute("name"))
                .containsExactly(
                        "accuracy >= 0.7", "champion maxDrop recall 0.02", "champion significance mcnemar 0.05");
    }

    @Test
    void breachedChampionRuleIsAChampionBreachFailureNamingProductionTheDropAndTheBound() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(compared(List.of(accuracyMet()), recallDropBreach())));

        // then
        assertThat(elements(doc, "failure")).singleElement().satisfies(f -> {
            assertThat(((Element) f.getParentNode()).getAttribute("name")).isEqualTo("champion maxDrop recall 0.02");
            assertThat(f.getAttribute("type")).isEqualTo("ChampionBreach");
            assertThat(f.getAttribute("message"))
                    .contains("against production 1.3.0")
                    .contains("recall")
                    .contains("0.0625")
                    .contains("0.02");
            assertThat(f.getTextContent()).isEqualTo(f.getAttribute("message"));
        });
    }

    @Test
    void passedChampionRuleIsAPassingCase() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(compared(List.of(), recallDropAllowed(), notSignificant())));

        // then
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(elements(doc, "failure")).isEmpty();
        assertThat(elements(doc, "skipped")).isEmpty();
    }

    @Test
    void championRulesAloneAreAGateAndNothingIsSkipped() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(compared(List.of(), recallDropBreach())));

        // then
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    }

    @Test
    void withoutAProductionVersionOrThresholdsTheGateIsSkipped() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(noProductionYet(List.of())));

        // then
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(elements(doc, "testcase"))
                .extracting(e -> e.getAttribute("name"))
                .containsExactly("gate");
    }

    @Test
    void undefinedDropIsStillAFailure() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(compared(List.of(), precisionUndefinedBreach())));

        // then
        assertThat(elements(doc, "failure"))
                .singleElement()
                .satisfies(f -> assertThat(f.getAttribute("message")).contains("precision"));
    }

    @Test
    void undefinedDropIsCalledUndefinedNotNull() throws Exception {
        // when
        Document doc = parse(JunitXmlReport.render(compared(List.of(), precisionUndefinedBreach())));

        // then
        assertThat(elements(doc, "failure"))
                .singleElement()
                .satisfies(f -> assertThat(f.getAttribute("message"))
                        .contains("undefined")
                        .doesNotContain("null"));
    }
}
