package io.github.mlmaven.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.registry.RegistryException.Reason;
import java.util.Optional;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class TransportFailuresTest {
    private static final String URL = "https://github.com/acme/credit.git";
    private static final String TOKEN = "ghs_s3cr3tT0k3n";

    @Test
    void refusedTokenIsNamedByItsSourceAndNeverShown() throws Exception {
        // given a server that echoes the token back in its message
        TransportException refused =
                new TransportException(new URIish(URL), "not authorized (token " + TOKEN + " expired)");

        // when
        RegistryException e = TransportFailures.describe(
                "origin",
                URL,
                "push branch ml-registry to",
                Optional.of(RegistryCredentials.token(TOKEN, "GITHUB_TOKEN")),
                refused,
                "nothing was recorded");

        // then
        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e.getMessage())
                .startsWith("cannot push branch ml-registry to remote 'origin' (" + URL + "): the remote refused the"
                        + " credentials from GITHUB_TOKEN (user x-access-token)")
                .contains("permissions: contents: write")
                .endsWith("; nothing was recorded")
                .doesNotContain(TOKEN)
                .contains("****");
    }

    @Test
    void refusedServerCredentialsNameTheServerId() throws Exception {
        // when
        RegistryException e = TransportFailures.describe(
                "origin",
                URL,
                "fetch branch ml-registry from",
                Optional.of(new RegistryCredentials("ci-bot", "hunter2", "server 'github' in settings.xml")),
                new TransportException(new URIish(URL), "Authentication is required but no CredentialsProvider"),
                null);

        // then
        assertThat(e.getMessage())
                .contains("the credentials from server 'github' in settings.xml (user ci-bot)")
                .doesNotContain("hunter2");
    }

    @Test
    void missingCredentialsSayHowToGiveThem() throws Exception {
        // when
        RegistryException e = TransportFailures.describe(
                "origin",
                URL,
                "fetch branch ml-registry from",
                Optional.empty(),
                new TransportException(
                        new URIish(URL),
                        "Authentication is required but no CredentialsProvider has" + " been registered"),
                null);

        // then
        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e.getMessage())
                .contains("the remote asked for credentials and none were given: set GITHUB_TOKEN, or configure a"
                        + " <server> in settings.xml");
    }

    @Test
    void missingRepositoryIsUnreachableNotAnAuthenticationProblem() throws Exception {
        // when
        RegistryException e = TransportFailures.describe(
                "origin",
                URL,
                "fetch branch ml-registry from",
                Optional.empty(),
                new NoRemoteRepositoryException(new URIish(URL), "not found."),
                null);

        // then
        assertThat(e.reason()).isEqualTo(Reason.REMOTE_UNREACHABLE);
        assertThat(e.getMessage()).contains(URL).contains("git remote -v");
    }

    @Test
    void credentialsNeverShowTheirSecretWhenPrinted() {
        // when
        String printed = RegistryCredentials.token(TOKEN, "GITHUB_TOKEN").toString();

        // then
        assertThat(printed).doesNotContain(TOKEN).contains("GITHUB_TOKEN");
    }

    @Test
    void aLocalRepositoryThatCannotBeWrittenIsAboutFilePermissionsNotCredentials() throws Exception {
        // given origin, a directory on this machine, made read-only after the deploy
        String local = "file:///srv/git/origin.git";
        TransportException denied =
                new TransportException(new URIish(local), "cannot lock ref refs/heads/ml-registry: Permission denied");

        // when
        RegistryException e = TransportFailures.describe(
                "origin",
                local,
                "push branch ml-registry to",
                Optional.empty(),
                denied,
                "finish this one with: mvn ml:promote -Dml.promote.finish=1.3.1");

        // then
        assertThat(e.reason()).isEqualTo(Reason.REMOTE_UNREACHABLE);
        assertThat(e.getMessage())
                .contains("it is a directory on this machine that this process may not read or write")
                .contains("Permission denied")
                .endsWith("; finish this one with: mvn ml:promote -Dml.promote.finish=1.3.1")
                .doesNotContain("credentials")
                .doesNotContain("GITHUB_TOKEN");
    }
}
