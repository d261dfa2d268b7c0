package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcErrorsTest {
    private static final String URL = "jdbc:postgresql://db/labels?user=alice&password=Url-S3cret";
    private final JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", URL, "SELECT 1", null, Path.of("/tmp/parts"))
            .withCredentials("alice", "Given-S3cret", "serverId labels-db");

    @Test
    void theCauseKeptForTheStackTraceHoldsNeitherTheUrlsCredentialsNorThePasswordNorTheDriversCauses() {
        SQLException driver = new SQLException(
                "I/O error reading " + URL + " as alice/Given-S3cret",
                "08006",
                7,
                new IllegalStateException("nested " + URL));

        MlException failed = JdbcErrors.readFailed(spec, 42, driver);

        assertThat(failed.getMessage())
                .isEqualTo("Reading from the database at jdbc:postgresql://db/labels failed after 42 rows: I/O error"
                        + " reading jdbc:postgresql://db/labels as alice/*** (SQLState 08006). No snapshot part was"
                        + " written and the recorded watermark did not move; the next build extracts the same rows"
                        + " again.");
        assertThat(failed.getCause())
                .isInstanceOf(SQLException.class)
                .hasMessage("java.sql.SQLException: I/O error reading jdbc:postgresql://db/labels as alice/***")
                .hasNoCause();
        assertThat(((SQLException) failed.getCause()).getSQLState()).isEqualTo("08006");
    }

    @Test
    void refusedCredentialsAreToldApartFromAnUnreachableServerForEachDatabase() {
        assertThat(JdbcErrors.isAuthentication(new SQLException("x", "28P01"))).isTrue(); // PostgreSQL
        assertThat(JdbcErrors.isAuthentication(new SQLException("x", "HY000", 1045)))
                .isTrue(); // MySQL, MariaDB
        assertThat(JdbcErrors.isAuthentication(new SQLException("x", "S0001", 18456)))
                .isTrue(); // SQL Server
        assertThat(JdbcErrors.isAuthentication(new SQLException("ORA-01017", "72000", 1017)))
                .isTrue(); // Oracle
        assertThat(JdbcErrors.isAuthentication(new SQLException("Connection refused", "08001")))
                .isFalse();

        SQLException refused = new SQLException("no route", null, 0, new ConnectException("Connection refused"));
        assertThat(JdbcErrors.isUnreachable(refused)).isTrue();
        assertThat(JdbcErrors.connectFailed(spec, refused).getMessage())
                .startsWith("Cannot reach the database at jdbc:postgresql://db/labels: no route.");
        assertThat(JdbcErrors.connectFailed(spec, new SQLException("bad", "28000"))
                        .getMessage())
                .startsWith("the database at jdbc:postgresql://db/labels refused the credentials of user 'alice',"
                        + " taken from serverId labels-db: bad.");
    }

    @Test
    void theCaretPointsAtTheColumnOfTheLineOfTheQuery() {
        assertThat(JdbcErrors.caret("SELECT a,\n\tb FORM t", 13))
                .isEqualTo("\n  at line 2, column 4 of the query:\n     b FORM t\n       ^");
    }
}
