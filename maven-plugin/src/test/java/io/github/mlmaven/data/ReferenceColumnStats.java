package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The oracle's column typing: what its first pass learns about one CSV column, and the type that decides. */
final class ReferenceColumnStats {
    final String name;
    long nonMissing;
    long numeric;
    boolean allIntegers = true;
    final Set<Double> numericValues = new HashSet<>();
    /** Distinct values in order of first appearance, until there are too many to be nominal. */
    final Map<String, Boolean> distinct = new LinkedHashMap<>();

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
    long dates;
    boolean datesWithTime;
    boolean datesWithFraction;
    String firstNonDate;
    String firstNonDateFile;
    int firstNonDateLine;
    long otherDateForms;

    private static final java.util.regex.Pattern OTHER_DATE_FORM = java.util.regex.Pattern.compile(
            "\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}([ Tt].*)?", java.util.regex.Pattern.DOTALL);

    ReferenceColumnStats(String name) {
        this.name = name;
    }

    void add(String text, String file, int line) {
        if (ReferenceDatasetReader.isMissing(text)) {
            return;
        }
        nonMissing++;
        if (!tooManyDistinct && distinct.putIfAbsent(text, Boolean.TRUE) == null) {
            if (text.strip().chars().anyMatch(Character::isWhitespace)) {
                spacedDistinct++;
            }
            if (distinct.size() > ReferenceDatasetReader.MAX_NOMINAL_VALUES) {
                // numeric columns end up here too; only a nominal column needs the values, and then it is an error
                tooManyDistinct = true;
                sampledDistinct = distinct.size();
                distinct.clear();
            }
        }
        Double value = ReferenceDatasetReader.tryParseNumber(text);
        if (ReferenceDatasetReader.NUMERIC_MISSING_MARKERS.contains(text)) {
            missingMarkers++;
        } else if (value != null) {
            numeric++;
            if (value.isInfinite() && firstOutOfRange == null) {
                firstOutOfRange = text;
                firstOutOfRangeFile = file;
                firstOutOfRangeLine = line;
            }
            if (value != Math.rint(value)) {
                allIntegers = false;
            }
            if (numericValues.size() <= ReferenceDatasetReader.MAX_INTEGER_CLASS_VALUES) {
                numericValues.add(value);
            }
        } else if (firstNonNumeric == null) {
            firstNonNumeric = text;
            firstNonNumericFile = file;
            firstNonNumericLine = line;
        }
        if (!ReferenceDatasetReader.NUMERIC_MISSING_MARKERS.contains(text)) {
            if (ReferenceDatasetReader.tryParseIsoDate(text) != null) {
                dates++;
                datesWithTime |= text.length() > 10;
                datesWithFraction |= text.contains(".");
            } else {
                if (value == null && OTHER_DATE_FORM.matcher(text).matches()) {
                    otherDateForms++;
                }
                if (firstNonDate == null) {
                    firstNonDate = text;
                    firstNonDateFile = file;
                    firstNonDateLine = line;
                }
            }
        }
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
                    && numericValues.size() <= ReferenceDatasetReader.MAX_INTEGER_CLASS_VALUES) {
                type = AttributeType.NOMINAL;
                log.info("Class column '" + name + "' holds only the integers " + valuesInOrderOfAppearance()
                        + ", so it is read as nominal (classification); for regression declare <attributeTypes><"
                        + name + ">numeric</" + name + "></attributeTypes>");
            } else {
                type = AttributeType.NUMERIC;
            }
        } else if (!isClass && dates > 0 && firstNonDate == null) {
            type = AttributeType.DATE;
            if (missingMarkers > 0) {
                log.info("Column '" + name + "' is a date; its " + missingMarkers
                        + " values such as NA or null are read as missing");
            }
        } else if (!isClass
                && dates > 0
                && (nonMissing - missingMarkers - dates == otherDateForms
                        || (nonMissing - missingMarkers - dates) * 100 <= nonMissing)) {
            throw new InvalidInputException(firstNonDateFile + " line " + firstNonDateLine + ", column '" + name
                    + "': '" + ArffGuard.excerpt(firstNonDate) + "' is not an ISO-8601 date, while " + dates
                    + " of the " + nonMissing + " values in this column are"
                    + (nonMissing - missingMarkers - dates == otherDateForms ? " (the column mixes date forms)" : "")
                    + "; write every date in ISO-8601 (yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss[.SSS]] (or a space for the"
                    + " T), optionally followed by Z or an offset such as +02:00), or ? for a missing value; or"
                    + " declare the other form as the column's pattern, <attributeTypes><" + name
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
                    + (tooManyDistinct ? "over " + ReferenceDatasetReader.MAX_NOMINAL_VALUES : distinctCount())
                    + " distinct values in " + nonMissing + " rows, most of them several words, so it is read as"
                    + " string (free text, for filters such as StringToWordVector); declare <attributeTypes><"
                    + name + ">nominal</" + name + "></attributeTypes> to change that");
        } else {
            type = AttributeType.NOMINAL;
        }
        if (type == AttributeType.NOMINAL) {
            if (tooManyDistinct) {
                throw new InvalidInputException(files + ": column '" + name + "' has more than "
                        + ReferenceDatasetReader.MAX_NOMINAL_VALUES
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
                                .filter(v -> !ReferenceDatasetReader.NUMERIC_MISSING_MARKERS.contains(v))
                                .toList());
            }
            return new AttributeSpec(name, type, valuesInOrderOfAppearance());
        }
        if (type == AttributeType.NUMERIC && firstOutOfRange != null) {
            throw new InvalidInputException(firstOutOfRangeFile + " line " + firstOutOfRangeLine + ", column '" + name
                    + "': " + ReferenceDatasetReader.outOfRange(firstOutOfRange));
        }
        if (type == AttributeType.NUMERIC && nonNumeric() > 0) {
            throw new InvalidInputException(firstNonNumericFile + " line " + firstNonNumericLine + ", column '"
                    + name + "': '" + ArffGuard.excerpt(firstNonNumeric)
                    + "' is not a number, but <attributeTypes> declares '"
                    + name + "' numeric; fix the value or the declaration");
        }
        if (type == AttributeType.DATE) {
            if (isClass) {
                throw new InvalidConfigurationException(
                        "attributeTypes/" + name,
                        "class attribute '" + name + "' cannot be a date: a classifier predicts a nominal or numeric"
                                + " class; declare it nominal or numeric, or choose another <classAttribute>");
            }
            if (firstNonDate != null) {
                throw new InvalidInputException(firstNonDateFile + " line " + firstNonDateLine + ", column '" + name
                        + "': '" + ArffGuard.excerpt(firstNonDate) + "' is not a date, but <attributeTypes> declares '"
                        + name + "' date; write it in ISO-8601 (yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss[.SSS]] (or a space"
                        + " for the T), optionally followed by Z or an offset such as +02:00), or ? or nothing for a"
                        + " missing value");
            }
            return new AttributeSpec(
                    name,
                    type,
                    List.of(),
                    datesWithFraction
                            ? "yyyy-MM-dd'T'HH:mm:ss.SSS"
                            : datesWithTime ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd");
        }
        return new AttributeSpec(name, type, List.of());
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
        boolean many = tooManyDistinct
                || (distinctCount > ReferenceDatasetReader.STRING_MIN_DISTINCT && distinctCount * 2 > nonMissing);
        return many && spacedDistinct * 2 > distinctCount;
    }

    /**
     * Nominal values in the order they first appear in the files (read in their listed order), as Weka's
     * CSVLoader assigns them: models and metrics then equal Weka's command line on the same CSV files, where ties
     * (a J48 leaf with as many rows of each class) go to the first value.
     */
    List<String> valuesInOrderOfAppearance() {
        return List.copyOf(distinct.keySet());
    }

    long distinctCount() {
        return distinct.size();
    }
}
