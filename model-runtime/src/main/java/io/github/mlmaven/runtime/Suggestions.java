package io.github.mlmaven.runtime;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelt feature names, nominal values and model names. */
final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate the given text most likely meant: one that differs only in case, underscores, hyphens and spaces,
     * or else the single nearest within two edits (for texts of four characters or more). Empty when none is close or
     * when the nearest is not unique.
     */
    static Optional<String> closest(String given, Collection<String> candidates) {
        if (given == null) {
            return Optional.empty();
        }
        String normalized = normalize(given);
        for (String candidate : candidates) {
            if (!candidate.equals(given) && normalize(candidate).equals(normalized)) {
                return Optional.of(candidate);
            }
        }
        if (given.length() < 4) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean unique = false;
        for (String candidate : candidates) {
            int distance = distance(normalized, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                unique = true;
            } else if (distance == bestDistance) {
                unique = false;
            }
        }
        return best != null && unique && bestDistance <= 2 ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
