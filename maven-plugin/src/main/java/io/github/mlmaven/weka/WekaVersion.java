package io.github.mlmaven.weka;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import weka.core.Version;

/**
 * The Weka release a model is trained with. Weka's own {@link Version#VERSION} is not reliable for this (the 3.8.7
 * release reports 3.8.8-SNAPSHOT), so the Maven version from the jar's metadata is taken when present; consumers of a
 * model need exactly that artifact.
 */
public final class WekaVersion {
    private WekaVersion() {}

    /** The Maven version of the weka-stable (or weka-dev) jar on the classpath, else Weka's own version string. */
    public static String maven() {
        for (String artifact : new String[] {"weka-stable", "weka-dev"}) {
            try (InputStream in = Version.class.getResourceAsStream(
                    "/META-INF/maven/nz.ac.waikato.cms.weka/" + artifact + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    String version = properties.getProperty("version");
                    if (version != null) {
                        return version;
                    }
                }
            } catch (IOException e) {
                // fall through to Weka's own string
            }
        }
        return Version.VERSION;
    }

    /** What Weka itself reports. */
    public static String reported() {
        return Version.VERSION;
    }
}
