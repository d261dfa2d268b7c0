package io.github.mlmaven.spark;

import io.github.mlmaven.common.MlLog;
import java.io.PrintStream;

/**
 * The driver's side of the stdout protocol: each message is one line {@code ml-spark:<level>:<text>}, which the plugin
 * shows in the Maven log at that level. Every other line of the driver's output goes to its log file, so a message
 * never spans lines: line breaks inside it become spaces.
 */
public final class DriverLog implements MlLog {
    static final String PREFIX = "ml-spark:";

    private final PrintStream out;

    public DriverLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void info(String message) {
        emit("info", message);
    }

    @Override
    public void warn(String message) {
        emit("warn", message);
    }

    @Override
    public void debug(String message) {
        emit("debug", message);
    }

    private void emit(String level, String message) {
        String oneLine = message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        // println of a PrintStream is synchronized: lines of the listener's thread and the main thread never mix
        out.println(PREFIX + level + ":" + oneLine);
        out.flush();
    }
}
