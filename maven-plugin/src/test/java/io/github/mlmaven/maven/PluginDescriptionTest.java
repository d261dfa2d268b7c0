package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What {@code mvn ml:help} prints first: the plugin's description, from maven-plugin/pom.xml. */
class PluginDescriptionTest {

    @Test
    void theDescriptionNamesEveryGoal() throws Exception {
        // given the descriptor maven-plugin-plugin generated before the tests ran
        Document descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in)
                    .as("META-INF/maven/plugin.xml (generated at process-classes)")
                    .isNotNull();
            descriptor =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Element plugin = descriptor.getDocumentElement();
        String description = plugin.getElementsByTagName("description").item(0).getTextContent();
        List<String> goals = new ArrayList<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            goals.add(((Element) mojos.item(i))
                    .getElementsByTagName("goal")
                    .item(0)
                    .getTextContent());
        }

        // then
        assertThat(goals).contains(GoalNames.TRAIN, GoalNames.VALIDATE, GoalNames.PROMOTE, "help");
        assertThat(goals).allSatisfy(goal -> assertThat(description).contains("ml:" + goal));
    }
}
