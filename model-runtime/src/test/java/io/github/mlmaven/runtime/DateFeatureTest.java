package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * A model trained with a date attribute scores dates given as ISO-8601 text (or text of the card's format) and as
 * java.time values, each read as the milliseconds since 1970-01-01T00:00:00Z that training read.
 */
class DateFeatureTest {
    private static final long CUTOFF = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    static Path dir;

    private static Model model;
    private static Model patterned;

    /** Visits before 2024 are "old", later ones "new": the tree splits on the date near the cut-off. */
    private static Instances visits(String pattern) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("visit", pattern));
        attributes.add(new Attribute("amount"));
        attributes.add(new Attribute("class", List.of("old", "new")));
        Instances data = new Instances("visits", attributes, 0);
        data.setClassIndex(2);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            long day = CUTOFF + (random.nextInt(730) - 365) * 86_400_000L;
            data.add(new DenseInstance(1.0, new double[] {day, random.nextInt(100), day < CUTOFF ? 0 : 1}));
        }
        return data;
    }

    @BeforeAll
    static void load() throws Exception {
        model = Model.load(TrainedBundle.train("visits", new J48(), visits(DateValues.DATE_TIME_PATTERN))
                .writeBundle(dir));
        patterned = Model.load(
                TrainedBundle.train("dotted", new J48(), visits("dd.MM.yyyy")).writeBundle(dir.resolve("dotted")));
    }

    private static Map<String, Object> visit(Object when) {
        Map<String, Object> features = new HashMap<>();
        features.put("visit", when);
        features.put("amount", 10);
        return features;
    }

    @Test
    void cardShowsTheDateAndItsFormat() {
        assertThat(model.card().schema().attributes().get(0))
                .isEqualTo(new ModelCard.AttributeEntry("visit", "date", List.of(), "yyyy-MM-dd'T'HH:mm:ss"));
    }

    @Test
    void isoTextAndJavaTimeValuesScoreAsTheSameInstant() {
        // given: one moment after the cut-off, written every way the runtime accepts
        List<Object> moments = List.of(
                "2024-06-01T10:00:00",
                "2024-06-01 10:00:00.000",
                "2024-06-01T12:00:00+02:00",
                "2024-06-01T10:00Z",
                Instant.parse("2024-06-01T10:00:00Z"),
                OffsetDateTime.parse("2024-06-01T05:00:00-05:00"),
                ZonedDateTime.parse("2024-06-01T12:00:00+02:00[Europe/Paris]"),
                LocalDateTime.parse("2024-06-01T10:00:00"),
                Date.from(Instant.parse("2024-06-01T10:00:00Z")));

        for (Object moment : moments) {
            // when / then
            assertThat(model.predict(visit(moment))).as(String.valueOf(moment)).isEqualTo("new");
        }
        assertThat(model.predict(visit("2023-06-01"))).isEqualTo("old");
        assertThat(model.predict(visit(LocalDate.parse("2023-06-01")))).isEqualTo("old");
    }

    @Test
    void theValueIsTheMillisecondsTrainingRead() throws Exception {
        // given: the J48 of the model, trained on the same rows, and a value on each side of its split
        J48 tree = new J48();
        Instances data = visits(DateValues.DATE_TIME_PATTERN);
        tree.buildClassifier(data);
        for (String day : List.of("2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02")) {
            DenseInstance row = new DenseInstance(1.0, new double[] {DateValues.isoMillis(day), 10, 0});
            row.setDataset(data);
            String expected = data.classAttribute().value((int) tree.classifyInstance(row));

            // when / then
            assertThat(model.predict(visit(day))).as(day).isEqualTo(expected);
        }
    }

    @Test
    void textOfTheCardsOwnFormatIsAcceptedBesideIso() {
        assertThat(patterned.predict(visit("01.06.2024"))).isEqualTo("new");
        assertThat(patterned.predict(visit("2024-06-01"))).isEqualTo("new");
        assertThat(patterned.predict(visit("01.06.2023"))).isEqualTo("old");
    }

    @Test
    void nullIsMissing() {
        assertThat(model.distribution(visit(null))).containsOnlyKeys("old", "new");
    }

    @Test
    void textThatIsNoDateIsAnErrorNamingTheFeatureAndTheForms() {
        assertThatThrownBy(() -> model.predict(visit("June 1st")))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("visit"))
                .hasMessageContaining("feature 'visit' is a date")
                .hasMessageContaining("\"June 1st\"")
                .hasMessageContaining("yyyy-MM-ddTHH:mm[:ss[.SSS]]");
        assertThatThrownBy(() -> patterned.predict(visit("2024-06-01T25:00"))).hasMessageContaining("or dd.MM.yyyy");
    }

    @Test
    void numberIsRefusedNamingTheTypesAccepted() {
        assertThatThrownBy(() -> model.predict(visit(1_717_236_000_000L)))
                .isInstanceOf(ModelInputException.class)
                .hasMessageContaining("feature 'visit' is date")
                .hasMessageContaining("Instant, OffsetDateTime, ZonedDateTime, LocalDateTime (read as UTC)");
    }

    @Test
    void cardWhoseDateFormatIsNoPatternIsRefused() throws Exception {
        TrainedBundle bundle = TrainedBundle.train("broken", new J48(), visits(DateValues.DATE_TIME_PATTERN));
        TrainedBundle edited = bundle.withCard(card -> TrainedBundle.edited(
                card,
                json -> ((ObjectNode) json.get("schema").get("attributes").get(0)).put("format", "yyyy-MM-dd'T")));

        assertThatThrownBy(() -> Model.load(edited.writeBundle(dir.resolve("broken"))))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("date attribute 'visit'")
                .hasMessageContaining("no date pattern");
    }

    @Test
    void attributesThatAreNoDatesHaveNoFormatInTheCardsJson() throws Exception {
        String json = Json.MAPPER.writeValueAsString(new ModelCard.AttributeEntry("amount", "numeric", List.of()));

        assertThat(json).isEqualToIgnoringWhitespace("{\"name\":\"amount\",\"type\":\"numeric\"}");
        assertThat(Json.MAPPER.readValue(
                        "{\"name\":\"visit\",\"type\":\"date\",\"format\":\"yyyy-MM-dd\"}",
                        ModelCard.AttributeEntry.class))
                .isEqualTo(new ModelCard.AttributeEntry("visit", "date", List.of(), "yyyy-MM-dd"));
    }

    private static byte[] serialized(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void patternFormatIsTheSameBytesWhenAndWhereverItIsMade() throws Exception {
        // given: a SimpleDateFormat holds the moment it was made, in the machine's zone, unless the window is fixed
        TimeZone zone = TimeZone.getDefault();
        byte[] first;
        byte[] later;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            first = serialized(DateValues.patternFormat(DateValues.DATE_TIME_PATTERN));
            Thread.sleep(5);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            // when
            later = serialized(DateValues.patternFormat(DateValues.DATE_TIME_PATTERN));
        } finally {
            TimeZone.setDefault(zone);
        }

        // then
        assertThat(later).isEqualTo(first);
    }

    @Test
    void twoDigitYearsAreReadInTheFixedWindowFrom1950() {
        SimpleDateFormat format = DateValues.patternFormat("dd.MM.yy");

        assertThat(DateValues.patternMillis(format, "01.01.50"))
                .isEqualTo(Instant.parse("1950-01-01T00:00:00Z").toEpochMilli());
        assertThat(DateValues.patternMillis(format, "31.12.49"))
                .isEqualTo(Instant.parse("2049-12-31T00:00:00Z").toEpochMilli());
    }
}
