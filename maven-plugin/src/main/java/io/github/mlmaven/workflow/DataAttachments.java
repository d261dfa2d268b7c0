package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository.Attachment;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.jdbc.SnapshotPart;
import io.github.mlmaven.data.jdbc.SnapshotStore;
import io.github.mlmaven.runtime.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshot parts ml:promote publishes beside the model, so that any promoted version can be retrained from the
 * same rows without the database: the training parts the card records ({@code training-data}), and the test parts
 * validation read ({@code test-data}), each a zip built by {@link SnapshotArchive}. A model trained on files has none.
 */
final class DataAttachments implements AutoCloseable {
    private final Path scratch;
    private final List<Attachment> attachments = new ArrayList<>();

    private DataAttachments(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * Zips the parts of the model in {@code context}'s bundle into a temporary folder, removed by {@link #close()}.
     * Runs before a version is reserved, so that a part changed since training stops the promotion before it starts.
     *
     * @param coordinates the model's {@code groupId:artifactId}, for the log
     */
    static DataAttachments of(GoalContext context, String coordinates, MlLog log) {
        ModelCard card = readCard(context);
        ModelCard.Extraction extraction =
                card == null || card.data() == null ? null : card.data().extraction();
        if (extraction == null && context.testJdbc() == null) {
            return new DataAttachments(null);
        }
        DataAttachments data;
        try {
            data = new DataAttachments(Files.createTempDirectory("ml-promote-data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            if (extraction != null) {
                JdbcSourceParameters source = context.trainingJdbc();
                Path folder = source != null
                        ? source.snapshotDirectory()
                        : context.modelDirectory().resolve("data");
                List<SnapshotArchive.Part> parts = extraction.parts().stream()
                        .map(p -> new SnapshotArchive.Part(p.path(), p.sha256()))
                        .toList();
                data.add(PublishedSnapshots.TRAINING_CLASSIFIER, folder, parts, extraction.rows(), source);
                log.info(attaching(
                        coordinates, PublishedSnapshots.TRAINING_CLASSIFIER, parts.size(), extraction.rows()));
            }
            JdbcSourceParameters test = context.testJdbc();
            if (test != null) {
                List<SnapshotPart> valid =
                        SnapshotStore.open(test.snapshotDirectory(), log).parts();
                // a full extraction reads only its newest part; an incremental one all of them
                List<SnapshotPart> read = test.watermarkColumn() == null && !valid.isEmpty()
                        ? List.of(valid.get(valid.size() - 1))
                        : valid;
                if (!read.isEmpty()) {
                    long rows = read.stream().mapToLong(SnapshotPart::rows).sum();
                    data.add(
                            PublishedSnapshots.TEST_CLASSIFIER,
                            test.snapshotDirectory(),
                            read.stream()
                                    .map(p -> new SnapshotArchive.Part(
                                            p.file().getFileName().toString(), p.sha256()))
                                    .toList(),
                            rows,
                            test);
                    log.info(attaching(coordinates, PublishedSnapshots.TEST_CLASSIFIER, read.size(), rows));
                }
            }
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** The card of the model to promote; null when it cannot be read, which the promotion's own checks report. */
    private static ModelCard readCard(GoalContext context) {
        try {
            return Registries.bundle(context).readCard();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void add(
            String classifier, Path folder, List<SnapshotArchive.Part> parts, long rows, JdbcSourceParameters source) {
        Path zip = scratch.resolve(classifier + "." + PublishedSnapshots.EXTENSION);
        List<String> secrets = new ArrayList<>();
        if (source != null && source.password() != null) {
            secrets.add(source.password());
        }
        SnapshotArchive.write(folder, parts, secrets, zip);
        attachments.add(new Attachment(classifier, PublishedSnapshots.EXTENSION, zip));
    }

    private static String attaching(String coordinates, String classifier, int parts, long rows) {
        return "Attaching " + parts + " snapshot part" + (parts == 1 ? "" : "s") + " (" + rows + " rows) as "
                + coordinates + ":" + PublishedSnapshots.EXTENSION + ":" + classifier;
    }

    List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    /** Removes the temporary zips once deployed (or not). */
    @Override
    public void close() {
        if (scratch == null) {
            return;
        }
        try (var walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder
        }
    }
}
