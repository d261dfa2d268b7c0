package io.github.mlmaven.maven;

import io.github.mlmaven.workflow.GoalLauncher;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs the core in a class loader of its own for one goal execution: the plugin's jars (the core, Weka and the
 * libraries they use) followed by the project's runtime classpath. Weka resolves the class names in an option string
 * through its own class loader, so the project's classes (a custom filter) must sit beside Weka; a fresh loader per
 * execution keeps one module's classes out of the next module's build and out of later builds of a long-lived Maven
 * process, which a shared plugin realm would not.
 */
final class IsolatedCore {
    private final ClassLoader pluginRealm;
    private final Log log;

    IsolatedCore(ClassLoader pluginRealm, Log log) {
        this.pluginRealm = pluginRealm;
        this.log = log;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> launch(String goal, Map<String, Object> parameters, List<Path> projectClasspath)
            throws MojoExecutionException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (CoreClassLoader loader = new CoreClassLoader(urls(projectClasspath), pluginRealm)) {
            thread.setContextClassLoader(loader);
            Class<?> launcher = loader.loadClass(GoalLauncher.class.getName());
            Method launch = launcher.getMethod("launch", String.class, Map.class, BiConsumer.class);
            BiConsumer<String, String> sink = (level, message) -> {
                switch (level) {
                    case "warn" -> log.warn(message);
                    case "debug" -> log.debug(message);
                    default -> log.info(message);
                }
            };
            return (Map<String, String>) launch.invoke(null, goal, parameters, sink);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new MojoExecutionException("ml:" + goal + " failed unexpectedly: " + cause, cause);
        } catch (ReflectiveOperationException | IOException e) {
            throw new MojoExecutionException("cannot start the core of ml-maven-plugin: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private URL[] urls(List<Path> projectClasspath) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        if (pluginRealm instanceof URLClassLoader realm) {
            urls.addAll(List.of(realm.getURLs()));
        } else {
            throw new MojoExecutionException("the plugin's class loader is not a URLClassLoader: " + pluginRealm);
        }
        for (Path element : projectClasspath) {
            if (isWekaJar(element)) {
                continue; // the plugin's own Weka comes first and wins; a second copy would only confuse
            }
            try {
                urls.add(element.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("invalid classpath element " + element, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static boolean isWekaJar(Path element) {
        String name = element.getFileName().toString();
        return name.startsWith("weka-stable-") || name.startsWith("weka-dev-");
    }

    /**
     * Parent-last for everything but the JDK and SLF4J: SLF4J's API comes from Maven (JGit logs through it), the rest
     * from this loader's own jars.
     */
    private static final class CoreClassLoader extends URLClassLoader {
        private final ClassLoader pluginRealm;

        CoreClassLoader(URL[] urls, ClassLoader pluginRealm) {
            super("ml-maven-plugin-core", urls, ClassLoader.getPlatformClassLoader());
            this.pluginRealm = pluginRealm;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.slf4j.")) {
                return pluginRealm.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
