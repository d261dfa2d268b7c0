import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a results file of the benchmarks as an SVG bar chart: for each job, the wall time and the peak RSS of `mvn
 * ml:train ml:validate` beside Weka's CLI (benchmarks/target/results.tsv, written by benchmarks/run.sh) or beside
 * scikit-learn and Weka's CLI (benchmarks/target/sklearn-results.tsv, written by benchmarks/sklearn/compare.sh). The
 * series are the columns the file has ({@code <series>_wall_s}, {@code <series>_rss_mb}); an empty cell (a run without
 * the CLI) draws no bar. The last line per job wins.
 *
 * <pre>java benchmarks/chart/Chart.java benchmarks/target/results.tsv docs/performance.svg
 * java benchmarks/chart/Chart.java benchmarks/target/sklearn-results.tsv docs/sklearn.svg</pre>
 */
public class Chart {
    record Series(String column, String name, String colour) {}

    record Job(String label, double[] wall, double[] rss) {}

    static final List<Series> ALL_SERIES = List.of(
            new Series("plugin", "mvn ml:train ml:validate", "#2b6cb0"),
            new Series("sklearn", "scikit-learn", "#dd6b20"),
            new Series("cli", "Weka 3.8.7 CLI", "#a0aec0"));

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        List<Series> series = new ArrayList<>();
        for (Series s : ALL_SERIES) {
            if (header.contains(s.column + "_wall_s")) {
                series.add(s);
            }
        }
        String jobColumn = header.contains("classifier") ? "classifier" : "job";
        Map<String, Job> jobs = new LinkedHashMap<>();
        String versions = "";
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String options = f[header.indexOf("options")];
            String evaluation = header.contains("evaluation") ? ", " + f[header.indexOf("evaluation")] : "";
            String label = f[header.indexOf(jobColumn)] + (options.isEmpty() ? "" : " " + options) + ", "
                    + rows(f[header.indexOf("rows")]) + evaluation
                    + ("csv".equals(f[header.indexOf("format")]) ? " (csv)" : "");
            double[] wall = new double[series.size()];
            double[] rss = new double[series.size()];
            for (int s = 0; s < series.size(); s++) {
                wall[s] = value(f[header.indexOf(series.get(s).column + "_wall_s")]);
                rss[s] = value(f[header.indexOf(series.get(s).column + "_rss_mb")]);
            }
            if (header.contains("versions")) {
                versions = f[header.indexOf("versions")];
            }
            jobs.remove(label);
            jobs.put(label, new Job(label, wall, rss));
        }
        List<Job> list = new ArrayList<>(jobs.values());
        int barHeight = 12, barStep = 13;
        int labelWidth = 250, panel = 330, gap = 40, rowHeight = series.size() * barStep + 8, top = 50;
        int width = labelWidth + 2 * panel + gap + 20;
        int height = top + list.size() * rowHeight + (versions.isEmpty() ? 40 : 60);
        double maxWall = list.stream().flatMapToDouble(j -> Arrays.stream(j.wall)).filter(v -> !Double.isNaN(v))
                .max().orElse(1);
        double maxRss = list.stream().flatMapToDouble(j -> Arrays.stream(j.rss)).filter(v -> !Double.isNaN(v))
                .max().orElse(1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", width, height));
        text(svg, labelWidth, 20, "wall time (s), lower is better", "bold");
        text(svg, labelWidth + panel + gap, 20, "peak RSS (MB), lower is better", "bold");
        legend(svg, labelWidth, 36, series);
        for (int i = 0; i < list.size(); i++) {
            Job job = list.get(i);
            int y = top + i * rowHeight;
            text(svg, 5, y + rowHeight / 2 + 2, job.label, "normal");
            for (int s = 0; s < series.size(); s++) {
                String colour = series.get(s).colour;
                bar(svg, labelWidth, y + 2 + s * barStep, barHeight, (panel - 60) * job.wall[s] / maxWall, colour,
                        job.wall[s], "%.1f");
                bar(svg, labelWidth + panel + gap, y + 2 + s * barStep, barHeight, (panel - 60) * job.rss[s] / maxRss,
                        colour, job.rss[s], "%.0f");
            }
        }
        if (!versions.isEmpty()) {
            text(svg, 5, height - 15, versions, "normal");
        }
        svg.append("</svg>\n");
        Files.writeString(Path.of(args[1]), svg);
    }

    static double value(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    static String rows(String rows) {
        long n = Long.parseLong(rows);
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M rows" : n % 1000 == 0 ? n / 1000 + "k rows" : n + " rows";
    }

    static void bar(StringBuilder svg, int x, int y, int height, double length, String colour, double value,
            String format) {
        if (Double.isNaN(value)) {
            return;
        }
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", x, y, Math.max(1, length),
                height, colour));
        text(svg, (int) (x + Math.max(1, length) + 4), y + 10, String.format(Locale.ROOT, format, value), "normal");
    }

    static void legend(StringBuilder svg, int x, int y, List<Series> series) {
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>\n", x, y - 9, s.colour));
            text(svg, x + 16, y, s.name, "normal");
            x += 30 + 7 * s.name.length();
        }
    }

    static void text(StringBuilder svg, int x, int y, String text, String weight) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>\n", x, y, weight,
                text.replace("&", "&amp;").replace("<", "&lt;")));
    }
}
