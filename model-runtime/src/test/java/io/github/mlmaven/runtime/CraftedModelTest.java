package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.trees.J48;

/**
 * Models crafted to reach the JVM's limits (memory, stack, time) are refused with a {@link ModelIntegrityException}
 * naming the file, quickly and before the damage: each is a model whose card records its SHA-256, as a card written
 * by whoever crafted the model would.
 */
class CraftedModelTest {
    /** Every refusal here takes milliseconds; a generous bound for a loaded 2-core machine. */
    private static final long FAST_MILLIS = 5_000;

    @TempDir
    Path dir;

    private static final String MODEL_ENTRY = BundleLayout.modelResource("weather");

    private static TrainedBundle weather;
    /** The weather model's jar, with its card recording the model's size, and the model entry a zip bomb. */
    private static Path bomb;

    @BeforeAll
    static void train(@TempDir Path shared) throws Exception {
        weather = TrainedBundle.train("weather", new J48(), Datasets.weatherNominal());
        Path jar = TrainedBundle.writeJar(shared.resolve("weather.jar"), weather.withRecordedSize());
        bomb = ZipBomb.write(jar, shared.resolve("bomb.jar"), MODEL_ENTRY, 3L << 30, 3L << 30);
    }

    @Test
    void thirtyOneBytesDeclaringAnIntArrayOfTwoBillionElementsAreRefusedBeforeTheArrayIsAllocated() throws Exception {
        // given int[0] written by Java, with its length patched to 2^31 - 9: 31 bytes
        byte[] model = withIntAt(serialize(new int[0]), -4, Integer.MAX_VALUE - 8);

        // when / then
        refusedFast(model, "declares an array or collection of " + (Integer.MAX_VALUE - 8) + " elements");
    }

    @Test
    void listDeclaringASizeNearTwoToTheThirtyOneIsRefusedBeforeItsArrayIsAllocated() throws Exception {
        // given an ArrayList of one element whose size field says 2^31 - 2
        byte[] list = serialize(new ArrayList<>(List.of("x")));
        int size = indexOf(list, new byte[] {0x78, 0x70, 0, 0, 0, 1, 0x77, 4}) + 2;
        byte[] model = withIntAt(list, size, Integer.MAX_VALUE - 1);

        // when / then
        refusedFast(model, "declares an array or collection of");
    }

    @Test
    void mapDeclaringMoreThanABillionMappingsIsRefusedBeforeItsTableIsAllocated() throws Exception {
        // given a HashMap of one mapping whose count of mappings says 2^30
        HashMap<String, String> map = new HashMap<>();
        map.put("k", "v");
        byte[] bytes = serialize(map);
        int mappings = indexOf(bytes, new byte[] {0x77, 8}) + 6;
        byte[] model = withIntAt(bytes, mappings, 1 << 30);

        // when / then
        refusedFast(model, "declares an array or collection of");
    }

    @Test
    void listsNested200000DeepAreRefusedBeforeTheStackOverflows() throws Exception {
        // given ArrayLists, each the only element of the one around it, 200,000 deep (Java cannot write it: its own
        // writer would overflow, so the stream is put together from the bytes of one list)
        byte[] one = serialize(new ArrayList<>(Arrays.asList((Object) null)));
        byte[] head = Arrays.copyOf(one, one.length - 2); // up to the element: TC_NULL, TC_ENDBLOCKDATA follow
        byte[] nested = {0x73, 0x71, 0, 0x7e, 0, 0, 0, 0, 0, 1, 0x77, 4, 0, 0, 0, 1}; // a new list, same class
        int depth = 200_000;
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write(head);
        for (int i = 1; i < depth; i++) {
            model.write(nested);
        }
        model.write(0x70);
        for (int i = 0; i < depth; i++) {
            model.write(0x78);
        }

        // when / then
        refusedFast(model.toByteArray(), "its objects nest 401 deep, deeper than maxdepth=400");
    }

    @Test
    void nestedHashSetBombIsRefusedBeforeHashingItExplodes() throws Exception {
        // given the "SerialDOS" graph: 100 levels of two sets, each holding both sets of the next level; reading it
        // unchecked hashes 2^100 times
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        byte[] model = serialize(root);
        assertThat(model.length).isLessThan(6_000);

        // when / then
        refusedFast(model, "hashing them would take more than");
    }

    @Test
    void jarWhoseModelInflatesFarBeyondItsCardIsRefusedBeforeItIsReadWhole() throws Exception {
        // given a jar whose model entry inflates to 3 GB (a few MB compressed) while the card records the real size
        TrainedBundle recorded = weather.withRecordedSize();
        assertThat(Files.size(bomb)).isLessThan(20L << 20);

        // when / then: the entry declares 3 GB, more than the card's size
        refusedFast(
                () -> Model.load(bomb),
                "bomb.jar!/META-INF/ml-models/weather/weather.model has 3221225472 bytes"
                        + " but model-card.json records modelSizeBytes " + recorded.modelBytes.length);
    }

    @Test
    void jarThatUnderstatesTheInflatedSizeIsCutOffOneByteBeyondTheCard() throws Exception {
        // given a bomb whose central directory claims the card's size: only inflating tells
        TrainedBundle recorded = weather.withRecordedSize();
        Path jar = TrainedBundle.writeJar(dir.resolve("weather.jar"), recorded);
        int size = recorded.modelBytes.length;
        Path lying = ZipBomb.write(jar, dir.resolve("bomb.jar"), MODEL_ENTRY, 3L << 30, size);

        // when / then
        refusedFast(
                () -> Model.load(lying),
                "bomb.jar!/META-INF/ml-models/weather/weather.model has more than " + recorded.modelBytes.length
                        + " bytes but model-card.json records modelSizeBytes");
    }

    @Test
    void jarWithACardOfNoSizeIsBoundedByMaxBytes() throws Exception {
        // given a bomb and a card written before the size was recorded, with the limit lowered to 1 MB
        Path jar = TrainedBundle.writeJar(dir.resolve("weather.jar"), weather);
        Path bomb = ZipBomb.write(jar, dir.resolve("bomb.jar"), MODEL_ENTRY, 3L << 30, weather.modelBytes.length);
        String before = System.setProperty(ModelLimits.PROPERTY, "maxbytes=1m");
        try {
            // when / then: streamed through the hash only, never held
            refusedFast(
                    () -> Model.load(bomb), "weather.model has more than 1048576 bytes, more than maxbytes=1048576");
        } finally {
            restore(before);
        }
    }

    @Test
    void cardThatInflatesBeyondAnyCardIsRefusedBeforeItIsRead() throws Exception {
        // given
        Path jar = TrainedBundle.writeJar(dir.resolve("weather.jar"), weather);
        String card = BundleLayout.cardResource("weather");
        Path bomb = ZipBomb.write(jar, dir.resolve("bomb.jar"), card, 3L << 30, 3L << 30);
        Path lying = ZipBomb.write(jar, dir.resolve("lying.jar"), card, 3L << 30, 1_000);

        // when / then: the size declared, or the size inflated
        refusedFast(() -> Model.load(bomb), "model-card.json has " + (3L << 30) + " bytes");
        refusedFast(
                () -> Model.load(lying),
                "model-card.json has more than " + ModelBytes.MAX_CARD_BYTES + " bytes; a model card is at most");
    }

    @Test
    void limitsAreRaisedByTheSystemProperty() throws Exception {
        // given a model of a real tree, refused at a depth of 5, loaded at the default
        Path bundle = weather.writeBundle(dir);
        String before = System.setProperty(ModelLimits.PROPERTY, "maxdepth=5");
        try {
            assertThatThrownBy(() -> Model.load(bundle))
                    .isInstanceOf(ModelIntegrityException.class)
                    .hasMessageContaining("deeper than maxdepth=5")
                    .hasMessageContaining("-Dml.model.limits=maxdepth=<value>");
        } finally {
            restore(before);
        }
        assertThat(Model.load(bundle)
                        .predict(Datasets.features(Datasets.weatherNominal().get(0))))
                .isNotNull();
    }

    @Test
    void eachLimitRefusesARealModelBeyondItNamingTheLimit() throws Exception {
        // given the weather tree (4.7 kB, arrays of up to 32 elements, hundreds of references), each limit set below
        Path bundle = weather.writeBundle(dir);
        for (String limit : List.of("maxbytes=1k", "maxdepth=3", "maxrefs=10", "maxarray=3")) {
            String before = System.setProperty(ModelLimits.PROPERTY, limit);
            try {
                // when / then
                String name = limit.substring(0, limit.indexOf('='));
                assertThatThrownBy(() -> Model.load(bundle))
                        .as(limit)
                        .isInstanceOf(ModelIntegrityException.class)
                        .hasMessageContaining(bundle.resolve("weather.model").toString())
                        .hasMessageContaining(name + "=")
                        .hasMessageContaining("-Dml.model.limits=" + name + "=<value>");
            } finally {
                restore(before);
            }
        }
    }

    @Test
    void limitsPropertyThatCannotBeReadNamesTheLimits() {
        assertThatThrownBy(() -> ModelLimits.DEFAULTS.with("maxbytez=2g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "unknown limit 'maxbytez'; the limits are maxbytes, maxdepth, maxrefs and maxarray");
        assertThatThrownBy(() -> ModelLimits.DEFAULTS.with("maxdepth=-3"))
                .hasMessageContaining("'maxdepth=-3' is not name=positive number");
        assertThat(ModelLimits.DEFAULTS.with("maxbytes=2g, maxarray=5k"))
                .isEqualTo(new ModelLimits(ModelLimits.ARRAY_CEILING, 400, 200_000_000, 5 * 1024));
    }

    private void refusedFast(byte[] model, String reason) throws IOException {
        Path bundle = weather.withCraftedModel(model).writeBundle(dir);
        refusedFast(() -> Model.load(bundle), reason);
        assertThatThrownBy(() -> Model.load(bundle))
                .hasMessageContaining(bundle.resolve("weather.model").toString());
    }

    private static void refusedFast(org.assertj.core.api.ThrowableAssert.ThrowingCallable load, String reason) {
        long start = System.nanoTime();
        assertThatThrownBy(load).isInstanceOf(ModelIntegrityException.class).hasMessageContaining(reason);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(FAST_MILLIS);
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static byte[] withIntAt(byte[] bytes, int at, int value) {
        byte[] patched = bytes.clone();
        ByteBuffer.wrap(patched).putInt(at < 0 ? patched.length + at : at, value);
        return patched;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not in the stream");
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(ModelLimits.PROPERTY);
        } else {
            System.setProperty(ModelLimits.PROPERTY, before);
        }
    }
}
