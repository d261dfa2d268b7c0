package io.github.mlmaven.engine;

import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark needs on Java 17+ ({@code --add-opens} and the like), as Spark's own launcher lists them in
 * {@code org.apache.spark.launcher.JavaModuleOptions}: read from the driver's class path, so that they always match the
 * Spark version the driver runs, in a class loader thrown away at once, so no Spark class stays in Maven's JVM.
 */
final class SparkJvmFlags {
    static final String MODULE_OPTIONS = "org.apache.spark.launcher.JavaModuleOptions";

    private SparkJvmFlags() {}

    static List<String> of(List<Path> classpath) {
        return of(classpath, MODULE_OPTIONS);
    }

    /** @param className the class whose static {@code defaultModuleOptionArray()} (or {@code defaultModuleOptions()}) lists the flags */
    static List<String> of(List<Path> classpath, String className) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InvalidInputException(
                        "the Spark driver's class path entry " + entry + " is not a valid path");
            }
        }
        try (URLClassLoader loader =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> options = Class.forName(className, false, loader);
            try {
                Method array = options.getMethod("defaultModuleOptionArray");
                return List.copyOf(Arrays.asList((String[]) array.invoke(null)));
            } catch (NoSuchMethodException e) {
                String joined =
                        (String) options.getMethod("defaultModuleOptions").invoke(null);
                return Arrays.stream(joined.strip().split("\\s+"))
                        .filter(flag -> !flag.isEmpty())
                        .toList();
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidInputException("the Spark driver's class path (" + classpath.size() + " entries) has no "
                    + className + " (spark-launcher), so the JVM flags Spark needs on Java 17+ are unknown; the"
                    + " resolved io.github.mlmaven:ml-spark-driver must bring Spark with it: check its dependencies"
                    + " (mvn dependency:tree on it) and the repositories the build resolves from");
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new InvalidInputException(
                    className + " on the Spark driver's class path cannot list Spark's JVM flags (" + e
                            + "); the Spark version brought by io.github.mlmaven:ml-spark-driver does not fit this"
                            + " plugin version",
                    e);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot close the class loader over the Spark driver's class path: " + e, e);
        }
    }
}
