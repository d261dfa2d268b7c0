package io.github.mlmaven.common;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The valid name a misspelt one was most likely meant to be, for "did you mean" hints. Case is ignored first (so
 * {@code positiveclass} finds {@code positiveClass}), then the edit distance decides; a name too far from every
 * candidate gets no suggestion rather than a misleading one.
 */
public final class ClosestName {
    private ClosestName() {}

    /** The candidate closest to {@code given}, if one is within a third of its length (at least 2 edits). */
    public static Optional<String> to(String given, Collection<String> candidates) {
        String wanted = given.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestExact = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(given)) {
                continue;
            }
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            // among names equally close when case is ignored, the one that differs least in case too
            int exact = distance(given, candidate);
            if (distance < bestDistance
                    || (distance == bestDistance && exact < bestExact)
                    || (distance == bestDistance && exact == bestExact && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
                bestExact = exact;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
