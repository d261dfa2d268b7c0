package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;

/** A data file whose size or modification time changed while it was being read. */
final class DataFileChangedException extends InvalidInputException {
    DataFileChangedException(String message) {
        super(message);
    }

    /** {@code file} (as shown) was {@code sizeAtOpen} bytes when its reading started and is {@code sizeNow} now. */
    static DataFileChangedException whileRead(String file, long sizeAtOpen, long sizeNow) {
        return new DataFileChangedException(file + " changed while it was being read (size " + sizeAtOpen
                + " bytes when opened, " + sizeNow + " now); wait until whatever writes it has finished, or copy it"
                + " elsewhere first, and run again");
    }
}
