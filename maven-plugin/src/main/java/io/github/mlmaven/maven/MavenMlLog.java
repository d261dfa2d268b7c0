package io.github.mlmaven.maven;

import io.github.mlmaven.common.MlLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts Maven's Log to the core's. */
final class MavenMlLog implements MlLog {
    private final Log log;

    MavenMlLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
