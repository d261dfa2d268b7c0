package io.github.mlmaven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The layering of docs/architecture.md ("Packages inside maven-plugin"), checked on the compiled main classes: only
 * {@code maven} imports Maven, and each package imports only what its row below allows. When the table in the
 * document changes, change the row here in the same commit.
 */
@AnalyzeClasses(packages = "io.github.mlmaven", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String ROOT = "io.github.mlmaven.";

    // what a row may name besides the plugin's own packages
    /** Maven, its Resolver and its configuration DOM. */
    private static final String[] MAVEN = {"org.apache.maven..", "org.eclipse.aether..", "org.codehaus.plexus.."};

    private static final String WEKA = "weka..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String JGIT = "org.eclipse.jgit..";
    private static final String HTTP_CLIENT = "org.apache.hc..";
    private static final String COMMONS_MATH = "org.apache.commons.math3..";
    /** The runtime module's package (model-runtime): the bundle format, {@code Json}, {@code Sha256}. */
    private static final String RUNTIME = "runtime";

    // the JDK (and javac's annotations) are allowed everywhere
    private static final String[] EVERYWHERE = {"java..", "javax..", "org.jspecify.annotations.."};

    @ArchTest
    static final ArchRule onlyMavenImportsMaven = noClasses()
            .that()
            // ml_maven_plugin: the HelpMojo that maven-plugin-plugin generates
            .resideOutsideOfPackages(ROOT + "maven..", ROOT + "ml_maven_plugin..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(MAVEN)
            .because("only the Mojos talk to Maven; everything else is a plain library tested with JUnit alone");

    // package, then what it may import besides itself and the JDK: the table of docs/architecture.md. Where the code
    // needs more than the table says today, the extra names follow a comment saying which classes need them.
    @ArchTest
    static final ArchRule maven = row(
            "maven",
            "api",
            "workflow",
            // IsolatedCore masks URLs in a failure (Urls); GitHubVariables forwards the variables ci reads
            "common",
            "ci",
            MAVEN[0],
            MAVEN[1],
            MAVEN[2]);

    @ArchTest
    static final ArchRule workflow = row(
            "workflow",
            "api",
            "common",
            "data",
            "engine",
            "training",
            "evaluation",
            "artifact",
            "report",
            "ci",
            "monitoring",
            "registry",
            "retrain",
            "lineage",
            "weka",
            RUNTIME,
            WEKA,
            JACKSON);

    @ArchTest
    static final ArchRule engine = row(
            "engine",
            "common",
            "data",
            // SparkResult carries the training data's profile
            ROOT + "monitoring.drift..",
            // the job and its result as JSON with the runtime's Json
            RUNTIME,
            JACKSON);

    @ArchTest
    static final ArchRule api = row("api");

    @ArchTest
    static final ArchRule common = row("common");

    @ArchTest
    static final ArchRule weka = row("weka", WEKA);

    @ArchTest
    static final ArchRule data = row(
            "data",
            "common",
            "weka",
            WEKA,
            // Sha256 of the files read; FingerprintCache is a JSON file
            RUNTIME,
            JACKSON,
            // CsvNumbers parses with FastDoubleParser
            "ch.randelshofer.fastdoubleparser..",
            // ParquetTable and ParquetCodecs read .parquet files
            "org.apache.parquet..",
            "io.airlift.compress..");

    /**
     * The JDBC extraction below {@code data}: {@code data}'s row applies to it as well, and this one keeps it narrower
     * (no Weka, no readers), so {@code data}'s sources can use it without a cycle.
     */
    @ArchTest
    static final ArchRule dataJdbc = row(
            "data.jdbc",
            "common",
            // Sha256 of the parts and the query, the sidecars written with the runtime's Json
            RUNTIME,
            JACKSON);

    @ArchTest
    static final ArchRule training = row(
            "training",
            "common",
            "weka",
            WEKA,
            // InputsKey hashes with the runtime's Sha256
            RUNTIME);

    @ArchTest
    static final ArchRule evaluation = row("evaluation", "common", "training", WEKA);

    @ArchTest
    static final ArchRule artifact = row(
            "artifact",
            "common",
            "lineage",
            WEKA,
            JACKSON,
            // the bundle format, ModelBytes and SafeModelReader live in the runtime module
            RUNTIME);

    @ArchTest
    static final ArchRule report = row(
            "report",
            "evaluation",
            JACKSON,
            // AtomicFiles, the card's data section (ModelCard), Curves from Weka's predictions, the retrain line
            "common",
            RUNTIME,
            WEKA,
            "retrain");

    @ArchTest
    static final ArchRule ci = row(
            "ci",
            "common",
            "report",
            RUNTIME,
            HTTP_CLIENT,
            // GitHub's JSON; ModelOutputs reads a model's folder, its gate reasons and its retrain decision
            JACKSON,
            "artifact",
            "evaluation",
            "retrain");

    @ArchTest
    static final ArchRule monitoring = row(
            "monitoring",
            "common",
            "ci",
            "report",
            RUNTIME,
            HTTP_CLIENT,
            // MLflow's JSON; the steps read a model's folder and its metrics
            JACKSON,
            "artifact",
            "evaluation",
            // the steps take the goal's context (GoalContext) as the Mojo gave it
            "api",
            // monitoring.drift, narrower in its own row below
            WEKA,
            COMMONS_MATH);

    /** The training-data profile and Evidently's drift tests: pure, no Maven, no registry, no network. */
    @ArchTest
    static final ArchRule monitoringDrift = row("monitoring.drift", "common", RUNTIME, WEKA, JACKSON, COMMONS_MATH);

    @ArchTest
    static final ArchRule registry = row(
            "registry",
            "common",
            RUNTIME,
            JGIT,
            // RegistryDocument and TrainingInputs read and write JSON
            JACKSON);

    @ArchTest
    static final ArchRule retrain = row("retrain", "common", "data", "artifact", RUNTIME, WEKA, JACKSON);

    @ArchTest
    static final ArchRule lineage = row(
            "lineage",
            "common",
            JGIT,
            // GitLineage, the card's git section, is a runtime record
            RUNTIME);

    /**
     * One row of the table: the classes of {@code io.github.mlmaven.<pkg>} (and its sub-packages) depend only on
     * their own package, the JDK and {@code allowed}: plugin package names (e.g. {@code "common"}) or third-party
     * patterns (e.g. {@link #WEKA}). A package that does not exist yet passes.
     */
    private static ArchRule row(String pkg, String... allowed) {
        List<String> packages = new ArrayList<>(List.of(EVERYWHERE));
        packages.add(ROOT + pkg + "..");
        for (String name : allowed) {
            packages.add(name.contains(".") ? name : ROOT + name + "..");
        }
        return classes()
                .that()
                .resideInAPackage(ROOT + pkg + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(packages.toArray(String[]::new))
                .allowEmptyShould(true)
                .as(pkg + " imports only " + String.join(", ", allowed) + " and the JDK");
    }
}
