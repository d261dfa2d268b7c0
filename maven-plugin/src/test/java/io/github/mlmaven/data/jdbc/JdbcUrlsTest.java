package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://alice:s3cret@db:5432/labels | jdbc:postgresql://db:5432/labels",
                "jdbc:postgresql://db/labels?user=alice&password=s3cret&sslmode=require"
                        + " | jdbc:postgresql://db/labels?sslmode=require",
                "jdbc:postgresql://db/labels?sslmode=require&password=s3cret | jdbc:postgresql://db/labels?sslmode=require",
                "jdbc:mysql://alice:p%40ss@db:3306/labels?useSSL=true | jdbc:mysql://db:3306/labels?useSSL=true",
                "jdbc:sqlserver://db:1433;databaseName=labels;user=alice;password=s3cret;encrypt=true"
                        + " | jdbc:sqlserver://db:1433;databaseName=labels;encrypt=true",
                "jdbc:oracle:thin:scott/tiger@//db:1521/ORCL | jdbc:oracle:thin:@//db:1521/ORCL",
                "jdbc:oracle:thin:@db:1521:ORCL | jdbc:oracle:thin:@db:1521:ORCL",
                "jdbc:h2:mem:labels;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=pw | jdbc:h2:mem:labels;DB_CLOSE_DELAY=-1",
                "jdbc:sqlite:/data/labels.db | jdbc:sqlite:/data/labels.db",
                "jdbc:duckdb:/data/labels.duckdb?access_mode=READ_ONLY | jdbc:duckdb:/data/labels.duckdb?access_mode=READ_ONLY",
                "jdbc:mariadb://db/labels?PWD=x&Pass=y&uid=z | jdbc:mariadb://db/labels",
            })
    void credentialsAreRemovedAndEverythingElseKept(String url, String shown) {
        assertThat(JdbcUrls.sanitize(url)).isEqualTo(shown);
    }
}
