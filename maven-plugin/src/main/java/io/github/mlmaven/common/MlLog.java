package io.github.mlmaven.common;

/** The few log levels the core uses; the Maven layer adapts its own Log to this. */
public interface MlLog {
    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A log that drops everything, for tests and library use. */
    MlLog SILENT = new MlLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
    };
}
