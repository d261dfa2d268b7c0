package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mlmaven.runtime.ModelInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlayAdvisorTest {
    private final PlayAdvisor advisor = new PlayAdvisor();

    @Test
    void predictsWithThePromotedModel() {
        // NaiveBayes on weather.nominal (every overcast day is a yes): sunny, hot, high -> no; overcast -> yes
        String sunny = advisor.advise("sunny", "hot", "high", false);
        String overcast = advisor.advise("overcast", "mild", "high", true);
        String rainyWindy = advisor.advise("rainy", "cool", "normal", true);
        // verify.groovy reads these lines in build.log
        System.out.println("PlayAdvisor: sunny,hot,high,FALSE -> " + sunny);
        System.out.println("PlayAdvisor: overcast,mild,high,TRUE -> " + overcast);
        System.out.println("PlayAdvisor: rainy,cool,normal,TRUE -> " + rainyWindy);
        System.out.println("PlayAdvisor: model " + advisor.model().modelName() + " sha256 "
                + advisor.model().card().modelSha256() + " from " + advisor.model().source());
        assertEquals("no", sunny);
        assertEquals("yes", overcast);
        assertTrue(rainyWindy.equals("yes") || rainyWindy.equals("no"), rainyWindy);
        Map<String, Double> distribution = advisor.model()
                .distribution(Map.of("outlook", "overcast", "temperature", "mild", "humidity", "high", "windy", "TRUE"));
        assertEquals(1.0, distribution.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void aValueTheModelNeverSawIsRefusedNamingTheFeature() {
        ModelInputException e =
                assertThrows(ModelInputException.class, () -> advisor.advise("foggy", "hot", "high", false));
        System.out.println("PlayAdvisor: foggy -> " + e.getMessage());
        assertEquals("outlook", e.feature());
        assertTrue(e.getMessage().contains("foggy"), e.getMessage());
    }
}
