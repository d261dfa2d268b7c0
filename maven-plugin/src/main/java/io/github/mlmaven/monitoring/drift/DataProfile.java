package io.github.mlmaven.monitoring.drift;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.RadixSort;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * A compact profile of the training data, written by ml:train beside the model as {@value #FILE} and packed into the
 * promoted jar next to model-card.json: per attribute what {@link DriftAnalysis} needs to compute Evidently's
 * statistics against later rows.
 *
 * <p>Numeric and date attributes keep their distinct values with counts, so every statistic is exactly Evidently's on
 * the training data; an attribute with more than {@value #MAX_VALUES} distinct values keeps a seeded sample of
 * {@value #MAX_VALUES} of its values instead (the statistics are then Evidently's on that sample, while the choice of
 * test still counts every training row). Nominal and string attributes keep their value counts.
 *
 * @param rows the number of training rows
 * @param classAttribute the class attribute's name, or {@code null} when the data had none
 */
public record DataProfile(
        int schemaVersion, long rows, @Nullable String classAttribute, List<AttributeProfile> attributes) {

    public static final String FILE = "data-profile.json";
    public static final int SCHEMA_VERSION = 1;

    /**
     * The most distinct values kept per numeric attribute (and the sample size above it). Twice Evidently's 1,000-row
     * limit for the exact tests, so every column those tests see is kept whole; at about 20 bytes a value it bounds an
     * attribute at some 40 kB.
     */
    public static final int MAX_VALUES = 2_000;

    /** The sample's seed: fixed, so the same training data always gives the same profile. */
    static final long SAMPLE_SEED = 20_261_207L;

    /** The jar entry of a model's profile, beside its card. */
    public static String jarEntry(String modelName) {
        return BundleLayout.directory(modelName) + FILE;
    }

    public DataProfile {
        attributes = List.copyOf(attributes);
    }

    /** The profile of every attribute, the class one included. */
    public static DataProfile of(Instances trainingData) {
        // attributes are profiled independently (each a read of its column and a sort), so on every core; the list
        // keeps the attributes' order, so the file does not depend on the scheduling
        List<AttributeProfile> attributes = IntStream.range(0, trainingData.numAttributes())
                .parallel()
                .mapToObj(a -> profile(trainingData, trainingData.attribute(a)))
                .toList();
        String classAttribute =
                trainingData.classIndex() >= 0 ? trainingData.classAttribute().name() : null;
        return new DataProfile(SCHEMA_VERSION, trainingData.numInstances(), classAttribute, attributes);
    }

    /** The profile of one attribute, or {@code null} when {@code name} is not in the profile. */
    public @Nullable AttributeProfile attribute(String name) {
        for (AttributeProfile attribute : attributes) {
            if (attribute.name().equals(name)) {
                return attribute;
            }
        }
        return null;
    }

    private static AttributeProfile profile(Instances data, Attribute attribute) {
        int index = attribute.index();
        int n = data.numInstances();
        if (attribute.isNumeric() || attribute.isDate()) {
            double[] values = new double[n];
            int kept = 0;
            for (int r = 0; r < n; r++) {
                double v = data.instance(r).value(index);
                // Evidently drops infinities with the missing values
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    values[kept++] = v;
                }
            }
            values = Arrays.copyOf(values, kept);
            // a radix sort: a comparison sort of each column was most of the profile's time at a million rows
            RadixSort.sortAscending(values);
            long distinct = countDistinct(values);
            boolean sampled = distinct > MAX_VALUES;
            double[] kept2 = sampled ? sample(values) : values;
            List<Double> distinctValues = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < kept2.length; ) {
                int j = i;
                while (j < kept2.length && kept2[j] == kept2[i]) {
                    j++;
                }
                distinctValues.add(kept2[i]);
                counts.add((long) (j - i));
                i = j;
            }
            return new AttributeProfile(
                    attribute.name(),
                    attribute.isDate() ? "date" : "numeric",
                    n - kept,
                    kept == 0 ? null : quantiles(values),
                    distinct,
                    sampled,
                    List.of(),
                    distinctValues,
                    counts);
        }
        TreeMap<String, Long> stringCounts = new TreeMap<>();
        long[] nominalCounts = attribute.isNominal() ? new long[attribute.numValues()] : new long[0];
        long missing = 0;
        for (int r = 0; r < n; r++) {
            if (data.instance(r).isMissing(index)) {
                missing++;
            } else if (attribute.isNominal()) {
                nominalCounts[(int) data.instance(r).value(index)]++;
            } else {
                stringCounts.merge(data.instance(r).stringValue(index), 1L, Long::sum);
            }
        }
        List<String> categories = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long distinct;
        boolean sampled = false;
        if (attribute.isNominal()) {
            // every declared label, the unused ones with 0, so a label first seen later is told from a rare one
            distinct = 0;
            for (int v = 0; v < nominalCounts.length; v++) {
                categories.add(attribute.value(v));
                counts.add(nominalCounts[v]);
                distinct += nominalCounts[v] > 0 ? 1 : 0;
            }
        } else {
            distinct = stringCounts.size();
            // free text (identifiers, descriptions) would make the profile as large as the data: counted only
            sampled = distinct > MAX_VALUES;
            if (!sampled) {
                categories.addAll(stringCounts.keySet());
                counts.addAll(stringCounts.values());
            }
        }
        return new AttributeProfile(
                attribute.name(),
                attribute.isNominal() ? "nominal" : "string",
                missing,
                null,
                distinct,
                sampled,
                categories,
                List.of(),
                counts);
    }

    private static long countDistinct(double[] sorted) {
        long distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /**
     * {@value #MAX_VALUES} of the values drawn without replacement by a partial Fisher-Yates shuffle seeded with
     * {@link #SAMPLE_SEED}, sorted. Drawn from the sorted values, so the sample depends on the values only, not on
     * the order of the rows.
     */
    private static double[] sample(double[] sorted) {
        double[] pool = sorted.clone();
        Random random = new Random(SAMPLE_SEED);
        for (int i = 0; i < MAX_VALUES; i++) {
            int j = i + random.nextInt(pool.length - i);
            double swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        double[] sample = Arrays.copyOf(pool, MAX_VALUES);
        Arrays.sort(sample);
        return sample;
    }

    /** NumPy's default (linear) quantiles, the mean and the population standard deviation of all the values. */
    private static AttributeProfile.Quantiles quantiles(double[] sorted) {
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / sorted.length;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        return new AttributeProfile.Quantiles(
                sorted[0],
                quantile(sorted, 0.25),
                quantile(sorted, 0.5),
                quantile(sorted, 0.75),
                sorted[sorted.length - 1],
                mean,
                Math.sqrt(squares / sorted.length));
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * Writes {@value #FILE} into {@code directory}, atomically. Value lists stay on one line each: indented one per
     * line they would triple the file.
     */
    public void writeTo(Path directory) throws IOException {
        AtomicFiles.write(directory.resolve(FILE), out -> writer().writeValue(out, this));
    }

    /** The file's text, as {@link #writeTo} writes it. */
    public String toJson() throws IOException {
        return writer().writeValueAsString(this);
    }

    private static ObjectWriter writer() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance)
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        return Json.MAPPER.writer(printer);
    }

    /** The profile in {@code file}; empty when the file does not exist. */
    public static Optional<DataProfile> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(parse(in, file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the data profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** The profile packed in a promoted model jar; empty when the jar has none (a model promoted before profiles). */
    public static Optional<DataProfile> readFromJar(Path jar, String modelName) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(jarEntry(modelName));
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Optional.of(parse(in, jar + "!/" + entry.getName()));
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the data profile in " + jar + ": " + e.getMessage(), e);
        }
    }

    private static DataProfile parse(InputStream in, String where) throws IOException {
        DataProfile profile;
        try {
            profile = Json.MAPPER.readValue(in, DataProfile.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(
                    where + " is not a data profile (" + e.getOriginalMessage() + "); delete it and run ml:train again",
                    e);
        }
        if (profile.schemaVersion() != SCHEMA_VERSION || profile.attributes() == null) {
            throw new InvalidInputException(where + " has schemaVersion " + profile.schemaVersion()
                    + ", this plugin reads " + SCHEMA_VERSION + "; run ml:train again to write it anew");
        }
        for (AttributeProfile attribute : profile.attributes()) {
            attribute.check(where);
        }
        return profile;
    }
}
