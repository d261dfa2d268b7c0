package io.github.mlmaven.testing;

import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.common.MlLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A log of the core ({@link MlLog}) or of a goal ({@link CoreLog}) that keeps every line, prefixed with its level, for
 * assertions on what the user is told.
 */
public final class RecordingLog implements MlLog, CoreLog {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        return String.join("\n", lines());
    }
}
