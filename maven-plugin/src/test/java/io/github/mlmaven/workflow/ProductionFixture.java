package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.PromotionRepo;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.testing.ShiftedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A project with a model in production, as the tests of ml:promote and ml:monitor build it: the goals' settings with the
 * default registry, and fraud 1.3.0 trained, validated and promoted on rows before a {@link ShiftedData} shift.
 */
final class ProductionFixture {
    static final String BRANCH = "ml-registry";
    static final String FRAUD = "fraud";

    private ProductionFixture() {}

    /** The settings of a project in {@code basedir} with the default registry on {@link #BRANCH}. */
    static GoalContext context(
            Path basedir,
            String modelName,
            List<String> trainingData,
            String evaluation,
            JdbcSourceParameters trainingJdbc) {
        return new GoalContext(
                basedir,
                basedir.resolve("target/ml"),
                modelName,
                trainingData,
                null,
                evaluation,
                20,
                "test",
                "1.3-SNAPSHOT",
                List.of(),
                new GoalContext.Registry(BRANCH, "origin", null),
                null,
                new GoalContext.Prometheus(null, null, null),
                false,
                trainingJdbc,
                null,
                List.of());
    }

    /** alice promotes com.example:{@code <model>}-model of the project {@code <model>}-app, without approval. */
    static PromoteParameters promoteParameters(GoalContext context, String finish) {
        return new PromoteParameters(
                context,
                "com.example",
                context.modelName() + "-app",
                context.modelName() + "-model",
                false,
                false,
                null,
                "alice",
                "first model",
                false,
                finish,
                Map.of());
    }

    /**
     * fraud trained with cross-validation on {@code rows} unshifted rows of {@code seed} (committed as data/part-1.csv),
     * validated, and promoted as 1.3.0 into a real git registry and a folder repository under {@code root}.
     */
    static Production fraudPromotedOn(Path root, int rows, long seed) throws IOException {
        Path data = ShiftedData.write(root.resolve("source/part-1.csv"), rows, seed, false);
        PromotionRepo repo = PromotionRepo.withData(root.resolve("git"), data, "part-1.csv");
        MlProject project = repo.project();
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(repo.dataPath())
                        .modelName(FRAUD)
                        .positiveClass("fraud")
                        .evaluation(EvaluationMethod.CV)
                        .request());
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath())
                        .modelName(FRAUD)
                        .evaluation(EvaluationMethod.CV)
                        .request());
        Production production = new Production(
                repo, project, new PromoteGoalTest.FolderRepository(Files.createDirectories(root.resolve("releases"))));
        Outcome<Void> promoted = new Goals()
                .promote(promoteParameters(production.context(), null), production.releases(), new RecordingLog());
        assertThat(promoted.kind()).as(promoted.message()).isEqualTo(Outcome.Kind.OK);
        return production;
    }

    /** The promoted project: its registry repository, its work tree and the repository its artifact was deployed to. */
    record Production(PromotionRepo repo, MlProject project, PromoteGoalTest.FolderRepository releases) {

        /** The settings of the project: every part data/part-*.csv, cross-validation. */
        GoalContext context() {
            return ProductionFixture.context(project.basedir(), FRAUD, List.of("data/part-*.csv"), "cv", null);
        }

        /** Later rows beside the promoted ones, as a second part of the training data (not committed: data arrives). */
        void laterRows(int rows, long seed, boolean shifted) {
            ShiftedData.write(project.file("data/part-2.csv"), rows, seed, shifted);
        }
    }
}
