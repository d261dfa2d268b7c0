package io.github.mlmaven.monitoring.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A body in the Prometheus text exposition format (version 0.0.4): per metric family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, each line ending in a newline. Label values and help texts are escaped as the
 * format requires.
 */
public final class TextExposition {
    /** The Content-Type of the body. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, Family> families = new LinkedHashMap<>();

    private record Family(String help, List<String> samples) {}

    /** Declares gauge {@code name}; samples are added with {@link #sample}. */
    public TextExposition gauge(String name, String help) {
        families.computeIfAbsent(name, n -> new Family(help, new ArrayList<>()));
        return this;
    }

    /** Adds a sample of a declared family; labels in the order given, NaN and infinities spelled as the format does. */
    public TextExposition sample(String name, Map<String, String> labels, double value) {
        Family family = families.get(name);
        if (family == null) {
            throw new IllegalArgumentException("metric family " + name + " is not declared");
        }
        StringBuilder line = new StringBuilder(name);
        if (!labels.isEmpty()) {
            line.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                line.append(label.getKey())
                        .append("=\"")
                        .append(escapeLabelValue(label.getValue()))
                        .append('"');
            }
            line.append('}');
        }
        line.append(' ').append(format(value));
        family.samples().add(line.toString());
        return this;
    }

    /** The body; families without samples are left out. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Family> entry : families.entrySet()) {
            if (entry.getValue().samples().isEmpty()) {
                continue;
            }
            out.append("# HELP ")
                    .append(entry.getKey())
                    .append(' ')
                    .append(escapeHelp(entry.getValue().help()))
                    .append('\n');
            out.append("# TYPE ").append(entry.getKey()).append(" gauge\n");
            for (String sample : entry.getValue().samples()) {
                out.append(sample).append('\n');
            }
        }
        return out.toString();
    }

    /** Backslash, double quote and line feed, escaped as {@code \\}, {@code \"} and {@code \n}. */
    public static String escapeLabelValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Backslash and line feed, escaped as {@code \\} and {@code \n}. */
    public static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
