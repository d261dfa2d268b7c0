package io.github.mlmaven.data.jdbc;

import java.sql.Connection;
import java.sql.Driver;

/**
 * Opens read-only connections for a {@link JdbcSpec}. The driver is found with {@link java.util.ServiceLoader} in the
 * given class loader (the plugin's, which holds the drivers of the plugin's {@code <dependencies>}): {@link
 * java.sql.DriverManager} only sees drivers its caller's loader can see, which a child loader's are not.
 */
public final class JdbcConnector {
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
        throw new UnsupportedOperationException(spec.sanitizedUrl() + loader);
    }

    /**
     * A connection to the spec's database: read-only, autocommit off. The caller rolls it back and closes it; nothing
     * read through it is ever committed.
     */
    public Connection open(JdbcSpec spec, Driver driver) {
        throw new UnsupportedOperationException(spec.sanitizedUrl() + driver);
    }

    /** The driver's Maven coordinates {@code groupId:artifactId:version}, else its jar's file name, else its class. */
    public static String coordinates(Driver driver) {
        return driver.getClass().getName();
    }
}
