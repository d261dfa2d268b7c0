package io.github.mlmaven.workflow;

import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** A {@code <jdbc>} source as the Maven layer passes it, parsed into the extraction's {@link JdbcSpec}. */
final class JdbcSources {
    private JdbcSources() {}

    /** What a data parameter names: its {@code <jdbc>} source when it has one, else its files. */
    static SourceSpec source(String parameter, List<String> files, JdbcSourceParameters jdbc) {
        return jdbc != null ? SourceSpec.jdbc(spec(parameter, jdbc)) : SourceSpec.files(files);
    }

    /**
     * The spec of a source; every mistake names its element below {@code <parameter><jdbc>}.
     *
     * @param parameter {@code trainingData} or {@code testData}
     */
    static JdbcSpec spec(String parameter, JdbcSourceParameters p) {
        String element = parameter + "/jdbc";
        JdbcSpec.Watermark watermark = watermark(element, p);
        return new JdbcSpec(
                element,
                p.url(),
                p.query(),
                p.table(),
                p.username(),
                p.password(),
                p.credentialsSource() == null ? "none" : p.credentialsSource(),
                p.fetchSize() == null ? JdbcSpec.DEFAULT_FETCH_SIZE : p.fetchSize(),
                p.properties() == null ? Map.of() : p.properties(),
                watermark,
                p.snapshotDirectory(),
                p.format());
    }

    private static JdbcSpec.Watermark watermark(String element, JdbcSourceParameters p) {
        String column = Registries.blankToNull(p.watermarkColumn());
        if (column == null) {
            if (Registries.blankToNull(p.tieBreaker()) != null || Registries.blankToNull(p.delay()) != null) {
                throw new InvalidConfigurationException(
                        element + "/watermark/column",
                        "a <watermark> needs its <column>, the column whose values grow with each new row (such as"
                                + " labelled_at or id); <tieBreaker> and <delay> only refine it");
            }
            return null;
        }
        Duration delay = Duration.ZERO;
        String text = Registries.blankToNull(p.delay());
        if (text != null) {
            try {
                delay = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidConfigurationException(
                        element + "/watermark/delay",
                        "'" + text + "' is not an ISO-8601 duration; write e.g. PT5M (five minutes), PT1H or P1D");
            }
        }
        return new JdbcSpec.Watermark(column, Registries.blankToNull(p.tieBreaker()), delay);
    }
}
