package io.github.mlmaven.testing;

import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.runtime.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A production version as a database source sees it: its card, and the snapshot parts published with it, copied from
 * {@code published} (null: none to be had, as when it was promoted without them or cannot be resolved).
 */
public record PublishedSnapshot(ModelCard productionCard, Path published) implements ProductionData {

    /** Production's card, its published parts not to be had. */
    public static PublishedSnapshot withoutParts(ModelCard card) {
        return new PublishedSnapshot(card, null);
    }

    @Override
    public Optional<ModelCard> card() {
        return Optional.of(productionCard);
    }

    @Override
    public List<Path> restoreSnapshot(String parameter, Path directory) {
        if (published == null) {
            return List.of();
        }
        List<Path> restored = new ArrayList<>();
        try (Stream<Path> files = Files.list(published)) {
            Files.createDirectories(directory);
            for (Path file : files.sorted().toList()) {
                restored.add(Files.copy(file, directory.resolve(file.getFileName())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return restored;
    }
}
