package io.github.mlmaven.maven;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.common.ClosestName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The entries of {@code <trainingData>} and {@code <testData>}: file paths (the {@code <file>} elements, or the
 * comma-separated {@code -Dml.trainingData}), or one {@code <jdbc>} source. Maven hands the parameter over unconverted
 * (a list of {@link PlexusConfiguration}): a typed element class would make Maven refuse a misspelt child of
 * {@code <jdbc>} itself, with no hint, before the plugin could name the element it was meant to be. The configuration
 * check reads the same elements from the POM through {@link #check}, so that a mistake is refused before any goal works,
 * even in an execution of another goal.
 */
final class DataConfiguration {
    static final String JDBC = "jdbc";
    static final List<String> JDBC_ELEMENTS = List.of(
            "url",
            "query",
            "table",
            "serverId",
            "usernameEnv",
            "passwordEnv",
            "fetchSize",
            "properties",
            "watermark",
            "snapshotDirectory",
            "format");
    static final List<String> WATERMARK_ELEMENTS = List.of("column", "tieBreaker", "delay");

    private DataConfiguration() {}

    /** One XML element, whether Maven configured it or the configuration check read it from the POM. */
    record Node(String name, String value, List<Node> children) {
        static Node of(PlexusConfiguration configuration) {
            List<Node> children = new ArrayList<>();
            for (PlexusConfiguration child : configuration.getChildren()) {
                children.add(of(child));
            }
            return new Node(configuration.getName(), configuration.getValue(null), children);
        }

        static Node of(Xpp3Dom dom) {
            List<Node> children = new ArrayList<>();
            for (Xpp3Dom child : dom.getChildren()) {
                children.add(of(child));
            }
            return new Node(dom.getName(), dom.getValue(), children);
        }

        Node child(String name) {
            return children.stream()
                    .filter(c -> c.name.equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A {@code <jdbc>} element as written (values evaluated), before its credentials are read. */
    record Jdbc(
            String url,
            String query,
            String table,
            String serverId,
            String usernameEnv,
            String passwordEnv,
            Integer fetchSize,
            Map<String, String> properties,
            String watermarkColumn,
            String tieBreaker,
            String delay,
            String snapshotDirectory,
            String format) {}

    /**
     * A data parameter parsed: its file entries, or its JDBC source.
     *
     * @param files the paths or glob patterns as written, in order; null when the parameter is not configured
     * @param jdbc the source, or null
     */
    record Entries(List<String> files, Jdbc jdbc) {}

    /** A mistake in the XML: the element at fault ({@code trainingData/jdbc/qurey}) and what to do about it. */
    static final class ConfigurationError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String element;

        ConfigurationError(String element, String message) {
            super(message);
            this.element = element;
        }

        /** The element as XML, e.g. {@code <trainingData><jdbc><qurey>}. */
        String element() {
            StringBuilder xml = new StringBuilder();
            for (String part : element.split("/")) {
                xml.append('<').append(part).append('>');
            }
            return xml.toString();
        }

        MojoExecutionException forGoal(String goal) {
            return new MojoExecutionException(
                    "Invalid configuration of ml:" + goal + " " + element() + ": " + getMessage());
        }
    }

    /**
     * Parses a data parameter's entries.
     *
     * @param parameter {@code trainingData} or {@code testData}
     * @param entries the children of the element (for the property form, one per comma-separated value); null when
     *     the parameter is not configured
     * @param evaluate evaluates a value's Maven expressions ({@code ${...}}) as Maven would have
     */
    static Entries parse(String parameter, List<Node> entries, UnaryOperator<String> evaluate)
            throws ConfigurationError {
        if (entries == null) {
            return new Entries(null, null);
        }
        List<String> files = new ArrayList<>();
        Jdbc jdbc = null;
        String firstFile = null;
        for (Node entry : entries) {
            String path = parameter + "/" + entry.name();
            if (JDBC.equals(entry.name())) {
                if (jdbc != null) {
                    throw new ConfigurationError(
                            path,
                            "<" + parameter + "> takes one <jdbc> source, and this is the second; a model trains on"
                                    + " one query, so join the tables in its <query>");
                }
                if (firstFile != null) {
                    throw mixed(parameter, firstFile);
                }
                jdbc = jdbc(path, entry, evaluate);
            } else if (!entry.children().isEmpty()) {
                throw new ConfigurationError(
                        path,
                        "an entry of <" + parameter + "> is a <file> path or one <jdbc> source"
                                + ClosestName.to(entry.name(), List.of(JDBC))
                                        .map(n -> "; did you mean <" + n + ">?")
                                        .orElse("; <" + entry.name() + "> is neither"));
            } else {
                String value = evaluate.apply(entry.value());
                if (value == null) {
                    continue; // an empty element, which names no file
                }
                if (jdbc != null) {
                    throw mixed(parameter, entry.name());
                }
                firstFile = firstFile == null ? entry.name() : firstFile;
                files.add(value);
            }
        }
        return jdbc != null ? new Entries(null, jdbc) : new Entries(files, null);
    }

    /** Checks a data parameter's element as the POM holds it; nothing is evaluated but the values' syntax. */
    static void check(String parameter, Xpp3Dom element, UnaryOperator<String> evaluate) throws ConfigurationError {
        if (element == null || element.getChildCount() == 0) {
            return;
        }
        parse(parameter, Node.of(element).children(), evaluate);
    }

    private static ConfigurationError mixed(String parameter, String fileElement) {
        String shown = "#".equals(fileElement) ? "file" : fileElement;
        return new ConfigurationError(
                parameter + "/" + JDBC,
                "<" + parameter + "> holds both a <" + shown + "> entry and a <jdbc> source; use either files or one"
                        + " <jdbc> source (the rows of a query can be exported to a file, or a file loaded into the"
                        + " database)");
    }

    private static Jdbc jdbc(String path, Node jdbc, UnaryOperator<String> evaluate) throws ConfigurationError {
        if (jdbc.children().isEmpty()) {
            throw new ConfigurationError(
                    path,
                    "<jdbc> takes child elements, at least <url> and <query> (or <table>), e.g. <jdbc><url>"
                            + "jdbc:postgresql://localhost:5432/labels</url><query>SELECT * FROM labelled_events"
                            + "</query></jdbc>");
        }
        known(path, jdbc, JDBC_ELEMENTS);
        Node watermark = jdbc.child("watermark");
        if (watermark != null) {
            known(path + "/watermark", watermark, WATERMARK_ELEMENTS);
        }
        Map<String, String> properties = null;
        Node props = jdbc.child("properties");
        if (props != null) {
            properties = new LinkedHashMap<>();
            for (Node property : props.children()) {
                String value = evaluate.apply(property.value());
                properties.put(property.name(), value == null ? "" : value);
            }
        }
        Function<String, String> text = name -> text(jdbc.child(name), evaluate);
        return new Jdbc(
                text.apply("url"),
                text.apply("query"),
                text.apply("table"),
                text.apply("serverId"),
                text.apply("usernameEnv"),
                text.apply("passwordEnv"),
                fetchSize(path + "/fetchSize", text.apply("fetchSize")),
                properties,
                watermark == null ? null : text(watermark.child("column"), evaluate),
                watermark == null ? null : text(watermark.child("tieBreaker"), evaluate),
                watermark == null ? null : text(watermark.child("delay"), evaluate),
                text.apply("snapshotDirectory"),
                text.apply("format"));
    }

    private static void known(String path, Node element, List<String> allowed) throws ConfigurationError {
        List<String> seen = new ArrayList<>();
        for (Node child : element.children()) {
            if (!allowed.contains(child.name())) {
                throw new ConfigurationError(
                        path + "/" + child.name(),
                        "<" + child.name() + "> is not an element of <" + element.name() + ">, which takes "
                                + String.join(", ", allowed)
                                + ClosestName.to(child.name(), allowed)
                                        .map(n -> "; did you mean <" + n + ">?")
                                        .orElse("."));
            }
            if (seen.contains(child.name())) {
                throw new ConfigurationError(
                        path + "/" + child.name(), "is given twice; <" + element.name() + "> takes it once");
            }
            seen.add(child.name());
        }
    }

    private static Integer fetchSize(String path, String value) throws ConfigurationError {
        if (value == null) {
            return null;
        }
        try {
            int rows = Integer.parseInt(value);
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new ConfigurationError(
                path, "'" + value + "' is not a number of rows; give a positive whole number, e.g. 10000");
    }

    private static String text(Node node, UnaryOperator<String> evaluate) {
        if (node == null) {
            return null;
        }
        String value = evaluate.apply(node.value());
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The source as the core receives it: its credentials read and its snapshot folder resolved.
     *
     * @param parameter {@code trainingData} or {@code testData}, for messages and the default folder
     * @param env the environment variables
     * @param modelDirectory {@code <outputDirectory>/<modelName>}, under which the default folder is
     */
    static JdbcSourceParameters resolve(
            String parameter,
            Jdbc jdbc,
            ServerCredentials servers,
            Function<String, String> env,
            Path basedir,
            Path modelDirectory)
            throws MojoExecutionException {
        GoalContext.Credentials server = jdbc.serverId() == null
                ? null
                : servers.read(
                        jdbc.serverId(),
                        "<" + parameter + "><jdbc><serverId>" + jdbc.serverId() + "</serverId>",
                        "settings.xml server " + jdbc.serverId());
        String userFromEnv = variable(env, jdbc.usernameEnv());
        String passwordFromEnv = variable(env, jdbc.passwordEnv());
        String username = userFromEnv != null ? userFromEnv : server == null ? null : server.username();
        String password = passwordFromEnv != null ? passwordFromEnv : server == null ? null : server.password();
        String source = credentialsSource(jdbc, server, userFromEnv != null, passwordFromEnv != null);
        Path folder = jdbc.snapshotDirectory() != null
                ? basedir.resolve(jdbc.snapshotDirectory()).toAbsolutePath().normalize()
                : modelDirectory.resolve("testData".equals(parameter) ? "test-data" : "data");
        return new JdbcSourceParameters(
                jdbc.url(),
                jdbc.query(),
                jdbc.table(),
                username,
                password,
                source,
                jdbc.fetchSize(),
                jdbc.properties(),
                jdbc.watermarkColumn(),
                jdbc.tieBreaker(),
                jdbc.delay(),
                folder,
                jdbc.format());
    }

    /** Says where the username and the password came from, in words; never the values. */
    private static String credentialsSource(
            Jdbc jdbc, GoalContext.Credentials server, boolean userFromEnv, boolean passwordFromEnv) {
        String serverName = server == null ? null : "settings.xml server " + jdbc.serverId();
        String user = userFromEnv ? "the " + jdbc.usernameEnv() + " environment variable" : serverName;
        String password = passwordFromEnv ? "the " + jdbc.passwordEnv() + " environment variable" : serverName;
        if (user == null && password == null) {
            List<String> unset = new ArrayList<>();
            if (jdbc.usernameEnv() != null) {
                unset.add(jdbc.usernameEnv());
            }
            if (jdbc.passwordEnv() != null) {
                unset.add(jdbc.passwordEnv());
            }
            return unset.isEmpty()
                    ? null
                    : "none (the environment variable " + String.join(" and ", unset) + " is not set)";
        }
        if (user != null && user.equals(password)) {
            return user;
        }
        return "username from " + (user == null ? "nowhere" : user) + ", password from "
                + (password == null ? "nowhere" : password);
    }

    private static String variable(Function<String, String> env, String name) {
        if (name == null) {
            return null;
        }
        String value = env.apply(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
