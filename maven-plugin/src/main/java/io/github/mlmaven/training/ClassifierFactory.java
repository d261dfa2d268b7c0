package io.github.mlmaven.training;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import weka.classifiers.Classifier;
import weka.classifiers.meta.Bagging;
import weka.core.OptionHandler;
import weka.core.Randomizable;
import weka.core.Utils;

/** Builds a Weka classifier from its class name and an option string written as on Weka's command line. */
public final class ClassifierFactory {
    private ClassifierFactory() {}

    /**
     * Instantiates {@code algorithm} through {@code loader}, applies {@code options} (Weka's own parser, nested quotes
     * included; leftover options are an error as on Weka's CLI) and, when the classifier is randomizable and the
     * options do not set {@code -S}, the seed. A {@link Bagging} (so a {@code RandomForest}) whose options do not set
     * {@code -num-slots} builds its members on every core: they are seeded from the seed, so the model is the same.
     */
    public static Classifier create(String algorithm, String options, long seed, ClassLoader loader) {
        if (algorithm == null || algorithm.isBlank()) {
            throw new InvalidConfigurationException(
                    "algorithm", "<algorithm> is empty; name a Weka classifier class, e.g. weka.classifiers.trees.J48");
        }
        String className = algorithm.strip();
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new InvalidConfigurationException(
                    "algorithm",
                    "<algorithm> " + className + " is not a class on the plugin's or the project's classpath"
                            + suggestion(className)
                            + "; use a fully qualified Weka classifier name, or add the jar that has it as a"
                            + " project dependency");
        }
        if (!Classifier.class.isAssignableFrom(type)) {
            throw new InvalidConfigurationException(
                    "algorithm",
                    "<algorithm> " + className + " is not a Weka classifier (weka.classifiers.Classifier)");
        }
        Classifier classifier;
        try {
            classifier = (Classifier) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new InvalidConfigurationException(
                    "algorithm", "<algorithm> " + className + " cannot be instantiated: " + e, e);
        }
        String[] tokens = split(options);
        // options after "--" belong to an inner classifier; only a top-level -S sets this one's seed
        List<String> topLevel = Arrays.asList(tokens);
        int innerStart = topLevel.indexOf("--");
        List<String> ownOptions = innerStart < 0 ? topLevel : topLevel.subList(0, innerStart);
        boolean seedInOptions = ownOptions.contains("-S");
        boolean slotsInOptions = ownOptions.contains("-num-slots");
        if (tokens.length > 0) {
            if (!(classifier instanceof OptionHandler handler)) {
                throw new InvalidConfigurationException(
                        "options", "<options> given, but " + className + " takes no options");
            }
            String[] remaining = tokens.clone();
            try {
                handler.setOptions(remaining);
                Utils.checkForRemainingOptions(remaining);
            } catch (Exception e) {
                throw new InvalidConfigurationException(
                        "options",
                        "<options> '" + options + "' rejected by " + className + ": " + e.getMessage()
                                + "; write them as on Weka's command line",
                        e);
            }
        }
        if (classifier instanceof Randomizable randomizable && !seedInOptions) {
            randomizable.setSeed((int) seed);
        }
        if (classifier instanceof Bagging bagging && !slotsInOptions) {
            // Bagging and RandomForest seed each member from the seed, so the model is the same with any slots
            bagging.setNumExecutionSlots(Runtime.getRuntime().availableProcessors());
        }
        return classifier;
    }

    /** The options the classifier reports after configuration, as Weka would print them. */
    public static String effectiveOptions(Classifier classifier) {
        return classifier instanceof OptionHandler handler ? Utils.joinOptions(handler.getOptions()) : "";
    }

    static String[] split(String options) {
        if (options == null || options.isBlank()) {
            return new String[0];
        }
        try {
            return Utils.splitOptions(options.strip());
        } catch (Exception e) {
            throw new InvalidConfigurationException(
                    "options",
                    "<options> '" + options + "' cannot be parsed: " + e.getMessage()
                            + "; quote nested options with double quotes and escape inner quotes with \\\"",
                    e);
        }
    }

    /** Weka classifiers whose simple name matches the unknown one, read from Weka's own jar. */
    private static String suggestion(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        List<String> matches = new ArrayList<>();
        try {
            Path jar = Path.of(Classifier.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.startsWith("weka/classifiers/") && n.endsWith(".class") && !n.contains("$"))
                        .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
                        .filter(n -> {
                            String s = n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                            return s.equals(simple) || editDistance(s, simple) <= 1;
                        })
                        .limit(5)
                        .forEach(matches::add);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "";
        }
        return matches.isEmpty() ? "" : " (did you mean " + String.join(" or ", matches) + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
