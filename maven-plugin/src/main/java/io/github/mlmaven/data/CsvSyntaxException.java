package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;

/** A CSV file that cannot be split into records; the message names the file and line. */
final class CsvSyntaxException extends InvalidInputException {
    CsvSyntaxException(String file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }
}
