package io.github.mlmaven.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maven coordinates as a user writes them in a list element ({@code <spark><dependencies>}): checked in one place,
 * because both the Maven side (before it resolves them) and the core (when it parses the settings) read them.
 */
public final class MavenCoordinates {
    private MavenCoordinates() {}

    /**
     * The entries stripped, in their order; null gives none.
     *
     * @param parameter the element's path, e.g. {@code spark/dependencies}, named by the error
     * @param example a correct entry, shown in the error
     * @throws InvalidConfigurationException for an entry that is not {@code groupId:artifactId:version}
     */
    public static List<String> checked(List<String> given, String parameter, String example) {
        if (given == null) {
            return List.of();
        }
        List<String> coordinates = new ArrayList<>();
        for (String entry : given) {
            String coordinate = entry == null ? "" : entry.strip();
            String[] parts = coordinate.split(":", -1);
            if (parts.length != 3
                    || Arrays.stream(parts)
                            .anyMatch(part -> part.isBlank() || part.chars().anyMatch(Character::isWhitespace))) {
                String element = "<" + parameter.replace("/", "><") + ">";
                throw new InvalidConfigurationException(
                        parameter,
                        element + " has the entry '" + coordinate + "'; each <dependency> must be a Maven coordinate"
                                + " groupId:artifactId:version, e.g. <dependency>" + example + "</dependency>");
            }
            coordinates.add(coordinate);
        }
        return List.copyOf(coordinates);
    }
}
