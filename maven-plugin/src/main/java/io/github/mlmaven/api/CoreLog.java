package io.github.mlmaven.api;

/** Where the core's messages go: the Maven log, in the Mojo. */
public interface CoreLog {
    void info(String message);

    void warn(String message);

    void error(String message);

    void debug(String message);
}
