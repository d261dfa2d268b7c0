package io.github.mlmaven.runtime;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.trees.J48;

/**
 * Feature maps mutated in every way an application could get them wrong (keys missing, misspelt or null; values of any
 * type, NaN, infinite, huge, empty or odd text) end in a prediction or a {@link ModelInputException}; never another
 * exception. Covers a nominal class (credit-g, numeric and nominal features) and a numeric one (cpu).
 */
class InputSchemaFuzzTest {
    private static final Model CREDIT;
    private static final Model CPU;
    private static final Map<String, Object> CREDIT_ROW;
    private static final Map<String, Object> CPU_ROW;

    static {
        try {
            var dir = Files.createTempDirectory("input-schema-fuzz");
            CREDIT = Model.load(TrainedBundle.train("credit", new J48(), Datasets.creditGTrain())
                    .writeBundle(dir));
            CPU = Model.load(TrainedBundle.train("cpu", new LinearRegression(), Datasets.cpu())
                    .writeBundle(dir));
            CREDIT_ROW = Datasets.features(Datasets.creditGTest().get(0));
            CPU_ROW = Datasets.features(Datasets.cpu().get(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mutatedFeaturesPredictOrAreRefused(FuzzedDataProvider data) {
        boolean credit = data.consumeBoolean();
        Model model = credit ? CREDIT : CPU;
        Map<String, Object> features = new HashMap<>(credit ? CREDIT_ROW : CPU_ROW);
        List<String> names = model.featureNames();
        int edits = data.consumeInt(0, 6);
        for (int i = 0; i < edits; i++) {
            String name = data.consumeBoolean() ? data.pickValue(names) : data.consumeString(20);
            switch (data.consumeInt(0, 2)) {
                case 0 -> features.remove(name);
                case 1 -> features.put(data.consumeBoolean() ? name : null, value(data));
                default -> features.put(name, value(data));
            }
        }
        try {
            if (credit) {
                model.predict(features);
                model.distribution(features);
            } else {
                model.predictValue(features);
                model.predict(features);
            }
        } catch (ModelInputException refused) {
            // the documented refusal of input that does not fit the training schema
        }
    }

    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 13)) {
            case 0 -> null;
            case 1 -> data.consumeString(40);
            case 2 -> data.consumeDouble();
            case 3 -> data.consumeInt();
            case 4 -> data.consumeLong();
            case 5 -> data.consumeBoolean();
            case 6 -> data.consumeFloat();
            case 7 -> new BigDecimal(BigInteger.valueOf(data.consumeLong()), data.consumeInt(-400, 400));
            case 8 -> new BigInteger(1, data.consumeBytes(40));
            case 9 -> data.consumeChar();
            case 10 -> data.consumeShort();
            case 11 -> new StringBuilder(data.consumeString(10));
            case 12 -> List.of(data.consumeString(5));
            default -> Thread.State.values()[data.consumeInt(0, Thread.State.values().length - 1)];
        };
    }
}
