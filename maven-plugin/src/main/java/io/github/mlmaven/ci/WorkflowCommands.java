package io.github.mlmaven.ci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub's workflow commands ({@code ::error ...::message}), escaped as the runner unescapes them: in the message
 * {@code %}, CR and LF; in property values also {@code :} and {@code ,}. A command must start its own line of the
 * step's standard output, so these lines are printed directly, not through Maven's log.
 */
public final class WorkflowCommands {
    private WorkflowCommands() {}

    /** {@code ::error file=<file>,title=<title>::<message>}; null properties are left out. */
    public static String error(String file, String title, String message) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("file", file);
        properties.put("title", title);
        return command("error", properties, message);
    }

    /** {@code ::notice title=<title>::<message>}. */
    public static String notice(String title, String message) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("title", title);
        return command("notice", properties, message);
    }

    /** {@code ::warning title=<title>::<message>}. */
    public static String warning(String title, String message) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("title", title);
        return command("warning", properties, message);
    }

    static String command(String name, Map<String, String> properties, String message) {
        String props = properties.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + escapeProperty(e.getValue()))
                .collect(Collectors.joining(","));
        return "::" + name + (props.isEmpty() ? "" : " " + props) + "::" + escapeData(message);
    }

    /** Escapes a command's message: {@code %} as {@code %25}, CR as {@code %0D}, LF as {@code %0A}. */
    public static String escapeData(String text) {
        return text == null ? "" : text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value: as the message, and {@code :} as {@code %3A}, {@code ,} as {@code %2C}. */
    public static String escapeProperty(String text) {
        return escapeData(text).replace(":", "%3A").replace(",", "%2C");
    }
}
