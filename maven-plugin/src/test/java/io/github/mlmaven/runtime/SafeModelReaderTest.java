package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;
import weka.core.SerializationHelper;

class SafeModelReaderTest {
    private static final ClassLoader LOADER = SafeModelReaderTest.class.getClassLoader();
    private static final Predicate<Class<?>> NOTHING_ELSE = c -> false;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private Path serialized(String name, Object... objects) throws IOException {
        Path file = dir.resolve(name);
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            for (Object o : objects) {
                out.writeObject(o);
            }
        }
        return file;
    }

    /** A serializable classifier that smuggles another object along, as a crafted model file would. */
    static final class Smuggler extends weka.classifiers.rules.ZeroR {
        private static final long serialVersionUID = 1L;
        final Object payload;

        Smuggler(Object payload) {
            this.payload = payload;
        }
    }

    @Test
    void modelsOfCommonWekaClassifiersAreAllowed() throws Exception {
        // given models written by Weka's own SerializationHelper
        Instances credit = Datasets.loadWithWeka(Datasets.creditGTrainArff());
        List<Classifier> models = new ArrayList<>();
        RandomForest forest = new RandomForest();
        forest.setNumIterations(5);
        models.add(forest);
        models.add(new Logistic());
        FilteredClassifier filtered = new FilteredClassifier();
        filtered.setOptions(weka.core.Utils.splitOptions(
                "-F \"weka.filters.unsupervised.attribute.Discretize -B 5\" -W weka.classifiers.bayes.NaiveBayes"));
        models.add(filtered);

        for (Classifier model : models) {
            model.buildClassifier(credit);
            Path file = dir.resolve(model.getClass().getSimpleName() + ".model");
            SerializationHelper.writeAll(file.toString(), new Object[] {model, new Instances(credit, 0)});

            // when
            Classifier read = SafeModelReader.read(file, LOADER, NOTHING_ELSE);

            // then
            assertThat(read.classifyInstance(credit.instance(0)))
                    .as(model.getClass().getName())
                    .isEqualTo(model.classifyInstance(credit.instance(0)));
        }
    }

    @Test
    void objectOfAClassOutsideTheAllowListIsRefused() throws Exception {
        // given
        Path file = serialized("url.model", new URL("http://example.org/"));

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(file, LOADER, NOTHING_ELSE))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("refused to load")
                .hasMessageContaining("url.model")
                .hasMessageContaining("not allowed");
    }

    @Test
    void refusalNamesTheRefusedClass() throws Exception {
        // given
        Path file = serialized("url.model", new URL("http://example.org/"));

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(file, LOADER, NOTHING_ELSE))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("java.net.URL")
                .hasMessageNotContaining("class null");
    }

    @Test
    void disallowedObjectNestedInAClassifierIsRefused() throws Exception {
        // given
        Path file = serialized("nested.model", new Smuggler(new URL("http://example.org/")));

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(file, LOADER, c -> c == Smuggler.class))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("not allowed");
    }

    @Test
    void projectClassIsRefusedUnlessTheCallerVouchesForIt() throws Exception {
        // given
        Path file = serialized("probe.model", new DeserializationProbe());
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(file, LOADER, NOTHING_ELSE))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("not allowed");
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
        assertThat(SafeModelReader.read(file, LOADER, c -> c == DeserializationProbe.class))
                .isInstanceOf(DeserializationProbe.class);
    }

    @Test
    void refusedPrefixesWinOverTheAllowList() {
        // then
        assertThat(SafeModelReader.isAllowed(java.util.logging.Level.class, c -> false))
                .isFalse();
        assertThat(SafeModelReader.isAllowed(java.lang.reflect.Proxy.class, c -> false))
                .isFalse();
        assertThat(SafeModelReader.isAllowed(java.util.logging.Level.class, c -> true))
                .isFalse();
        assertThat(SafeModelReader.isAllowed(java.util.ArrayList.class, c -> false))
                .isTrue();
        assertThat(SafeModelReader.isAllowed(weka.classifiers.trees.J48.class, c -> false))
                .isTrue();
    }

    @Test
    void classesLoadedFromTheProjectClasspathAreVouchedFor() throws Exception {
        // given the test classes folder as the project's classpath
        Path testClasses = Path.of(DeserializationProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path file = serialized("probe.model", new DeserializationProbe());

        // when
        Predicate<Class<?>> project = SafeModelReader.loadedFrom(List.of(testClasses));

        // then
        assertThat(project.test(DeserializationProbe.class)).isTrue();
        assertThat(project.test(URL.class)).isFalse();
        assertThat(SafeModelReader.loadedFrom(List.of(dir)).test(DeserializationProbe.class))
                .isFalse();
        assertThat(SafeModelReader.read(file, LOADER, project)).isInstanceOf(DeserializationProbe.class);
    }

    @Test
    void fileHoldingSomethingOtherThanAClassifierIsRefused() throws Exception {
        // given an allowed object that is not a model
        Path file = serialized("list.model", new ArrayList<>(List.of("a", "b")));

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(file, LOADER, NOTHING_ELSE))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("java.util.ArrayList")
                .hasMessageContaining("not a Weka classifier");
    }

    @Test
    void fileThatIsNotASerializedObjectIsRefused() throws Exception {
        // given
        Path file = Datasets.writeCsv(dir, "text.model", "this is not a model");

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(file, LOADER, NOTHING_ELSE))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("text.model");
    }

    /** Keeps the compiler from warning that Smuggler's payload is never read. */
    static Serializable payloadOf(Smuggler smuggler) {
        return (Serializable) smuggler.payload;
    }
}
