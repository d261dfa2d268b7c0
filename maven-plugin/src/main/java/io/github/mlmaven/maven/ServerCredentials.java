package io.github.mlmaven.maven;

import io.github.mlmaven.api.GoalContext;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The one place that reads a settings.xml server's username and password, decrypted (settings-security.xml) when
 * Maven gives a decrypter. Used for the registry's git remote, MLflow and the Pushgateway.
 */
final class ServerCredentials {
    private final Settings settings;
    private final SettingsDecrypter decrypter;

    ServerCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    /**
     * The credentials of server {@code id}.
     *
     * @param namedBy how the user named the server, for the message when settings.xml has no such server, e.g.
     *     {@code <mlflow><serverId>mlflow</serverId>}
     * @param source where the credentials come from, for the core's messages
     */
    GoalContext.Credentials read(String id, String namedBy, String source) throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            throw new MojoExecutionException(namedBy + " names no <server> in settings.xml; add <server><id>" + id
                    + "</id><username>...</username><password>...</password></server>");
        }
        Server decrypted = decrypter == null
                ? server
                : decrypter
                        .decrypt(new DefaultSettingsDecryptionRequest(server))
                        .getServer();
        return new GoalContext.Credentials(decrypted.getUsername(), decrypted.getPassword(), source);
    }
}
