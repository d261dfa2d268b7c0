package io.github.mlmaven.maven;

import io.github.mlmaven.api.ConfigurationCheckParameters;
import io.github.mlmaven.api.ConfigurationCheckParameters.Configured;
import io.github.mlmaven.api.ConfigurationCheckParameters.ValidateSettings;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.ValidateParameters;
import io.github.mlmaven.runtime.ModelLimits;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Adapts what Maven knows to the core's configuration check: the parameter names of every goal and the {@code ml.*}
 * properties they read (from the plugin descriptor, so a new parameter is known without a list to keep up to date),
 * the elements the POM gives the plugin (plugin level, pluginManagement and each execution), the {@code -Dml.*}
 * properties given, and ml:validate's settings as its executions will see them, so that ml:train can refuse them
 * before it trains.
 */
final class ConfigurationGuard {
    /** The core's step that runs the check. */
    static final String STEP = "check-configuration";

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(ml\\.[^}]+)}");
    /** The warnings said so far, per build (its repository session, which the per-module sessions of -T share). */
    private static final Map<Object, Set<String>> SAID = new WeakHashMap<>();

    /** Evaluates an expression such as {@code ${ml.folds}} as Maven does for a mojo; null when it names nothing. */
    @FunctionalInterface
    interface Evaluator {
        Object evaluate(String expression) throws Exception;
    }

    private final PluginDescriptor plugin;
    private final Evaluator evaluator;

    ConfigurationGuard(PluginDescriptor plugin, Evaluator evaluator) {
        this.plugin = plugin;
        this.evaluator = evaluator;
    }

    /**
     * The parameters of the core's {@link #STEP} for {@code goal}.
     *
     * @param declared the plugin's entry in the effective POM's build/plugins (pluginManagement merged in), or null
     * @param managed its entry in pluginManagement, or null; what a goal run from the command line reads when the
     *     plugin is not declared
     * @param given the names of the {@code ml.*} user and system properties
     * @param checkValidate whether to check ml:validate's settings (in ml:train and ml:validate)
     */
    ConfigurationCheckParameters parameters(
            String goal, Plugin declared, Plugin managed, Set<String> given, boolean checkValidate) {
        Map<String, List<String>> structures = structures();
        List<Configured> configured = new ArrayList<>();
        addConfigured(configured, declared, "", structures);
        addConfigured(configured, managed, " in <pluginManagement>", structures);
        List<ValidateSettings> validateSettings = new ArrayList<>();
        MojoDescriptor validate = plugin.getMojo(GoalNames.VALIDATE);
        if (checkValidate && validate != null) {
            Plugin declaration = declared != null ? declared : managed;
            // the configuration ml:validate gets on the command line, then that of each execution that binds it
            validateSettings.add(
                    validateSettings(validate, declaration == null ? null : dom(declaration.getConfiguration())));
            if (declared != null) {
                for (PluginExecution execution : declared.getExecutions()) {
                    if (execution.getGoals().contains(GoalNames.VALIDATE)) {
                        validateSettings.add(validateSettings(validate, dom(execution.getConfiguration())));
                    }
                }
            }
        }
        return new ConfigurationCheckParameters(
                goal,
                plugin.getArtifactId(),
                plugin.getGoalPrefix(),
                goalParameters(),
                structures,
                configured,
                new ArrayList<>(given),
                new ArrayList<>(knownProperties()),
                validateSettings);
    }

    private static void addConfigured(
            List<Configured> configured, Plugin declaration, String section, Map<String, List<String>> structures) {
        if (declaration == null) {
            return;
        }
        configured.add(configured(
                "the plugin's <configuration>" + section, List.of(), dom(declaration.getConfiguration()), structures));
        for (PluginExecution execution : declaration.getExecutions()) {
            configured.add(configured(
                    "<execution> '" + execution.getId() + "'" + section,
                    execution.getGoals(),
                    dom(execution.getConfiguration()),
                    structures));
        }
    }

    /**
     * Runs the check for {@code goal} in the core: a mistake ends the goal (translated by {@code core}), and each
     * warning is logged once per build.
     */
    static void check(
            String goal,
            MavenProject project,
            MavenSession session,
            MojoExecution execution,
            AbstractMlMojo.Core core,
            Log log)
            throws MojoExecutionException, MojoFailureException {
        if (execution == null || session == null) {
            return; // not run by Maven (a test that builds the goal by hand)
        }
        PluginDescriptor descriptor = execution.getMojoDescriptor().getPluginDescriptor();
        String key = descriptor.getPluginLookupKey();
        Plugin declared = project.getBuildPlugins().stream()
                .filter(p -> key.equals(p.getKey()))
                .findFirst()
                .orElse(null);
        Plugin managed = project.getPluginManagement() == null
                ? null
                : project.getPluginManagement().getPlugins().stream()
                        .filter(p -> key.equals(p.getKey()))
                        .findFirst()
                        .orElse(null);
        PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(session, execution);
        checkData(goal, declared, managed);
        ConfigurationCheckParameters parameters = new ConfigurationGuard(descriptor, evaluator::evaluate)
                .parameters(
                        goal,
                        declared,
                        managed,
                        mlProperties(session.getUserProperties(), session.getSystemProperties()),
                        GoalNames.TRAIN.equals(goal) || GoalNames.VALIDATE.equals(goal));
        List<String> warnings = core.call(STEP, goals -> goals.checkConfiguration(parameters, new SilentLog()));
        Object build = session.getRepositorySession() != null ? session.getRepositorySession() : session;
        warnOnce(build, log, warnings);
    }

    /**
     * Checks the {@code <trainingData>} and {@code <testData>} of every configuration of the plugin (plugin level,
     * pluginManagement, each execution): Maven hands them over unconverted, so nothing else would look inside a
     * {@code <jdbc>} of an execution this goal does not run.
     */
    static void checkData(String goal, Plugin... declarations) throws MojoExecutionException {
        for (Plugin declaration : declarations) {
            if (declaration == null) {
                continue;
            }
            List<Xpp3Dom> configurations = new ArrayList<>();
            configurations.add(dom(declaration.getConfiguration()));
            declaration.getExecutions().forEach(e -> configurations.add(dom(e.getConfiguration())));
            for (Xpp3Dom configuration : configurations) {
                for (String parameter : List.of("trainingData", "testData")) {
                    try {
                        DataConfiguration.check(parameter, child(configuration, parameter), value -> value);
                    } catch (DataConfiguration.ConfigurationError e) {
                        throw e.forGoal(goal);
                    }
                }
            }
        }
    }

    /** Logs each warning of the check once per build, however many goals and modules ran the check. */
    static void warnOnce(Object build, Log log, List<String> warnings) {
        if (warnings == null) {
            return;
        }
        for (String warning : warnings) {
            boolean first;
            synchronized (SAID) {
                first = SAID.computeIfAbsent(build, b -> Collections.synchronizedSet(new LinkedHashSet<>()))
                        .add(warning);
            }
            if (first) {
                log.warn(warning);
            }
        }
    }

    /** The names of the {@code ml.*} properties among the user and system properties. */
    static Set<String> mlProperties(Properties user, Properties system) {
        Set<String> names = new TreeSet<>();
        for (Properties properties : new Properties[] {user, system}) {
            if (properties != null) {
                for (String name : properties.stringPropertyNames()) {
                    if (name.startsWith("ml.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** Each goal's parameters that a POM may set (read-only ones such as project are Maven's to inject). */
    Map<String, List<String>> goalParameters() {
        Map<String, List<String>> goals = new LinkedHashMap<>();
        for (MojoDescriptor mojo : plugin.getMojos()) {
            List<String> names = new ArrayList<>();
            for (Parameter parameter : parameters(mojo)) {
                if (parameter.isEditable()) {
                    names.add(parameter.getName());
                    if (parameter.getAlias() != null && !parameter.getAlias().isBlank()) {
                        names.add(parameter.getAlias());
                    }
                }
            }
            goals.put(mojo.getGoal(), names);
        }
        return goals;
    }

    /**
     * The properties that some goal reads: the {@code ${ml.*}} expressions of the parameters, and the model-loading
     * limits, which the runtime library reads as a system property whichever goal loads a model.
     */
    Set<String> knownProperties() {
        Set<String> known = new TreeSet<>();
        known.add(ModelLimits.PROPERTY);
        for (MojoDescriptor mojo : plugin.getMojos()) {
            for (Parameter parameter : parameters(mojo)) {
                if (parameter.getExpression() != null) {
                    Matcher m = PROPERTY.matcher(parameter.getExpression());
                    while (m.find()) {
                        known.add(m.group(1));
                    }
                }
            }
        }
        return known;
    }

    /**
     * The child elements of the parameters whose type is one of the plugin's own classes ({@code <champion>}): Maven
     * refuses an unknown child only when the goal that declares the parameter runs, with no hint, and the other goals
     * never look. A list of such a class ({@code <slices>} of {@code <slice>}) is keyed by its path to the item, the
     * parameter's name without its plural s: {@code slices/slice}.
     */
    Map<String, List<String>> structures() {
        Map<String, List<String>> structures = new LinkedHashMap<>();
        for (MojoDescriptor mojo : plugin.getMojos()) {
            for (Parameter parameter : parameters(mojo)) {
                String type = parameter.getType();
                String name = parameter.getName();
                if (type == null || structures.containsKey(name)) {
                    continue;
                }
                if (type.startsWith("io.github.mlmaven.")) {
                    fieldsOf(type).ifPresent(fields -> structures.put(name, fields));
                } else if (type.equals("java.util.List") && name.endsWith("s")) {
                    itemType(mojo, name)
                            .flatMap(ConfigurationGuard::fieldsOf)
                            .ifPresent(fields ->
                                    structures.put(name + "/" + name.substring(0, name.length() - 1), fields));
                }
            }
        }
        return structures;
    }

    /** The fields of one of the plugin's classes, the elements it takes. */
    private static java.util.Optional<List<String>> fieldsOf(String type) {
        try {
            Class<?> bean = Class.forName(type, false, ConfigurationGuard.class.getClassLoader());
            List<String> fields = new ArrayList<>();
            for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        fields.add(field.getName());
                    }
                }
            }
            return java.util.Optional.of(fields);
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty(); // not a class of this plugin after all: nothing to check inside it
        }
    }

    /** The element class of a {@code List<...>} parameter of the plugin's own, from the Mojo's field. */
    private static java.util.Optional<String> itemType(MojoDescriptor mojo, String parameter) {
        try {
            Class<?> c = Class.forName(mojo.getImplementation(), false, ConfigurationGuard.class.getClassLoader());
            for (; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.getName().equals(parameter)
                            && field.getGenericType() instanceof java.lang.reflect.ParameterizedType list
                            && list.getActualTypeArguments()[0] instanceof Class<?> item
                            && item.getName().startsWith("io.github.mlmaven.")) {
                        return java.util.Optional.of(item.getName());
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // a goal this class loader cannot load has nothing to check here
        }
        return java.util.Optional.empty();
    }

    private static Configured configured(
            String where, List<String> goals, Xpp3Dom configuration, Map<String, List<String>> structures) {
        List<String> elements = new ArrayList<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        if (configuration != null) {
            for (Xpp3Dom element : configuration.getChildren()) {
                elements.add(element.getName());
                if (structures.containsKey(element.getName())) {
                    List<String> names = children.computeIfAbsent(element.getName(), n -> new ArrayList<>());
                    for (Xpp3Dom child : element.getChildren()) {
                        names.add(child.getName());
                    }
                }
                for (String key : structures.keySet()) {
                    // a list of the plugin's class: the children of each of its items
                    if (key.startsWith(element.getName() + "/")) {
                        List<String> names = children.computeIfAbsent(key, n -> new ArrayList<>());
                        for (Xpp3Dom item : element.getChildren(
                                key.substring(element.getName().length() + 1))) {
                            for (Xpp3Dom child : item.getChildren()) {
                                names.add(child.getName());
                            }
                        }
                    }
                }
            }
        }
        return new Configured(where, new ArrayList<>(goals), elements, children);
    }

    /** ml:validate's settings in one configuration: as written, else from the property, else the default. */
    private ValidateSettings validateSettings(MojoDescriptor validate, Xpp3Dom configuration) {
        Map<String, String> v = new LinkedHashMap<>();
        Set<String> explicit = new LinkedHashSet<>();
        Xpp3Dom champion = child(configuration, "champion");
        for (String name : List.of("thresholdsProperty", "evaluation", "folds", "holdoutPercent")) {
            Xpp3Dom element = child(configuration, name);
            String value = element != null ? text(element) : fromProperty(validate, name);
            if (value != null) {
                explicit.add(name);
            } else {
                value = defaultValue(validate, name);
            }
            v.put(name, value);
        }
        Xpp3Dom testData = child(configuration, "testData");
        List<ValidateParameters.Slice> slices = new ArrayList<>();
        Xpp3Dom slicesElement = child(configuration, "slices");
        if (slicesElement != null) {
            for (Xpp3Dom slice : slicesElement.getChildren()) {
                slices.add(new ValidateParameters.Slice(text(child(slice, "attributes")), text(child(slice, "bins"))));
            }
        }
        List<ValidateParameters.SliceThreshold> sliceThresholds = new ArrayList<>();
        Xpp3Dom rulesElement = child(configuration, "sliceThresholds");
        if (rulesElement != null) {
            for (Xpp3Dom rule : rulesElement.getChildren()) {
                sliceThresholds.add(new ValidateParameters.SliceThreshold(
                        text(child(rule, "slice")),
                        text(child(rule, "metric")),
                        text(child(rule, "min")),
                        text(child(rule, "max"))));
            }
        }
        Xpp3Dom minSliceSize = child(configuration, "minSliceSize");
        return new ValidateSettings(
                map(child(configuration, "thresholds")),
                v.get("thresholdsProperty"),
                map(child(champion, "maxDrop")),
                text(child(champion, "significance")),
                v.get("evaluation"),
                v.get("folds"),
                v.get("holdoutPercent"),
                testData != null
                        ? testData.getChildCount() > 0 || !isBlank(text(testData))
                        : !isBlank(fromProperty(validate, "testData")),
                explicit,
                slices,
                sliceThresholds,
                fromProperty(validate, "sliceThresholdsProperty"),
                minSliceSize != null ? text(minSliceSize) : fromProperty(validate, "minSliceSize"),
                engine(validate, configuration));
    }

    /** {@code <engine>} as ml:validate would read it: written, else the property, else the default. */
    private String engine(MojoDescriptor validate, Xpp3Dom configuration) {
        Xpp3Dom element = child(configuration, "engine");
        String value = element != null ? text(element) : fromProperty(validate, "engine");
        return value != null ? value : defaultValue(validate, "engine");
    }

    private String fromProperty(MojoDescriptor mojo, String name) {
        Parameter parameter = parameter(mojo, name);
        return parameter == null || parameter.getExpression() == null ? null : evaluate(parameter.getExpression());
    }

    private String defaultValue(MojoDescriptor mojo, String name) {
        Parameter parameter = parameter(mojo, name);
        return parameter == null || parameter.getDefaultValue() == null ? null : evaluate(parameter.getDefaultValue());
    }

    private Map<String, String> map(Xpp3Dom element) {
        if (element == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Xpp3Dom entry : element.getChildren()) {
            map.put(entry.getName(), text(entry));
        }
        return map;
    }

    private String text(Xpp3Dom element) {
        return element == null || element.getValue() == null ? null : evaluate(element.getValue());
    }

    private String evaluate(String expression) {
        try {
            Object value = evaluator.evaluate(expression);
            return value == null ? null : value.toString();
        } catch (Exception e) {
            return expression; // Maven reports an expression it cannot evaluate when it configures the goal
        }
    }

    private static Xpp3Dom child(Xpp3Dom parent, String name) {
        return parent == null ? null : parent.getChild(name);
    }

    private static Parameter parameter(MojoDescriptor mojo, String name) {
        return parameters(mojo).stream()
                .filter(p -> name.equals(p.getName()))
                .findFirst()
                .orElse(null);
    }

    private static List<Parameter> parameters(MojoDescriptor mojo) {
        return mojo.getParameters() == null ? List.of() : mojo.getParameters();
    }

    private static Xpp3Dom dom(Object configuration) {
        return configuration instanceof Xpp3Dom dom ? dom : null;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** The check logs nothing: its warnings come back to be said once per build. */
    private static final class SilentLog implements CoreLog {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void debug(String message) {}
    }
}
