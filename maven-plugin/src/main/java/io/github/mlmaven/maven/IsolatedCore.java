package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.common.Urls;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Runs the core in a class loader of its own: the plugin's jars (the core, Weka and the libraries they use) followed by
 * the project's runtime classpath. Weka resolves the class names in an option string through its own class loader, so
 * the project's classes (a custom filter) must sit beside Weka. One loader serves the goals of one build that share a
 * classpath (ml:train then ml:validate load Weka once); another module's classpath, or a later build of a long-lived
 * Maven process, gets a fresh one, so no module's classes reach another's, which a shared plugin realm would not ensure.
 */
final class IsolatedCore {
    private final ClassLoader pluginRealm;

    IsolatedCore(ClassLoader pluginRealm) {
        this.pluginRealm = pluginRealm;
    }

    /**
     * Runs one step of the core: {@code call} receives the core's {@link CoreGoals}, created once per loader.
     * {@code build} identifies the build (its Maven session): loaders are shared within a build only.
     *
     * @param step the step's name, for the message of a defect
     */
    <T> Outcome<T> run(String step, Function<CoreGoals, Outcome<T>> call, List<Path> projectClasspath, Object build)
            throws MojoExecutionException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        Lease lease = Loaders.acquire(build, urls(projectClasspath), pluginRealm);
        try {
            thread.setContextClassLoader(lease.loader());
            return call.apply(lease.goals());
        } catch (RuntimeException | Error e) {
            // a defect of the core: the outcomes carry every failure the user can act on
            throw new MojoExecutionException(
                    "ml:" + step + " failed unexpectedly: " + Urls.redactAll(String.valueOf(e)), e);
        } finally {
            thread.setContextClassLoader(previous);
            Loaders.release(lease);
        }
    }

    /** The core's goals in {@code loader}: the one class the Maven layer names, instantiated reflectively. */
    private static CoreGoals goals(CoreClassLoader loader) throws MojoExecutionException {
        try {
            return (CoreGoals)
                    loader.loadClass(CoreGoals.IMPLEMENTATION).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new MojoExecutionException("cannot start the core of ml-maven-plugin: " + e, e);
        }
    }

    private record Lease(Key key, CoreClassLoader loader, CoreGoals goals) {}

    private record Key(Object build, List<URL> urls) {
        @Override
        public boolean equals(Object other) {
            // the same build object, not an equal one: a daemon's next build must not inherit this one's classes
            return other instanceof Key key && key.build == build && key.urls.equals(urls);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(build) * 31 + urls.hashCode();
        }
    }

    /**
     * The loaders of the current build, counted in use so that a parallel build (-T) never has one closed under it.
     * At most {@link #KEEP} idle loaders stay open; a new build closes the previous build's idle loaders (a busy one is
     * closed when its last step ends).
     */
    private static final class Loaders {
        static final int KEEP = 2;
        private static final Map<Key, Entry> ENTRIES = new java.util.LinkedHashMap<>();
        private static Object currentBuild;

        private static final class Entry {
            final CoreClassLoader loader;
            final CoreGoals goals;
            int users;
            boolean retired;

            Entry(CoreClassLoader loader, CoreGoals goals) {
                this.loader = loader;
                this.goals = goals;
            }
        }

        static synchronized Lease acquire(Object build, URL[] urls, ClassLoader pluginRealm)
                throws MojoExecutionException {
            if (currentBuild != build) {
                currentBuild = build;
                for (Entry entry : List.copyOf(ENTRIES.values())) {
                    entry.retired = true;
                }
                closeIdle(0);
            }
            Key key = new Key(build, List.of(urls));
            Entry entry = ENTRIES.remove(key); // re-inserted last: the order is least recently used first
            if (entry == null) {
                CoreClassLoader loader = new CoreClassLoader(urls, pluginRealm);
                try {
                    entry = new Entry(loader, goals(loader));
                } catch (MojoExecutionException e) {
                    closeQuietly(loader);
                    throw e;
                }
            }
            ENTRIES.put(key, entry);
            entry.users++;
            closeIdle(KEEP);
            return new Lease(key, entry.loader, entry.goals);
        }

        static synchronized void release(Lease lease) {
            Entry entry = ENTRIES.get(lease.key());
            if (entry == null || entry.loader != lease.loader()) {
                return;
            }
            entry.users--;
            if (entry.retired) {
                closeIdle(0);
            }
        }

        /** Closes idle loaders, oldest first, until at most {@code keep} remain (retired ones always go). */
        private static void closeIdle(int keep) {
            var iterator = ENTRIES.entrySet().iterator();
            int open = ENTRIES.size();
            while (iterator.hasNext()) {
                Entry entry = iterator.next().getValue();
                if (entry.users == 0 && (entry.retired || open > keep)) {
                    iterator.remove();
                    open--;
                    closeQuietly(entry.loader);
                }
            }
        }

        private static void closeQuietly(CoreClassLoader loader) {
            try {
                loader.close();
            } catch (IOException e) {
                // nothing holds it any more; the jars are closed when it is collected
            }
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
}
