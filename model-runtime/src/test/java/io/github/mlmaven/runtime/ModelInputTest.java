package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/** Features are checked against the training schema; each problem is an error that names the feature. */
class ModelInputTest {
    @TempDir
    static Path dir;

    private static Model credit;
    private static Model weather;

    @BeforeAll
    static void load() throws Exception {
        credit = Model.load(TrainedBundle.train("credit-risk", new J48(), Datasets.creditGTrain())
                .writeBundle(dir));
        weather = Model.load(TrainedBundle.train("weather", new J48(), Datasets.weatherNominal())
                .writeBundle(dir));
    }

    /** A valid credit-g applicant: the first test row. */
    private static Map<String, Object> applicant() {
        return Datasets.features(Datasets.creditGTest().instance(0));
    }

    /** outlook sunny, temperature hot, humidity high, windy FALSE. */
    private static Map<String, Object> sunnyDay() {
        Map<String, Object> day = new HashMap<>();
        day.put("outlook", "sunny");
        day.put("temperature", "hot");
        day.put("humidity", "high");
        day.put("windy", "FALSE");
        return day;
    }

    @Test
    void absentFeatureIsAnErrorNamingIt() {
        // given
        Map<String, Object> features = applicant();
        features.remove("credit_amount");

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("credit_amount"))
                .hasMessageContaining("missing feature 'credit_amount'")
                .hasMessageContaining("pass null for a value that is unknown");
    }

    @Test
    void severalAbsentFeaturesAreNamedTogether() {
        // given
        Map<String, Object> features = applicant();
        features.remove("age");
        features.remove("job");

        // when / then
        assertThatThrownBy(() -> credit.distribution(features))
                .isInstanceOf(ModelInputException.class)
                .hasMessageContaining("missing features 'age', 'job'");
    }

    @Test
    void unknownFeatureIsAnErrorListingTheFeaturesWithTheLikelyOne() {
        // given a misspelt key (and so the real one absent)
        Map<String, Object> features = applicant();
        features.put("credit_amout", features.remove("credit_amount"));

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("credit_amout"))
                .hasMessageContaining("unknown feature 'credit_amout' (did you mean 'credit_amount'?)")
                .hasMessageContaining("'checking_status', 'duration', 'credit_history'");
    }

    @Test
    void extraColumnIsAnUnknownFeatureNotSilentlyIgnored() {
        // given
        Map<String, Object> features = applicant();
        features.put("customer_id", 4711);

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOf(ModelInputException.class)
                .hasMessageContaining("unknown feature 'customer_id'")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void textForANumericFeatureIsAWrongTypeNamingTheFeature() {
        // given
        Map<String, Object> features = applicant();
        features.put("duration", "24");

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("duration"))
                .hasMessageContaining("feature 'duration' is numeric and takes a Number")
                .hasMessageContaining("java.lang.String \"24\"");
    }

    @Test
    void notANumberIsRefusedInFavourOfNull() {
        // given
        Map<String, Object> features = applicant();
        features.put("age", Double.NaN);

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("age"))
                .hasMessageContaining("pass null for a missing value");
    }

    @Test
    void decimalNumberForANominalFeatureIsAWrongType() {
        // given
        Map<String, Object> features = applicant();
        features.put("housing", 1.0);

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("housing"))
                .hasMessageContaining("feature 'housing' is nominal and takes a String")
                .hasMessageContaining("java.lang.Double 1.0");
    }

    @Test
    void nominalValueNeverSeenInTrainingIsAnErrorListingTheKnownValues() {
        // given
        Map<String, Object> features = applicant();
        features.put("housing", "boat");

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("housing"))
                .hasMessageContaining("feature 'housing' has value 'boat', which model 'credit-risk' never saw")
                .hasMessageContaining("its values are: 'rent', 'own', 'for free'");
    }

    @Test
    void nominalValuesAreCaseSensitiveAndTheNearOneIsSuggested() {
        // given Boolean.FALSE, whose text "false" differs from the training value FALSE in case
        Map<String, Object> day = sunnyDay();
        day.put("windy", Boolean.FALSE);

        // when / then
        assertThatThrownBy(() -> weather.predict(day))
                .isInstanceOf(ModelInputException.class)
                .hasMessageContaining("value 'false'")
                .hasMessageContaining("(did you mean 'FALSE'?)");
    }

    /** Weather as an application might model it; toString gives the training value. */
    enum Outlook {
        SUNNY,
        OVERCAST,
        RAINY;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Test
    void enumConstantsAreNominalValuesThroughToString() {
        // given
        Map<String, Object> asText = sunnyDay();
        Map<String, Object> asEnum = sunnyDay();
        asEnum.put("outlook", Outlook.SUNNY);

        // when / then
        assertThat(weather.distribution(asEnum)).isEqualTo(weather.distribution(asText));
    }

    @Test
    void booleansAndIntegralNumbersAreNominalValuesThroughToString() throws Exception {
        // given a model whose nominal attributes have the values true/false and 1..3
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("member", List.of("true", "false")));
        attributes.add(new Attribute("stars", List.of("1", "2", "3")));
        attributes.add(new Attribute("buys", List.of("yes", "no")));
        Instances data = new Instances("shop", attributes, 0);
        data.setClassIndex(2);
        double[][] rows = {{0, 2, 0}, {0, 1, 0}, {1, 0, 1}, {1, 1, 1}, {0, 2, 0}, {1, 0, 1}};
        for (double[] row : rows) {
            data.add(new DenseInstance(1.0, row));
        }
        Model shop = Model.load(TrainedBundle.train("shop", new J48(), data).writeBundle(dir));

        // when
        Map<String, Double> typed = shop.distribution(Map.of("member", true, "stars", 3));
        Map<String, Double> text = shop.distribution(Map.of("member", "true", "stars", "3"));

        // then
        assertThat(typed).isEqualTo(text);
        assertThat(shop.predict(Map.of("member", true, "stars", 3L))).isEqualTo("yes");
    }

    @Test
    void firstProblemInTrainingOrderIsReportedWhenSeveralValuesAreWrong() {
        // given
        Map<String, Object> features = applicant();
        features.put("duration", "long");
        features.put("checking_status", "plenty");

        // when / then
        assertThatThrownBy(() -> credit.predict(features))
                .isInstanceOfSatisfying(
                        ModelInputException.class, e -> assertThat(e.feature()).isEqualTo("checking_status"));
    }

    @Test
    void nullFeatureMapIsRefused() {
        // when / then
        assertThatThrownBy(() -> credit.predict(null)).isInstanceOf(NullPointerException.class);
    }
}
