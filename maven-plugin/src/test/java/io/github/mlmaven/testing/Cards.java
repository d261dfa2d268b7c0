package io.github.mlmaven.testing;

import io.github.mlmaven.runtime.ModelCard;
import java.time.Instant;

/** Model cards for tests whose subject is only the card's data section (new rows, watermarks, published parts). */
public final class Cards {
    private Cards() {}

    /** A card of a model trained now on {@code data}; every other field a placeholder. */
    public static ModelCard withData(ModelCard.DataSection data) {
        return new ModelCard(
                1,
                "m",
                "a",
                "",
                "",
                "3.8.7",
                "3.8.7",
                "17",
                "test",
                1,
                Instant.now().toString(),
                1,
                null,
                null,
                data,
                null,
                "m.model",
                "0".repeat(64),
                "k");
    }
}
