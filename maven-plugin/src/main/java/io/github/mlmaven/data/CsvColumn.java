package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.DateValues;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import weka.core.Utils;

/**
 * The one column-typing accumulator of CSV training data: what the reading pass learns about a column (how many values
 * are numbers, missing-value markers or text, its distinct values in order of first appearance, the first value that
 * is no number), and, when rows are kept, the id of each row's value. {@link #decide} turns that into the column's
 * type, as docs/data.md describes: a column whose values all parse as numbers is numeric (except a class column of at
 * most {@value DatasetReader#MAX_INTEGER_CLASS_VALUES} distinct integers, which is nominal); a column with a few stray
 * non-numbers among many numbers is an error naming the first stray value; other columns are nominal, or string when
 * most of their values are distinct pieces of text with spaces inside; a column whose every value (but missing ones)
 * is a date in ISO-8601 ({@link DateValues}) is a date attribute. Nominal values are listed in the order they
 * first appear, as Weka's CSVLoader does, so that models and metrics equal Weka's command line on the same files.
 */
final class CsvColumn {
    private static final int STRING_MIN_DISTINCT = 20;

    final String name;
    long nonMissing;
    long numeric;
    boolean allIntegers = true;
    final Set<Double> numericValues = new HashSet<>();
    /** Distinct values in order of first appearance, until there are too many to be nominal. */
    final FastBytes.Dictionary distinct = new FastBytes.Dictionary();

    boolean tooManyDistinct;
    long sampledDistinct;
    long missingMarkers;
    long spacedDistinct;
    String firstNonNumeric;
    String firstNonNumericFile;
    int firstNonNumericLine;
    String firstOutOfRange;
    String firstOutOfRangeFile;
    int firstOutOfRangeLine;
    /** Values that are ISO-8601 dates, and how many of them hold a time, a fraction of a second. */
    long dates;

    long datesWithTime;
    long datesWithFraction;
    /** The first value (a number too) that is neither an ISO-8601 date nor missing, where it is. */
    String firstNonDate;

    String firstNonDateFile;
    int firstNonDateLine;
    /** Values that are no ISO-8601 date but look like a date of another form ({@code 01/02/2024}, {@code 2024-3-1}). */
    long otherDateForms;
    /**
     * Per kept row, the id of its value in {@link #distinct}, -1 when missing; null when rows are not kept, or once a
     * column of numbers or identifiers has too many distinct values to be anything but numeric.
     */
    int[] ids;

    int rows;
    /** Declared a string attribute: every value is kept, however many. */
    private final boolean declaredString;
    /** The pattern of a column declared a date with one, else null; and its format (this column's only). */
    private final String datePattern;

    private final SimpleDateFormat dateFormat;

    CsvColumn(String name, boolean keepIds, boolean declaredString) {
        this(name, keepIds, declaredString, null);
    }

    CsvColumn(String name, boolean keepIds, boolean declaredString, String datePattern) {
        this.name = name;
        this.ids = keepIds ? new int[1024] : null;
        this.declaredString = declaredString;
        this.datePattern = datePattern;
        this.dateFormat = datePattern == null ? null : DateValues.patternFormat(datePattern);
    }

    /**
     * Whether the column may still turn out a string attribute once it has too many distinct values for a nominal one:
     * then its values are kept. {@link #looksLikeFreeText} decides on the same counts.
     */
    private boolean mayBeString() {
        return declaredString || spacedDistinct * 2 > distinct.size();
    }

    /**
     * Adds one value; returns the number it holds, the milliseconds of an ISO-8601 date, or NaN (missing, marker or
     * other text). The column's type decides which of them is the row's value.
     */
    double add(FastCsvTokenizer csv, int f, String file, int line) {
        byte[] b = csv.fieldBuf[f];
        int off = csv.fieldOff[f];
        int len = csv.fieldLen[f];
        int id = -1;
        double result = Utils.missingValue();
        if (!(len == 0 || (len == 1 && b[off] == '?'))) {
            nonMissing++;
            if (!tooManyDistinct || ids != null) {
                id = distinct.find(b, off, len);
                if (id < 0) {
                    id = distinct.add(b, off, len);
                    if (!tooManyDistinct && FastBytes.hasInnerWhitespace(b, off, len)) {
                        spacedDistinct++;
                    }
                    if (!tooManyDistinct && distinct.size() > DatasetReader.MAX_NOMINAL_VALUES) {
                        tooManyDistinct = true;
                        sampledDistinct = distinct.size();
                        if (!mayBeString()) {
                            // numbers or identifiers: no attribute needs the values any more
                            distinct.clear();
                            ids = null;
                            id = -1;
                        }
                    }
                }
            }
            if (CsvNumbers.isMissingMarker(b, off, len)) {
                missingMarkers++;
            } else if (dateFormat != null) {
                result = patternedDate(b, off, len, file, line);
            } else {
                long bits = CsvNumbers.numberBits(b, off, len);
                if (bits != CsvNumbers.NO_NUMBER) {
                    double value = Double.longBitsToDouble(bits);
                    numeric++;
                    if (Double.isInfinite(value) && firstOutOfRange == null) {
                        firstOutOfRange = FastBytes.utf8(b, off, len);
                        firstOutOfRangeFile = file;
                        firstOutOfRangeLine = line;
                    }
                    if (value != Math.rint(value)) {
                        allIntegers = false;
                    }
                    if (numericValues.size() <= DatasetReader.MAX_INTEGER_CLASS_VALUES) {
                        numericValues.add(value);
                    }
                    result = value;
                    if (firstNonDate == null) {
                        noteNonDate(b, off, len, file, line);
                    }
                } else {
                    if (firstNonNumeric == null) {
                        firstNonNumeric = FastBytes.utf8(b, off, len);
                        firstNonNumericFile = file;
                        firstNonNumericLine = line;
                    }
                    long millis = DateValues.isoMillis(b, off, len);
                    if (millis != DateValues.NOT_A_DATE) {
                        dates++;
                        if (DateValues.hasTime(len)) {
                            datesWithTime++;
                        }
                        if (DateValues.hasFraction(b, off, len)) {
                            datesWithFraction++;
                        }
                        result = millis;
                    } else {
                        if (looksLikeDate(b, off, len)) {
                            otherDateForms++;
                        }
                        if (firstNonDate == null) {
                            noteNonDate(b, off, len, file, line);
                        }
                    }
                }
            }
        }
        if (ids != null) {
            if (rows == ids.length) {
                ids = java.util.Arrays.copyOf(ids, rows * 2);
            }
            ids[rows] = id;
        }
        rows++;
        return result;
    }

    /**
     * A value of a column declared a date with a pattern: ISO-8601, else the pattern (numbers too, as {@code yyyyMMdd}
     * reads them); NaN, noted, when neither reads it.
     */
    private double patternedDate(byte[] b, int off, int len, String file, int line) {
        long millis = DateValues.isoMillis(b, off, len);
        if (millis == DateValues.NOT_A_DATE) {
            millis = DateValues.patternMillis(dateFormat, FastBytes.utf8(b, off, len));
        }
        if (millis == DateValues.NOT_A_DATE) {
            if (firstNonDate == null) {
                noteNonDate(b, off, len, file, line);
            }
            return Utils.missingValue();
        }
        dates++;
        return millis;
    }

    /**
     * Whether a value that is no ISO-8601 date looks like a date all the same: 1 to 4 digits, a separator ({@code -},
     * {@code /} or {@code .}), 1 or 2 digits, a separator, 1 to 4 digits, then nothing or a time after a space or T.
     */
    static boolean looksLikeDate(byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        int[] widths = {4, 2, 4};
        for (int part = 0; part < 3; part++) {
            int start = p;
            while (p < end && p - start < widths[part] && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == start) {
                return false;
            }
            if (part < 2) {
                if (p == end || (b[p] != '-' && b[p] != '/' && b[p] != '.')) {
                    return false;
                }
                p++;
            }
        }
        return p == end || b[p] == ' ' || b[p] == 'T' || b[p] == 't';
    }

    private void noteNonDate(byte[] b, int off, int len, String file, int line) {
        firstNonDate = FastBytes.utf8(b, off, len);
        firstNonDateFile = file;
        firstNonDateLine = line;
    }

    AttributeSpec decide(AttributeType override, boolean isClass, MlLog log, String files) {
        AttributeType type;
        if (override != null) {
            type = override;
        } else if (nonNumeric() == 0) {
            if (missingMarkers > 0) {
                log.info("Column '" + name + "' is numeric; its " + missingMarkers
                        + " values such as NA or NaN are read as missing");
            }
            if (isClass
                    && numeric > 0
                    && allIntegers
                    && numericValues.size() <= DatasetReader.MAX_INTEGER_CLASS_VALUES) {
                type = AttributeType.NOMINAL;
                log.info("Class column '" + name + "' holds only the integers " + valuesInOrderOfAppearance()
                        + ", so it is read as nominal (classification); for regression declare <attributeTypes><"
                        + name + ">numeric</" + name + "></attributeTypes>");
            } else {
                type = AttributeType.NUMERIC;
            }
        } else if (dates > 0 && dates == nonNumeric() && numeric == 0 && !isClass) {
            type = AttributeType.DATE;
            if (missingMarkers > 0) {
                log.info("Column '" + name + "' is a date; its " + missingMarkers
                        + " values such as NA or null are read as missing");
            }
        } else if (!isClass && dates > 0 && (strays() == otherDateForms || strays() * 100 <= nonMissing)) {
            // a column of dates with a few strays, or with dates in two forms, is no set of labels: say which value
            throw new InvalidInputException(firstNonDateFile + " line " + firstNonDateLine + ", column '" + name
                    + "': '" + ArffGuard.excerpt(firstNonDate) + "' is not an ISO-8601 date, while " + dates
                    + " of the " + nonMissing + " values in this column are"
                    + (strays() == otherDateForms ? " (the column mixes date forms)" : "")
                    + "; write every date in ISO-8601 (" + DateValues.ISO_FORMS + "), or ? for a missing value;"
                    + " or declare the other form as the column's pattern, <attributeTypes><" + name
                    + ">date dd/MM/yyyy</" + name + "></attributeTypes> (ISO-8601 values are read too); or declare"
                    + " <attributeTypes><" + name + ">nominal</" + name + "></attributeTypes> to keep the text");
        } else if (numeric > 0 && nonNumeric() * 100 <= nonMissing) {
            throw new InvalidInputException(firstNonNumericFile + " line " + firstNonNumericLine + ", column '"
                    + name + "': '" + ArffGuard.excerpt(firstNonNumeric) + "' is not a number, while " + numeric
                    + " of the "
                    + nonMissing + " values in this column are; fix the value, or declare the column with"
                    + " <attributeTypes><" + name + ">nominal</" + name + "></attributeTypes>");
        } else if (!isClass && looksLikeFreeText()) {
            type = AttributeType.STRING;
            log.info("Column '" + name + "' has "
                    + (tooManyDistinct ? "over " + DatasetReader.MAX_NOMINAL_VALUES : distinctCount())
                    + " distinct values in " + nonMissing + " rows, most of them several words, so it is read as"
                    + " string (free text, for filters such as StringToWordVector); declare <attributeTypes><"
                    + name + ">nominal</" + name + "></attributeTypes> to change that");
        } else {
            type = AttributeType.NOMINAL;
        }
        if (type == AttributeType.NOMINAL) {
            if (tooManyDistinct) {
                throw new InvalidInputException(files + ": column '" + name + "' has more than "
                        + DatasetReader.MAX_NOMINAL_VALUES
                        + " distinct values, too many for a nominal attribute; if it is an identifier, remove it"
                        + " from the data; if it is free text, declare <attributeTypes><" + name + ">string</"
                        + name + "></attributeTypes>");
            }
            if (nonNumeric() == 0) {
                // integers read as nominal: NA and the like stay missing values, not labels
                return new AttributeSpec(
                        name,
                        type,
                        valuesInOrderOfAppearance().stream()
                                .filter(v -> !CsvNumbers.NUMERIC_MISSING_MARKERS.contains(v))
                                .toList());
            }
            return new AttributeSpec(name, type, valuesInOrderOfAppearance());
        }
        if (type == AttributeType.NUMERIC && firstOutOfRange != null) {
            throw new InvalidInputException(firstOutOfRangeFile + " line " + firstOutOfRangeLine + ", column '" + name
                    + "': " + DatasetReader.outOfRange(firstOutOfRange));
        }
        if (type == AttributeType.NUMERIC && nonNumeric() > 0) {
            throw new InvalidInputException(firstNonNumericFile + " line " + firstNonNumericLine + ", column '"
                    + name + "': '" + ArffGuard.excerpt(firstNonNumeric)
                    + "' is not a number, but <attributeTypes> declares '"
                    + name + "' numeric; fix the value or the declaration");
        }
        if (type == AttributeType.DATE) {
            return dateSpec(isClass);
        }
        return new AttributeSpec(name, type, List.of());
    }

    /**
     * The date attribute of an ISO-8601 column, inferred or declared: every value but missing ones must be a date. Its
     * pattern says what the values hold (days, times, fractions of a second); values are read as ISO-8601 whatever it
     * is.
     */
    private AttributeSpec dateSpec(boolean isClass) {
        if (isClass) {
            throw new InvalidConfigurationException(
                    "attributeTypes/" + name,
                    "class attribute '" + name + "' cannot be a date: a classifier predicts a nominal or numeric"
                            + " class; declare it nominal or numeric, or choose another <classAttribute>");
        }
        if (firstNonDate != null) {
            throw new InvalidInputException(firstNonDateFile + " line " + firstNonDateLine + ", column '" + name
                    + "': '" + ArffGuard.excerpt(firstNonDate) + "' is not a date, but <attributeTypes> declares '"
                    + name
                    + "' date" + (datePattern == null ? "" : " " + datePattern) + "; write it in ISO-8601 ("
                    + DateValues.ISO_FORMS + ")" + (datePattern == null ? "" : " or as " + datePattern)
                    + ", or ? or nothing for a missing value");
        }
        if (datePattern != null) {
            return new AttributeSpec(name, AttributeType.DATE, List.of(), datePattern);
        }
        String pattern = datesWithFraction > 0
                ? DateValues.DATE_TIME_MILLIS_PATTERN
                : datesWithTime > 0 ? DateValues.DATE_TIME_PATTERN : DateValues.DATE_PATTERN;
        return new AttributeSpec(name, AttributeType.DATE, List.of(), pattern);
    }

    /** Values that are neither ISO-8601 dates nor missing-value markers. */
    private long strays() {
        return numeric + nonNumeric() - dates;
    }

    /** Values that are neither numbers nor missing-value markers such as NA. */
    long nonNumeric() {
        return nonMissing - numeric - missingMarkers;
    }

    /**
     * Free text rather than categories: many distinct values (more than half the rows) and most of them with
     * whitespace inside. Identifiers (many distinct values, no spaces) stay nominal, as in Weka's CSVLoader.
     */
    boolean looksLikeFreeText() {
        long distinctCount = tooManyDistinct ? sampledDistinct : distinctCount();
        boolean many = tooManyDistinct || (distinctCount > STRING_MIN_DISTINCT && distinctCount * 2 > nonMissing);
        return many && spacedDistinct * 2 > distinctCount;
    }

    /**
     * Nominal values in the order they first appear in the files (read in their listed order), as Weka's
     * CSVLoader assigns them: models and metrics then equal Weka's command line on the same CSV files, where ties
     * (a J48 leaf with as many rows of each class) go to the first value.
     */
    List<String> valuesInOrderOfAppearance() {
        return List.copyOf(distinct.texts());
    }

    long distinctCount() {
        return distinct.size();
    }

    /** The schema that what a pass learned about the CSV columns decides. */
    static Schema decideSchema(
            DatasetReader owner,
            List<String> header,
            Path headerFile,
            List<Path> files,
            ReadOptions options,
            List<CsvColumn> stats,
            MlLog log) {
        String classAttribute = options.classAttribute();
        if (classAttribute == null || classAttribute.isBlank()) {
            classAttribute = header.get(header.size() - 1);
        } else if (!header.contains(classAttribute)) {
            throw new InvalidConfigurationException(
                    "classAttribute",
                    "class attribute '" + classAttribute + "' not found in " + owner.display(headerFile)
                            + "; its columns are: " + String.join(", ", header));
        }
        for (String name : options.attributeTypes().keySet()) {
            if (!header.contains(name)) {
                throw new InvalidConfigurationException(
                        "attributeTypes/" + name,
                        "<attributeTypes> names column '" + name + "' that " + owner.display(headerFile)
                                + " does not have; its columns are: " + String.join(", ", header));
            }
        }
        String filesShown = String.join(", ", files.stream().map(owner::display).toList());
        List<AttributeSpec> specs = new ArrayList<>();
        for (CsvColumn column : stats) {
            specs.add(column.decide(
                    options.attributeTypes().get(column.name), column.name.equals(classAttribute), log, filesShown));
        }
        return new Schema(specs, classAttribute);
    }
}
