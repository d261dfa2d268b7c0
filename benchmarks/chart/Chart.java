import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws benchmarks/target/results.tsv (written by benchmarks/run.sh) as an SVG bar chart: for each job, the wall time
 * and the peak RSS of `mvn ml:train ml:validate` beside Weka's CLI. The last line per job wins.
 *
 * <pre>java benchmarks/chart/Chart.java benchmarks/target/results.tsv docs/performance.svg</pre>
 */
public class Chart {
    record Job(String label, double pluginWall, double cliWall, double pluginRss, double cliRss) {}

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String options = f[header.indexOf("options")];
            String label = f[header.indexOf("classifier")] + (options.isEmpty() ? "" : " " + options) + ", "
                    + rows(f[header.indexOf("rows")]) + ", " + f[header.indexOf("evaluation")]
                    + ("csv".equals(f[header.indexOf("format")]) ? " (csv)" : "");
            jobs.remove(label);
            jobs.put(label, new Job(
                    label,
                    Double.parseDouble(f[header.indexOf("plugin_wall_s")]),
                    Double.parseDouble(f[header.indexOf("cli_wall_s")]),
                    Double.parseDouble(f[header.indexOf("plugin_rss_mb")]),
                    Double.parseDouble(f[header.indexOf("cli_rss_mb")])));
        }
        List<Job> list = new ArrayList<>(jobs.values());
        int labelWidth = 250, panel = 330, gap = 40, rowHeight = 34, top = 50;
        int width = labelWidth + 2 * panel + gap + 20;
        int height = top + list.size() * rowHeight + 40;
        double maxWall = list.stream().mapToDouble(j -> Math.max(j.pluginWall, j.cliWall)).max().orElse(1);
        double maxRss = list.stream().mapToDouble(j -> Math.max(j.pluginRss, j.cliRss)).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", width, height));
        text(svg, labelWidth, 20, "wall time (s), lower is better", "bold");
        text(svg, labelWidth + panel + gap, 20, "peak RSS (MB), lower is better", "bold");
        legend(svg, labelWidth, 36);
        for (int i = 0; i < list.size(); i++) {
            Job job = list.get(i);
            int y = top + i * rowHeight;
            text(svg, 5, y + 17, job.label, "normal");
            bars(svg, labelWidth, y, panel - 60, job.pluginWall, job.cliWall, maxWall, "%.1f");
            bars(svg, labelWidth + panel + gap, y, panel - 60, job.pluginRss, job.cliRss, maxRss, "%.0f");
        }
        svg.append("</svg>\n");
        Files.writeString(Path.of(args[1]), svg);
    }

    static String rows(String rows) {
        long n = Long.parseLong(rows);
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M rows" : n % 1000 == 0 ? n / 1000 + "k rows" : n + " rows";
    }

    static void bars(StringBuilder svg, int x, int y, int width, double plugin, double cli, double max, String format) {
        bar(svg, x, y + 2, width * plugin / max, "#2b6cb0", String.format(Locale.ROOT, format, plugin));
        bar(svg, x, y + 15, width * cli / max, "#a0aec0", String.format(Locale.ROOT, format, cli));
    }

    static void bar(StringBuilder svg, int x, int y, double length, String colour, String value) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>\n", x, y, Math.max(1, length), colour));
        text(svg, (int) (x + Math.max(1, length) + 4), y + 10, value, "normal");
    }

    static void legend(StringBuilder svg, int x, int y) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#2b6cb0\"/>\n", x, y - 9));
        text(svg, x + 16, y, "mvn ml:train ml:validate", "normal");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#a0aec0\"/>\n", x + 190, y - 9));
        text(svg, x + 206, y, "Weka 3.8.7 CLI", "normal");
    }

    static void text(StringBuilder svg, int x, int y, String text, String weight) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>\n", x, y, weight,
                text.replace("&", "&amp;").replace("<", "&lt;")));
    }
}
