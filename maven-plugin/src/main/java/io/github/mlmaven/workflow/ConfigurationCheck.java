package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ConfigurationCheckParameters;
import io.github.mlmaven.api.ConfigurationCheckParameters.Configured;
import io.github.mlmaven.api.ConfigurationCheckParameters.ValidateSettings;
import io.github.mlmaven.common.ClosestName;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what the user wrote before any goal does its work. Maven injects the configuration elements a goal declares
 * and ignores every other one without a word, so a misspelt {@code <threshold>} would switch the gate off; and ml:train
 * would spend its time training before ml:validate refuses a bound of 80 on recall. This class knows nothing of
 * Maven: it is fed the names of each goal's parameters, the elements found in the POM and the {@code -Dml.*}
 * properties given, and checks validation settings with the very parsers ml:validate uses.
 */
public final class ConfigurationCheck {
    private final String plugin;
    private final String prefix;
    private final Map<String, List<String>> goalParameters;
    private final Map<String, List<String>> structures;

    /**
     * @param plugin the plugin's artifactId, for messages
     * @param prefix the goal prefix, e.g. {@code ml}
     * @param goalParameters each goal's configurable parameters (aliases included)
     * @param structures the child elements that each structured parameter ({@code champion}, {@code mlflow}) takes
     */
    public ConfigurationCheck(
            String plugin,
            String prefix,
            Map<String, List<String>> goalParameters,
            Map<String, List<String>> structures) {
        this.plugin = plugin;
        this.prefix = prefix;
        this.goalParameters = goalParameters;
        this.structures = structures;
    }

    /**
     * Refuses every element that is a parameter of none of the plugin's goals, and every child of a structured
     * parameter that the structure does not have, naming the closest valid name and the parameters of {@code goal}.
     * An element of another goal is accepted: the plugin-level configuration is shared by all goals.
     */
    public void checkElements(String goal, List<Configured> configured) {
        Set<String> valid = new TreeSet<>();
        goalParameters.values().forEach(valid::addAll);
        List<String> problems = new ArrayList<>();
        String firstPath = null;
        Set<String> goalsToList = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Configured c : configured) {
            for (String element : c.elements()) {
                Map<String, String> found = new LinkedHashMap<>(); // path -> problem
                if (!valid.contains(element)) {
                    found.put(
                            element,
                            "<" + element + "> (in " + c.where() + ") is not a parameter of any goal of " + plugin
                                    + ClosestName.to(element, valid)
                                            .map(name -> "; did you mean <" + name + "> (" + goalsOf(name) + ")?")
                                            .orElse("; no parameter has a similar name."));
                } else {
                    // <champion>, and the items of a list such as <slices><slice> (keyed slices/slice)
                    for (Map.Entry<String, List<String>> structure : structures.entrySet()) {
                        String key = structure.getKey();
                        if (!key.equals(element) && !key.startsWith(element + "/")) {
                            continue;
                        }
                        List<String> allowed = structure.getValue();
                        String path = "<" + key.replace("/", "><") + ">";
                        for (String child : c.children().getOrDefault(key, List.of())) {
                            if (!allowed.contains(child)) {
                                found.put(
                                        key + "/" + child,
                                        path + "<" + child + "> (in " + c.where() + ") is not an element of " + path
                                                + ", which takes " + String.join(", ", allowed)
                                                + ClosestName.to(child, allowed)
                                                        .map(name -> "; did you mean " + path + "<" + name + ">?")
                                                        .orElse("."));
                            }
                        }
                    }
                }
                for (Map.Entry<String, String> problem : found.entrySet()) {
                    // the plugin-level configuration is merged into each execution's: report each mistake once
                    if (!seen.add(problem.getKey())) {
                        continue;
                    }
                    if (firstPath == null) {
                        firstPath = problem.getKey();
                    }
                    problems.add(problem.getValue());
                    goalsToList.add(
                            c.goals().isEmpty() || c.goals().contains(goal)
                                    ? goal
                                    : c.goals().get(0));
                }
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(String.join("\n", problems)).append('\n');
        message.append("Maven ignores configuration that no goal declares, so it would be lost without a word.");
        for (String g : goalsToList) {
            message.append(" Parameters of ")
                    .append(prefix)
                    .append(':')
                    .append(g)
                    .append(": ")
                    .append(String.join(", ", new TreeSet<>(goalParameters.getOrDefault(g, List.of()))))
                    .append('.');
        }
        message.append(" Each goal's parameters: mvn ").append(prefix).append(":help -Ddetail");
        throw new InvalidConfigurationException(firstPath, message.toString());
    }

    /**
     * One warning for each element of an execution that none of the execution's goals reads: Maven hands an
     * execution's configuration to its own goals only, so {@code <thresholds>} in an execution that binds only
     * {@code train} is lost. Elements also in the plugin-level configuration are left out: Maven copies those into
     * every execution.
     */
    public List<String> unreadInExecutions(List<Configured> configured) {
        Set<String> shared = new LinkedHashSet<>();
        configured.stream().filter(c -> c.goals().isEmpty()).forEach(c -> shared.addAll(c.elements()));
        List<String> warnings = new ArrayList<>();
        for (Configured c : configured) {
            List<String> goals =
                    c.goals().stream().filter(goalParameters::containsKey).toList();
            if (goals.isEmpty()) {
                continue;
            }
            for (String element : c.elements()) {
                boolean declaredSomewhere = goalParameters.values().stream().anyMatch(names -> names.contains(element));
                boolean readHere =
                        goals.stream().anyMatch(g -> goalParameters.get(g).contains(element));
                if (declaredSomewhere && !readHere && !shared.contains(element)) {
                    warnings.add("<" + element + "> in " + c.where() + " is read by none of its goals ("
                            + String.join(
                                    ", ",
                                    goals.stream().map(g -> prefix + ":" + g).toList())
                            + "), so it is ignored; it is a parameter of " + goalsOf(element)
                            + ": move it to an execution of that goal, or to the plugin's <configuration>");
                }
            }
        }
        return warnings;
    }

    /** One warning for each {@code -Dml.*} property that no goal reads, naming the closest one that a goal does. */
    public static List<String> unknownProperties(String plugin, Collection<String> given, Collection<String> known) {
        List<String> warnings = new ArrayList<>();
        for (String property : new TreeSet<>(given)) {
            if (!known.contains(property)) {
                warnings.add("-D" + property + " is not read by any goal of " + plugin
                        + ClosestName.to(property, known)
                                .map(name -> "; did you mean -D" + name + "?")
                                .orElse("; the properties each goal reads are listed in docs/goals.md"));
            }
        }
        return warnings;
    }

    /**
     * Refuses what ml:validate would refuse (metric names, threshold ranges, champion rules, the slice settings that
     * need no data, the evaluation method and its settings) with the same parsers, and returns a warning for each setting the evaluation method ignores.
     */
    public static List<String> checkValidateSettings(ValidateSettings s) {
        ThresholdParser.parse(s.thresholds(), s.thresholdsProperty());
        ChampionRules.parse(s.maxDrop(), s.significance());
        // what needs the model's attributes is checked when ml:validate starts
        SliceSettings.parse(
                s.slices().stream()
                        .map(x -> new SliceSettings.SliceText(x.attributes(), x.bins()))
                        .toList(),
                s.minSliceSize() == null || s.minSliceSize().isBlank() ? null : whole(s.minSliceSize(), "minSliceSize"),
                s.sliceThresholds().stream()
                        .map(t -> new SliceSettings.RuleText(t.slice(), t.metric(), t.min(), t.max()))
                        .toList(),
                s.sliceThresholdsProperty(),
                false);
        EvaluationMethod configured = EvaluationMethod.fromConfiguration(s.evaluation());
        EvaluationMethod method =
                configured != null ? configured : s.testData() ? EvaluationMethod.TEST : EvaluationMethod.CV;
        String how = configured != null
                ? "<evaluation> is " + method.id()
                : "evaluation is " + method.id() + (s.testData() ? " (there is <testData>)" : " (no <testData>)");
        List<String> warnings = new ArrayList<>();
        int folds = whole(s.folds(), "folds");
        int holdoutPercent = whole(s.holdoutPercent(), "holdoutPercent");
        SparkEvaluation.checkSupported(
                s.engine() != null && s.engine().strip().equals("spark"),
                method == EvaluationMethod.TEST,
                !s.slices().isEmpty(),
                s.significance() != null && !s.significance().isBlank());
        switch (method) {
            case TEST -> ValidateWorkflow.requireTestData(s.testData());
            case HOLDOUT -> TrainWorkflow.checkHoldoutPercent(holdoutPercent);
            case CV -> ValidateWorkflow.checkFolds(folds);
        }
        if (method != EvaluationMethod.CV && s.explicit().contains("folds")) {
            warnings.add("<folds>" + folds + "</folds> applies to cv only, and " + how + ": the folds are ignored");
        }
        if (method != EvaluationMethod.HOLDOUT && s.explicit().contains("holdoutPercent")) {
            warnings.add("<holdoutPercent>" + holdoutPercent + "</holdoutPercent> applies to holdout only, and " + how
                    + ": the percentage is ignored");
        }
        if (method != EvaluationMethod.TEST && s.testData()) {
            warnings.add("<testData> is not read: " + how + ", which evaluates on the training data");
        }
        return warnings;
    }

    private String goalsOf(String parameter) {
        List<String> goals = goalParameters.entrySet().stream()
                .filter(e -> e.getValue().contains(parameter))
                .map(e -> prefix + ":" + e.getKey())
                .toList();
        return goals.size() == goalParameters.size() ? "every goal" : String.join(", ", goals);
    }

    private static int whole(String text, String element) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    element, "<" + element + "> '" + text + "' is not a whole number, e.g. 10");
        }
    }

    /**
     * The check of a goal before it works: a mistake is thrown, the warnings are returned for the caller to log once
     * per build.
     */
    static List<String> run(ConfigurationCheckParameters p) {
        String goal = p.goal();
        ConfigurationCheck check =
                new ConfigurationCheck(p.plugin(), p.prefix(), orEmpty(p.goalParameters()), orEmpty(p.structures()));
        List<Configured> configured = p.configured();
        check.checkElements(goal, configured);
        List<String> warnings = new ArrayList<>(check.unreadInExecutions(configured));
        warnings.addAll(unknownProperties(p.plugin(), p.properties(), p.knownProperties()));
        for (ValidateSettings settings : p.validateSettings()) {
            try {
                warnings.addAll(checkValidateSettings(settings));
            } catch (InvalidConfigurationException e) {
                if ("validate".equals(goal)) {
                    throw e;
                }
                throw new InvalidConfigurationException(
                        e.parameter(),
                        "ml:validate would refuse this after training, so it is refused now: " + e.getMessage(),
                        e);
            }
        }
        return List.copyOf(new LinkedHashSet<>(warnings));
    }

    private static Map<String, List<String>> orEmpty(Map<String, List<String>> value) {
        return value == null ? Map.of() : new LinkedHashMap<>(value);
    }
}
