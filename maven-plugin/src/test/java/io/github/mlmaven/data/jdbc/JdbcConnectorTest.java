package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcConnectorTest {
    @TempDir
    Path dir;

    /** A class loader that sees the JDK only: no JDBC driver at all. */
    private static final ClassLoader NO_DRIVERS = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://db:5432/labels | org.postgresql:postgresql",
                "jdbc:mariadb://db:3306/labels | org.mariadb.jdbc:mariadb-java-client",
                "jdbc:mysql://db:3306/labels | com.mysql:mysql-connector-j",
                "jdbc:sqlserver://db:1433;databaseName=labels | com.microsoft.sqlserver:mssql-jdbc",
                "jdbc:oracle:thin:@//db:1521/ORCL | com.oracle.database.jdbc:ojdbc11",
                "jdbc:sqlite:labels.db | org.xerial:sqlite-jdbc",
                "jdbc:h2:./labels | com.h2database:h2",
                "jdbc:duckdb:labels.duckdb | org.duckdb:duckdb_jdbc",
            })
    void withoutADriverTheErrorNamesTheDependencyToAddForEachDocumentedDatabase(String url, String dependency) {
        JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", url, "SELECT 1", null, dir);

        assertThatThrownBy(() -> new JdbcConnector(NO_DRIVERS).driverFor(spec))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("no JDBC driver on the plugin's class path accepts " + url + ". Add " + dependency
                        + (url.startsWith("jdbc:mysql") ? " (or org.mariadb.jdbc:mariadb-java-client)" : "")
                        + " to the <dependencies> of the ml-maven-plugin in your pom.xml (inside its <plugin> element,"
                        + " not the project's dependencies).")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/url");
    }

    @Test
    void theDriversThatAreThereButDoNotTakeTheUrlAreListed() {
        JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", "jdbc:duckdb:labels.duckdb", "SELECT 1", null, dir);

        assertThatThrownBy(() -> new JdbcConnector(getClass().getClassLoader()).driverFor(spec))
                .hasMessageContaining("Add org.duckdb:duckdb_jdbc to the <dependencies>")
                .hasMessageContaining(" Drivers found: ")
                .hasMessageContaining("org.h2.Driver")
                .hasMessageContaining("org.postgresql.Driver");
    }

    @Test
    @Timeout(30) // without a bound of its own the driver would wait here forever
    void aServerThatAcceptsButNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
        // given: a socket whose backlog completes the TCP handshake while nobody ever reads the login
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/labels";
            JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", url, "SELECT 1", null, dir)
                    .withCredentials("labeler", "Never-Shown-9", "serverId labels-db");
            JdbcConnector connector = new JdbcConnector(getClass().getClassLoader(), Duration.ofSeconds(1));

            // when
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> connector.open(spec, connector.driverFor(spec)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // then
            assertThat(thrown)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Cannot reach the database at " + url + ": no connection within 1 s.")
                    .hasMessageNotContaining("Never-Shown-9");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }
}
