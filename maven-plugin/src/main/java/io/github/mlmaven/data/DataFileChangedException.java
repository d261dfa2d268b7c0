package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;

/** A data file whose size or modification time changed while it was being read. */
final class DataFileChangedException extends InvalidInputException {
    DataFileChangedException(String message) {
        super(message);
    }
}
