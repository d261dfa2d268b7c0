package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens read-only connections for a {@link JdbcSpec}. The driver is found with {@link ServiceLoader} in the given
 * class loader (the plugin's, which holds the drivers of the plugin's {@code <dependencies>}): {@link
 * java.sql.DriverManager} only hands out drivers its caller's loader can see, which a child loader's are not.
 */
public final class JdbcConnector {
    /** URL prefix, then the driver to add for it: the databases docs/data-sources.md documents. */
    private static final String[][] KNOWN_DRIVERS = {
        {"jdbc:postgresql:", "org.postgresql:postgresql"},
        {"jdbc:mariadb:", "org.mariadb.jdbc:mariadb-java-client"},
        {"jdbc:mysql:", "com.mysql:mysql-connector-j (or org.mariadb.jdbc:mariadb-java-client)"},
        {"jdbc:sqlserver:", "com.microsoft.sqlserver:mssql-jdbc"},
        {"jdbc:oracle:", "com.oracle.database.jdbc:ojdbc11"},
        {"jdbc:sqlite:", "org.xerial:sqlite-jdbc"},
        {"jdbc:h2:", "com.h2database:h2"},
        {"jdbc:duckdb:", "org.duckdb:duckdb_jdbc"},
    };

    /**
     * How long opening a connection may take before the server counts as unreachable. A firewall that drops packets,
     * or a server that accepts the socket and never answers, would otherwise hold a scheduled build until the
     * operating system gives up (minutes); drivers bound only the TCP connect by default, not the login.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final ClassLoader loader;
    private final Duration connectTimeout;

    public JdbcConnector(ClassLoader loader) {
        this(loader, CONNECT_TIMEOUT);
    }

    JdbcConnector(ClassLoader loader, Duration connectTimeout) {
        this.loader = loader;
        this.connectTimeout = connectTimeout;
    }

    /** The thread's context class loader, else this class's. */
    public JdbcConnector() {
        this(defaultLoader());
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : JdbcConnector.class.getClassLoader();
    }

    /** The driver that accepts the spec's URL; an error naming the dependency to add when there is none. */
    public Driver driverFor(JdbcSpec spec) {
        List<String> found = new ArrayList<>();
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
        int broken = 0;
        while (broken < 100) {
            Driver driver;
            try {
                if (!drivers.hasNext()) {
                    break;
                }
                driver = drivers.next();
            } catch (ServiceConfigurationError e) {
                // a driver jar that cannot load must not hide the one that can
                broken++;
                continue;
            }
            try {
                if (driver.acceptsURL(spec.url())) {
                    return driver;
                }
            } catch (SQLException | RuntimeException e) {
                // a driver that cannot even judge the URL does not take it
            }
            found.add(driver.getClass().getName());
        }
        throw new InvalidConfigurationException(spec.element() + "/url", noDriverMessage(spec, found));
    }

    private static String noDriverMessage(JdbcSpec spec, List<String> found) {
        String url = spec.sanitizedUrl();
        String lower = url.toLowerCase(Locale.ROOT);
        String dependency = null;
        for (String[] known : KNOWN_DRIVERS) {
            if (lower.startsWith(known[0])) {
                dependency = known[1];
            }
        }
        StringBuilder message = new StringBuilder("no JDBC driver on the plugin's class path accepts " + url + ". ");
        if (dependency != null) {
            message.append("Add ")
                    .append(dependency)
                    .append(" to the <dependencies> of the ml-maven-plugin in your pom.xml (inside its <plugin>"
                            + " element, not the project's dependencies).");
        } else {
            message.append("Add the database's JDBC driver to the <dependencies> of the ml-maven-plugin in your"
                    + " pom.xml (inside its <plugin> element), or check the URL's jdbc:<database>: prefix.");
        }
        if (!found.isEmpty()) {
            message.append(" Drivers found: ").append(String.join(", ", found)).append('.');
        }
        return message.toString();
    }

    /**
     * A connection to the spec's database: read-only, autocommit off. The caller rolls it back and closes it; nothing
     * read through it is ever committed.
     */
    public Connection open(JdbcSpec spec, Driver driver) {
        Properties properties = new Properties();
        properties.putAll(spec.properties());
        if (spec.username() != null) {
            properties.setProperty("user", spec.username());
        }
        if (spec.password() != null) {
            properties.setProperty("password", spec.password());
        }
        Connection connection = connect(spec, driver, properties);
        if (connection == null) {
            throw new InvalidConfigurationException(
                    spec.element() + "/url",
                    "the driver " + driver.getClass().getName() + " does not take the URL " + spec.sanitizedUrl());
        }
        try {
            connection.setAutoCommit(false);
            try {
                connection.setReadOnly(true);
            } catch (SQLException e) {
                // SQLite fixes the flag when the file is opened; the transaction is rolled back all the same
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw JdbcErrors.connectFailed(spec, e);
        }
    }

    /**
     * {@code driver.connect} on its own thread, waited for at most {@link #connectTimeout}: a login that hangs is left
     * to finish on that thread, whose connection is then closed, while the build fails with a clear error.
     */
    private @Nullable Connection connect(JdbcSpec spec, Driver driver, Properties properties) {
        CompletableFuture<@Nullable Connection> attempt = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        Connection late = driver.connect(spec.url(), properties);
                        if (!attempt.complete(late)) {
                            closeQuietly(late);
                        }
                    } catch (Throwable e) {
                        attempt.completeExceptionally(e);
                    }
                },
                "ml-jdbc-connect");
        thread.setDaemon(true);
        thread.start();
        try {
            return attempt.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (attempt.completeExceptionally(e)) {
                thread.interrupt();
                throw new InvalidInputException("Cannot reach the database at " + spec.sanitizedUrl() + ": no"
                        + " connection within " + connectTimeout.toSeconds() + " s. Check that the server runs and"
                        + " answers, and that host and port in <url> are right (and reachable from this machine:"
                        + " a firewall that drops packets looks like this).");
            }
            return outcome(spec, driver, attempt); // it finished in the meantime
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.completeExceptionally(e);
            attempt.thenAccept(JdbcConnector::closeQuietly); // a connection that arrived just before
            throw new InvalidInputException("Interrupted while connecting to " + spec.sanitizedUrl());
        } catch (ExecutionException e) {
            return outcome(spec, driver, attempt);
        }
    }

    /** The outcome of a finished attempt: its connection, or its failure worded for the user. */
    private static @Nullable Connection outcome(
            JdbcSpec spec, Driver driver, CompletableFuture<@Nullable Connection> attempt) {
        try {
            return attempt.getNow(null);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw JdbcErrors.connectFailed(spec, sql);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(
                    "connecting with " + driver.getClass().getName() + " failed", cause);
        }
    }

    /** Rolls back and closes; what fails here can no longer change the outcome of a finished read. */
    static void closeQuietly(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            // the connection may be the one that dropped
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // as above
        }
    }

    /** The driver's Maven coordinates {@code groupId:artifactId:version}, else its jar's file name, else its class. */
    public static String coordinates(Driver driver) {
        Path jar = jarOf(driver.getClass());
        if (jar == null) {
            return driver.getClass().getName();
        }
        String fromPom = pomCoordinates(jar);
        if (fromPom == null) {
            fromPom = repositoryCoordinates(jar);
        }
        return fromPom != null ? fromPom : jar.getFileName().toString();
    }

    private static final Pattern PARENT = Pattern.compile("(?s)<parent>.*?</parent>");
    private static final Pattern GROUP_ID = Pattern.compile("<groupId>\\s*([^<\\s]+)\\s*</groupId>");

    /**
     * The coordinates of a jar without pom.properties (H2's, PostgreSQL's) from where it lies in a Maven repository,
     * {@code <group path>/<artifactId>/<version>/<artifactId>-<version>.jar}, with the groupId read from the
     * {@code .pom} beside it and checked against the folder names.
     */
    static @Nullable String repositoryCoordinates(Path jar) {
        Path versionDir = jar.toAbsolutePath().getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || artifactDir.getFileName() == null) {
            return null;
        }
        String version = versionDir.getFileName().toString();
        String artifactId = artifactDir.getFileName().toString();
        if (!jar.getFileName().toString().startsWith(artifactId + "-" + version)) {
            return null;
        }
        Path pom = versionDir.resolve(artifactId + "-" + version + ".pom");
        try {
            String text = Files.readString(pom);
            Matcher own = GROUP_ID.matcher(PARENT.matcher(text).replaceFirst(""));
            Matcher inherited = GROUP_ID.matcher(text);
            String groupId = own.find() ? own.group(1) : inherited.find() ? inherited.group(1) : null;
            if (groupId == null
                    || !artifactDir
                            .toString()
                            .replace('\\', '/')
                            .endsWith("/" + groupId.replace('.', '/') + "/" + artifactId)) {
                return null;
            }
            return groupId + ":" + artifactId + ":" + version;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable Path jarOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The coordinates in the jar's {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}; with several (a
     * shaded jar), the one whose artifactId the jar's file name starts with.
     */
    static @Nullable String pomCoordinates(Path jar) {
        List<String> all = new ArrayList<>();
        String fileName = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        pom.load(in);
                    }
                    String groupId = pom.getProperty("groupId");
                    String artifactId = pom.getProperty("artifactId");
                    String version = pom.getProperty("version");
                    if (groupId != null && artifactId != null && version != null) {
                        String coordinates = groupId.strip() + ":" + artifactId.strip() + ":" + version.strip();
                        if (fileName.startsWith(artifactId.strip())) {
                            return coordinates;
                        }
                        all.add(coordinates);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return all.isEmpty() ? null : all.get(0);
    }
}
