package io.github.mlmaven.report;

import static io.github.mlmaven.report.HtmlReport.esc;

import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.evaluation.slice.SliceReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The slices of validation.json as summary.md, report.html and the console show them: one row per slice with its rows,
 * status and the metrics that matter (those the slice rules and thresholds name, then the key metrics, five at most),
 * and each slice rule's outcome in words.
 */
public final class SliceSection {
    private static final int MAX_COLUMNS = 5;

    private SliceSection() {}

    /** A slice rule's outcome in words: "slice channel=atm: recall = 0.4100 (required >= 0.6)". */
    public static String describe(SliceReport.RuleResult rule) {
        return describe(rule, "", "");
    }

    /** {@link #describe(SliceReport.RuleResult)} with the slice's name and the elements quoted for Markdown. */
    static String describeInMarkdown(SliceReport.RuleResult rule) {
        return describe(rule, "`", "`");
    }

    private static String describe(SliceReport.RuleResult rule, String open, String close) {
        String slice = "slice " + open + rule.slice() + close;
        String required = "(required " + rule.comparator() + " " + rule.bound() + ")";
        return switch (rule.status()) {
            case SliceReport.MISSING ->
                slice + " has no rows in the evaluated data, so " + rule.metric()
                        + " cannot be judged " + required
                        + (rule.passed()
                                ? ": allowed by " + open + "<allowMissingSlices>" + close
                                : "; allow it with " + open + "<allowMissingSlices>" + close);
            case SliceReport.TOO_SMALL ->
                slice + " has only " + rule.rows() + " rows, fewer than " + open + "<minSliceSize>" + close + ": "
                        + rule.metric() + " is not judged " + required;
            default ->
                rule.actual() == null
                        ? slice + ": " + rule.metric() + " is undefined " + required
                        : String.format(Locale.ROOT, "%s: %s = %.4f %s", slice, rule.metric(), rule.actual(), required);
        };
    }

    /** The metrics the slice table shows, in this order. */
    static List<String> columns(ValidationReport report) {
        Set<String> columns = new LinkedHashSet<>();
        report.slices().rules().forEach(r -> columns.add(r.metric()));
        report.thresholds().forEach(t -> columns.add(t.metric()));
        for (String m : MetricName.keyMetrics()) {
            if (columns.size() >= MAX_COLUMNS) {
                break;
            }
            if (report.metrics().containsKey(m)) {
                columns.add(m);
            }
        }
        return new ArrayList<>(columns);
    }

    /** summary.md's slice table and rules; nothing without slices. */
    static void markdown(StringBuilder md, ValidationReport report) {
        SliceReport slices = report.slices();
        if (slices == null) {
            return;
        }
        List<String> columns = columns(report);
        md.append("\nSlices (judged from ")
                .append(slices.minSliceSize())
                .append(" rows):\n\n| slice | rows | status |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|---:|---|");
        columns.forEach(c -> md.append("---:|"));
        md.append('\n');
        for (SliceReport.SliceResult s : slices.slices()) {
            // in backticks: a value may hold Markdown or HTML; a bar would still end the cell
            md.append("| `")
                    .append(s.name().replace("|", "\\|"))
                    .append("` | ")
                    .append(s.rows())
                    .append(" | ")
                    .append(s.status())
                    .append(" |");
            columns.forEach(c -> md.append(' ')
                    .append(SummaryMarkdown.format(s.metrics().get(c)))
                    .append(" |"));
            md.append('\n');
        }
        if (!slices.rules().isEmpty()) {
            md.append("\nSlice rules:\n\n");
            for (SliceReport.RuleResult r : slices.rules()) {
                md.append("- ")
                        .append(mark(r))
                        .append(' ')
                        .append(describeInMarkdown(r))
                        .append('\n');
            }
        }
    }

    private static String mark(SliceReport.RuleResult r) {
        if (!r.passed()) {
            return "❌";
        }
        return "pass".equals(r.status()) ? "✅" : "⚠️";
    }

    /** report.html's slice section; nothing without slices. */
    public static void html(StringBuilder h, ValidationReport report) {
        SliceReport slices = report.slices();
        if (slices == null) {
            return;
        }
        List<String> columns = columns(report);
        h.append("<section id=\"slices\"><h2>Slices</h2>\n<p class=\"note\">Every metric per slice, judged from ")
                .append(slices.minSliceSize())
                .append(" rows; validation.json has them all.</p>\n");
        h.append("<table><thead><tr><th>slice</th><th>rows</th><th>status</th>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (SliceReport.SliceResult s : slices.slices()) {
            h.append("<tr><td><code>")
                    .append(esc(s.name()))
                    .append("</code></td><td class=\"num\">")
                    .append(s.rows())
                    .append("</td><td>")
                    .append(esc(s.status()))
                    .append("</td>");
            columns.forEach(c -> h.append("<td class=\"num\">")
                    .append(esc(SummaryMarkdown.format(s.metrics().get(c))))
                    .append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
        if (!slices.rules().isEmpty()) {
            h.append("<ul class=\"slice-rules\">\n");
            for (SliceReport.RuleResult r : slices.rules()) {
                h.append("<li>")
                        .append(
                                !r.passed()
                                        ? "<span class=\"fail\">BREACH</span> "
                                        : "pass".equals(r.status())
                                                ? "<span class=\"pass\">pass</span> "
                                                : "<span class=\"note\">" + esc(r.status()) + "</span> ")
                        .append(esc(describe(r)))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }
}
