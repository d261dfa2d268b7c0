package io.github.mlmaven.maven;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's own version, read from the Maven metadata in its jar. */
final class PluginVersion {
    private PluginVersion() {}

    static String get() {
        try (InputStream in = PluginVersion.class.getResourceAsStream(
                "/META-INF/maven/io.github.mlmaven/ml-maven-plugin/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
