package example;

import io.github.mlmaven.runtime.Model;
import java.util.Map;

/** The application: advises whether to play, with the promoted model weather-play found on the classpath. */
public final class PlayAdvisor {
    private final Model model = Model.load("weather-play");

    public String advise(String outlook, String temperature, String humidity, boolean windy) {
        return model.predict(Map.of(
                "outlook", outlook,
                "temperature", temperature,
                "humidity", humidity,
                "windy", windy ? "TRUE" : "FALSE"));
    }

    public Model model() {
        return model;
    }
}
