package io.github.mlmaven.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://alice:s3cret@mlflow.example.com:5000/api | https://***@mlflow.example.com:5000/api",
                "http://s3cret@pushgateway:9091 | http://***@pushgateway:9091",
                "https://x-access-token:ghp_s3cret@github.com/o/r.git | https://***@github.com/o/r.git",
                "http://mlflow:5000/?token=s3cret&x=1 | http://mlflow:5000/?token=***&x=1",
                "http://mlflow:5000/?Password=s3cret | http://mlflow:5000/?Password=***",
                "jdbc:postgresql://db:5432/ml?user=bob&password=s3cret | jdbc:postgresql://db:5432/ml?user=bob&password=***",
                "jdbc:sqlserver://db;user=bob;password=s3cret;encrypt=true | jdbc:sqlserver://db;user=bob;password=***;encrypt=true",
                "http://mlflow:5000 | http://mlflow:5000",
                "not a url | not a url",
            })
    void masksTheUserInfoAndSecretParameters(String url, String shown) {
        assertThat(Urls.redactUserInfo(url)).isEqualTo(shown);
    }

    @Test
    void anUnparsableUrlIsMaskedAllTheSame() {
        // a raw '#', '/' and space in the password make it no URI at all
        String url = "https://alice:s3#c/r et@mlflow:5000";

        assertThat(Urls.redactUserInfo(url)).doesNotContain("s3").doesNotContain("alice");
        assertThat(Urls.redactUserInfo("https://alice:s3#c/ret@mlflow:5000")).isEqualTo("https://***@mlflow:5000");
    }

    @Test
    void aUriIsMaskedLikeItsText() {
        assertThat(Urls.redactUserInfo(URI.create("http://u:p@h:1/x"))).isEqualTo("http://***@h:1/x");
        assertThat(Urls.redactUserInfo((URI) null)).isNull();
    }

    @Test
    void everyUrlInAMessageIsMaskedAndTheRestKept() {
        String message = "cannot fetch branch ml-registry from remote 'origin' (https://bot:ghp_s3cret@github.com/o/r):"
                + " https://bot:ghp_s3cret@github.com/o/r: not authorized; see http://mlflow:5000/#/runs?token=t0k";

        assertThat(Urls.redactAll(message))
                .isEqualTo("cannot fetch branch ml-registry from remote 'origin' (https://***@github.com/o/r):"
                        + " https://***@github.com/o/r: not authorized; see http://mlflow:5000/#/runs?token=***");
    }

    @Test
    void textWithoutSecretsAndAnEmailAddressAreLeftAlone() {
        String text = "Pushed to http://pushgateway:9091 (job ml); ask alice@example.com; accuracy = 0.9";

        assertThat(Urls.redactAll(text)).isEqualTo(text);
        assertThat(Urls.redactAll(null)).isNull();
        assertThat(Urls.redactAll("https://***@host/x")).isEqualTo("https://***@host/x");
    }
}
