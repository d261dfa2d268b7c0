package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.trees.J48;
import weka.core.Instances;

/** A model is found in a bundle folder, a jar or on the class path, and loaded only when it is the one its card names. */
class ModelLoadingTest {
    @TempDir
    Path dir;

    private static TrainedBundle weather;
    private static TrainedBundle credit;
    private static Map<String, Object> sunnyDay;

    @BeforeAll
    static void train() throws Exception {
        weather = TrainedBundle.train("weather", new J48(), Datasets.weatherNominal());
        credit = TrainedBundle.train("credit-risk", new J48(), Datasets.creditGTrain());
        sunnyDay = Datasets.features(Datasets.weatherNominal().instance(0));
    }

    private static URLClassLoader classPath(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, ModelLoadingTest.class.getClassLoader());
    }

    private static String expectedPlay() throws Exception {
        Instances data = Datasets.weatherNominal();
        return data.classAttribute().value((int) weather.classifier.classifyInstance(data.instance(0)));
    }

    @Test
    void loadsTheBundleFolderThePluginWrites() throws Exception {
        // given target/ml/weather/
        Path bundle = weather.writeBundle(dir.resolve("target/ml"));

        // when
        Model model = Model.load(bundle);

        // then
        assertThat(model.modelName()).isEqualTo("weather");
        assertThat(model.predict(sunnyDay)).isEqualTo(expectedPlay());
        assertThat(model.source()).contains(bundle.resolve("weather.model").toString());
    }

    @Test
    void loadsAJarHoldingOneModelWithoutANameAndByName() throws Exception {
        // given
        Path jar = TrainedBundle.writeJar(dir.resolve("weather-1.0.0.jar"), weather);

        // when
        Model unnamed = Model.load(jar);
        Model named = Model.load(jar, "weather");

        // then
        assertThat(unnamed.predict(sunnyDay)).isEqualTo(expectedPlay());
        assertThat(named.card()).isEqualTo(unnamed.card());
        assertThat(unnamed.source()).endsWith("weather-1.0.0.jar!/META-INF/ml-models/weather/weather.model");
    }

    @Test
    void jarHoldingSeveralModelsNeedsTheName() throws Exception {
        // given
        Path jar = TrainedBundle.writeJar(dir.resolve("models.jar"), weather, credit);

        // when / then
        assertThatThrownBy(() -> Model.load(jar))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 2 models (credit-risk, weather)")
                .hasMessageContaining("Model.load(path, \"credit-risk\")");
        assertThat(Model.load(jar, "credit-risk").classValues()).containsExactly("good", "bad");
        assertThat(Model.load(jar, "weather").classValues()).containsExactly("yes", "no");
    }

    @Test
    void modelNotInTheJarIsNotFoundAndTheNearestIsSuggested() throws Exception {
        // given
        Path jar = TrainedBundle.writeJar(dir.resolve("models.jar"), weather, credit);

        // when / then
        assertThatThrownBy(() -> Model.load(jar, "credit-risc"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no model 'credit-risc' in " + jar)
                .hasMessageContaining("models found there: credit-risk, weather (did you mean 'credit-risk'?)");
    }

    @Test
    void loadsAnUnpackedJarFolder() throws Exception {
        // given target/classes-like folder with META-INF/ml-models/weather/
        Path root = dir.resolve("classes");
        weather.writeBundle(root.resolve(BundleLayout.ROOT));

        // when
        Model model = Model.load(root);

        // then
        assertThat(model.modelName()).isEqualTo("weather");
    }

    @Test
    void loadsFromAClassLoaderThatHasTheModelsJar() throws Exception {
        // given the promoted jar as a dependency of an application
        Path jar = TrainedBundle.writeJar(dir.resolve("weather-1.0.0.jar"), weather);

        try (URLClassLoader application = classPath(jar)) {
            // when
            Model model = Model.load("weather", application);

            // then
            assertThat(model.predict(sunnyDay)).isEqualTo(expectedPlay());
            assertThat(model.source()).startsWith("jar:file:").endsWith("!/META-INF/ml-models/weather/weather.model");
        }
    }

    @Test
    void loadsFromTheThreadsContextClassLoaderByDefault() throws Exception {
        // given
        Path jar = TrainedBundle.writeJar(dir.resolve("weather-1.0.0.jar"), weather);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();

        try (URLClassLoader application = classPath(jar)) {
            thread.setContextClassLoader(application);

            // when
            Model model = Model.load("weather");

            // then
            assertThat(model.predict(sunnyDay)).isEqualTo(expectedPlay());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void modelOnTheApplicationClassPathIsFoundWhenTheContextClassLoaderDoesNotSeeIt() throws Exception {
        // given the model in the test classes folder (the application's class path), and a context class loader
        // that sees nothing, as some frameworks set one
        Path classes = Path.of(ModelLoadingTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path bundle = weather.writeBundle(classes.resolve(BundleLayout.ROOT));
        Path onClassPath = Files.move(bundle, bundle.resolveSibling("on-classpath"));
        ModelCard renamed = TrainedBundle.edited(weather.card, json -> json.put("modelName", "on-classpath"));
        Json.MAPPER.writeValue(onClassPath.resolve(BundleLayout.CARD_FILE).toFile(), renamed);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();

        try (URLClassLoader framework = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(framework);

            // when
            Model model = Model.load("on-classpath");

            // then
            assertThat(model.predict(sunnyDay)).isEqualTo(expectedPlay());
        } finally {
            thread.setContextClassLoader(previous);
            try (var files = Files.walk(onClassPath)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
            // the folders above, if nothing else is in them
            classes.resolve(BundleLayout.ROOT).toFile().delete();
            classes.resolve("META-INF").toFile().delete();
        }
    }

    @Test
    void severalModelJarsShareAClassPath() throws Exception {
        // given
        Path weatherJar = TrainedBundle.writeJar(dir.resolve("weather.jar"), weather);
        Path creditJar = TrainedBundle.writeJar(dir.resolve("credit-risk.jar"), credit);

        try (URLClassLoader application = classPath(weatherJar, creditJar)) {
            // when
            Model first = Model.load("weather", application);
            Model second = Model.load("credit-risk", application);

            // then
            assertThat(first.classAttribute()).isEqualTo("play");
            assertThat(second.classAttribute()).isEqualTo("class");
        }
    }

    @Test
    void modelMissingFromTheClassPathIsNotFoundNamingTheResourceAndTheModelsThere() throws Exception {
        // given
        Path jar = TrainedBundle.writeJar(dir.resolve("weather.jar"), weather);

        try (URLClassLoader application = classPath(jar)) {
            // when / then
            assertThatThrownBy(() -> Model.load("wether", application))
                    .isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("no model 'wether' on the class path")
                    .hasMessageContaining("META-INF/ml-models/wether/model-card.json")
                    .hasMessageContaining("Add the model's artifact as a dependency")
                    .hasMessageContaining("(did you mean 'weather'?)");
        }
    }

    @Test
    void sameModelTwiceOnTheClassPathAsDifferentModelsIsRefused() throws Exception {
        // given two jars with a model of the same name but different contents
        TrainedBundle retrained =
                TrainedBundle.train("weather", new weka.classifiers.bayes.NaiveBayes(), Datasets.weatherNominal());
        Path old = TrainedBundle.writeJar(dir.resolve("weather-1.0.0.jar"), weather);
        Path recent = TrainedBundle.writeJar(dir.resolve("weather-1.0.1.jar"), retrained);

        try (URLClassLoader application = classPath(old, recent)) {
            // when / then
            assertThatThrownBy(() -> Model.load("weather", application))
                    .isInstanceOf(ModelIntegrityException.class)
                    .hasMessageContaining("on the class path more than once")
                    .hasMessageContaining(weather.card.modelSha256())
                    .hasMessageContaining(retrained.card.modelSha256());
        }
    }

    @Test
    void sameModelTwiceOnTheClassPathAsCopiesLoads() throws Exception {
        // given
        Path one = TrainedBundle.writeJar(dir.resolve("a/weather.jar"), weather);
        Path copy = TrainedBundle.writeJar(dir.resolve("b/weather.jar"), weather);

        try (URLClassLoader application = classPath(one, copy)) {
            // when / then
            assertThat(Model.load("weather", application).predict(sunnyDay)).isEqualTo(expectedPlay());
        }
    }

    @Test
    void folderWithoutABundleIsNotAModel() throws Exception {
        // given
        Path empty = Files.createDirectories(dir.resolve("empty"));

        // when / then
        assertThatThrownBy(() -> Model.load(empty))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("has no model-card.json");
        assertThatThrownBy(() -> Model.load(dir.resolve("nowhere")))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void bundleFolderOfAnotherModelIsRefusedWhenANameIsGiven() throws Exception {
        // given
        Path bundle = weather.writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle, "credit-risk"))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("is the card of model 'weather', not of 'credit-risk'");
    }

    @Test
    void cardUnderAnotherModelsNameInAJarIsRefused() throws Exception {
        // given a jar whose credit-risk folder holds weather's card
        TrainedBundle misplaced =
                weather.withCard(card -> TrainedBundle.edited(card, json -> json.put("modelName", "other")));
        Path jar = TrainedBundle.writeJar(dir.resolve("misplaced.jar"), misplaced);

        // when / then
        assertThatThrownBy(() -> Model.load(jar, "weather"))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("is the card of model 'other', not of 'weather'");
    }

    @Test
    void invalidModelNamesAreRefused() {
        // when / then
        assertThatThrownBy(() -> Model.load("../secrets")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Model.load(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
