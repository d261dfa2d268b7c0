package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.common.MlLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ml:extract: extracts each {@code <jdbc>} source of the training and test data into a new snapshot part, and nothing
 * else. A project without one is told so, and the goal succeeds: a shared parent POM may bind ml:extract for all.
 */
final class ExtractGoal {
    private final MlLog log;
    private final ArtifactRepository repository;

    ExtractGoal(MlLog log, ArtifactRepository repository) {
        this.log = log;
        this.repository = repository;
    }

    void run(ExtractParameters p) {
        GoalContext c = p.context();
        Map<String, JdbcSourceParameters> sources = sources(c);
        if (sources.isEmpty()) {
            log.info("Nothing to extract for " + c.modelName()
                    + ": neither <trainingData> nor <testData> has a <jdbc> source");
            return;
        }
        throw new UnsupportedOperationException("extraction is wired when the data.jdbc package is merged");
    }

    /** The JDBC sources by parameter name, training data first. */
    static Map<String, JdbcSourceParameters> sources(GoalContext c) {
        Map<String, JdbcSourceParameters> sources = new LinkedHashMap<>();
        if (c.trainingJdbc() != null) {
            sources.put("trainingData", c.trainingJdbc());
        }
        if (c.testJdbc() != null) {
            sources.put("testData", c.testJdbc());
        }
        return sources;
    }
}
