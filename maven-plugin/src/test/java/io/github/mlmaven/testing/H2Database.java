package io.github.mlmaven.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An in-memory H2 database of its own for one test, changed through a connection separate from the one under test
 * (as a labelling tool writing rows between builds would).
 */
public final class H2Database {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String url;

    private H2Database(String url) {
        this.url = url;
    }

    /** A new, empty database; DB_CLOSE_DELAY keeps it between the connections of one test. */
    public static H2Database inMemory(String name) {
        return new H2Database("jdbc:h2:mem:" + name + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    }

    public String url() {
        return url;
    }

    /** Runs {@code statements} in turn as user {@code sa}. */
    public void sql(String... statements) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts one row per id {@code first..last} into {@code table}, each row's values as {@code values} gives them. */
    public void insert(String table, int first, int last, IntFunction<String> values) {
        StringBuilder rows = new StringBuilder();
        for (int id = first; id <= last; id++) {
            rows.append(id == first ? "" : ", ")
                    .append('(')
                    .append(values.apply(id))
                    .append(')');
        }
        sql("INSERT INTO " + table + " VALUES " + rows);
    }
}
