package io.github.mlmaven.engine;

/** Stands in for Spark's {@code JavaModuleOptions} in {@link SparkDriverProcessTest}: the same static methods. */
public final class FakeModuleOptions {
    private FakeModuleOptions() {}

    public static String[] defaultModuleOptionArray() {
        return new String[] {"-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED"};
    }
}
