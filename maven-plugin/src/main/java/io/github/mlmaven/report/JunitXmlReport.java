package io.github.mlmaven.report;

import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.evaluation.slice.SliceReport;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * TEST-ml-&lt;modelName&gt;.xml in the JUnit XML format that CI test reporters read: one test case per threshold; a breach
 * is a failure that states the actual value and the bound. Without thresholds, one skipped case says no gate is set.
 * Each slice rule is a case too, named {@code slice channel=atm recall >= 0.6}.
 */
public final class JunitXmlReport {
    private JunitXmlReport() {}

    public static String render(ValidationReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            String suite = "ml." + report.modelName();
            List<ChampionGate.RuleResult> championRules =
                    report.champion() == null ? List.of() : report.champion().rules();
            List<SliceReport.RuleResult> sliceRules =
                    report.slices() == null ? List.of() : report.slices().rules();
            int tests = Math.max(1, report.thresholds().size() + championRules.size() + sliceRules.size());
            long failures =
                    report.thresholds().stream().filter(t -> !t.passed()).count()
                            + championRules.stream().filter(r -> !r.passed()).count()
                            + sliceRules.stream().filter(r -> !r.passed()).count();
            boolean noGate = report.thresholds().isEmpty() && championRules.isEmpty() && sliceRules.isEmpty();
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            long skipped = (noGate ? 1 : 0)
                    + sliceRules.stream()
                            .filter(r -> r.passed() && !"pass".equals(r.status()))
                            .count();
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeAttribute("timestamp", report.validatedAt());
            xml.writeCharacters("\n");
            if (noGate) {
                testCase(xml, suite, "gate");
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", "no thresholds configured");
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            for (Verdict.ThresholdResult t : report.thresholds()) {
                testCase(xml, suite, t.metric() + " " + t.comparator() + " " + t.bound());
                if (!t.passed()) {
                    String message = t.actual() == null
                            ? t.metric() + " is undefined on this data, so it cannot meet " + t.comparator() + " "
                                    + t.bound()
                            : String.format(
                                    Locale.ROOT,
                                    "%s is %.6f, which breaches the bound %s %s",
                                    t.metric(),
                                    t.actual(),
                                    t.comparator(),
                                    t.bound());
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", message);
                    xml.writeAttribute("type", "ThresholdBreach");
                    xml.writeCharacters(message);
                    xml.writeEndElement();
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(String.format(Locale.ROOT, "%s = %.6f", t.metric(), t.actual()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            for (ChampionGate.RuleResult rule : championRules) {
                testCase(xml, suite, "champion " + rule.rule() + " " + rule.metric() + " " + rule.bound());
                if (!rule.passed()) {
                    String message = "against production " + report.champion().version() + ": "
                            + ("significance".equals(rule.rule())
                                    ? String.format(
                                            Locale.ROOT,
                                            "McNemar's test finds the candidate significantly worse (p = %.4g < %s)",
                                            rule.actual(),
                                            rule.bound())
                                    : rule.actual() == null
                                            ? rule.metric() + " is undefined, so its drop cannot be within "
                                                    + rule.bound()
                                            : String.format(
                                                    Locale.ROOT,
                                                    "%s drops by %.6f, more than the allowed %s",
                                                    rule.metric(),
                                                    rule.actual(),
                                                    rule.bound()));
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", message);
                    xml.writeAttribute("type", "ChampionBreach");
                    xml.writeCharacters(message);
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            for (SliceReport.RuleResult rule : sliceRules) {
                sliceCase(xml, suite, rule);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML failed", e);
        }
        return out + "\n";
    }

    /**
     * A slice rule: a breach (or a slice missing from the data, unless allowed) is a failure; a slice too small to
     * judge, or allowed to be missing, is skipped with the reason.
     */
    private static void sliceCase(XMLStreamWriter xml, String suite, SliceReport.RuleResult rule)
            throws XMLStreamException {
        testCase(
                xml,
                suite,
                "slice " + rule.slice() + " " + rule.metric() + " " + rule.comparator() + " " + rule.bound());
        String message = SliceSection.describe(rule);
        if (!rule.passed()) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", message);
            xml.writeAttribute("type", SliceReport.MISSING.equals(rule.status()) ? "SliceMissing" : "SliceBreach");
            xml.writeCharacters(message);
            xml.writeEndElement();
        } else if (!"pass".equals(rule.status())) {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", message);
        } else {
            xml.writeStartElement("system-out");
            xml.writeCharacters(message);
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void testCase(XMLStreamWriter xml, String suite, String name) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", name);
        xml.writeAttribute("time", "0");
    }
}
