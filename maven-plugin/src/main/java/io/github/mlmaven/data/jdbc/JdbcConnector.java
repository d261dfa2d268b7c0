package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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

    private final ClassLoader loader;

    public JdbcConnector(ClassLoader loader) {
        this.loader = loader;
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
        Connection connection;
        try {
            connection = driver.connect(spec.url(), properties);
        } catch (SQLException e) {
            throw JdbcErrors.connectFailed(spec, e);
        }
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
