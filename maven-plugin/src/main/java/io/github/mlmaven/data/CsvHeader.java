package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The header row of a CSV file: read, checked, and matched against a schema or another file's header. */
final class CsvHeader {
    private CsvHeader() {}

    /** The header row: its column names, each non-empty and unique. */
    static List<String> read(DatasetReader owner, FastCsvTokenizer csv, Path file) throws IOException {
        if (!csv.next()) {
            throw new InvalidInputException(
                    owner.display(file) + " is empty; a CSV file needs a header row and data rows");
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < csv.fieldCount; i++) {
            header.add(csv.fieldString(i));
        }
        checkHeader(owner, header, file, csv.recordStartLine);
        return header;
    }

    private static void checkHeader(DatasetReader owner, List<String> header, Path file, int line) {
        if (header.size() == 1) {
            for (String separator : new String[] {";", "\t", "|"}) {
                if (header.get(0).contains(separator)) {
                    throw new InvalidInputException(owner.display(file) + " line " + line
                            + ": the header row has a single column that contains '" + separator.replace("\t", "\\t")
                            + "'; the file seems to use another separator, but CSV files must be comma-separated");
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new InvalidInputException(owner.display(file) + " line " + line + ": column " + (i + 1)
                        + " of the header row has no name; every column needs a name");
            }
            if (!seen.add(name)) {
                throw new InvalidInputException(owner.display(file) + " line " + line + ": column name '" + name
                        + "' appears twice in the header row; column names must be unique");
            }
        }
    }

    /**
     * For each schema attribute, the field that holds it; every column must be an attribute (or one {@code exclude}
     * drops) and the reverse.
     */
    static int[] mapColumns(DatasetReader owner, Path file, List<String> header, Schema schema, Set<String> exclude) {
        int[] columnOf = new int[schema.attributes().size()];
        for (int a = 0; a < columnOf.length; a++) {
            String name = schema.attributes().get(a).name();
            columnOf[a] = header.indexOf(name);
            if (columnOf[a] < 0) {
                throw new InvalidInputException(owner.display(file) + " line 1: no column '" + name
                        + "', which the training data has; its columns are: " + String.join(", ", header));
            }
        }
        for (String name : header) {
            if (schema.indexOf(name) < 0 && !exclude.contains(name)) {
                throw new InvalidInputException(owner.display(file) + " line 1: column '" + name
                        + "' is not in the training data, whose attributes are: " + schema.attributeNames());
            }
        }
        return columnOf;
    }

    static String describeDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e == null) {
                return "extra column " + (i + 1) + " '" + a + "'";
            }
            if (a == null) {
                return "column " + (i + 1) + " '" + e + "' is missing";
            }
            if (!e.equals(a)) {
                return "column " + (i + 1) + " is '" + a + "', expected '" + e + "'";
            }
        }
        return "columns differ";
    }
}
