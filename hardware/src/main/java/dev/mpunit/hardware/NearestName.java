package dev.mpunit.hardware;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The accepted name a misspelt one was most likely meant to be: an inventory field, a
 * configuration key, a board name. Shared so that every "did you mean" of mpunit guesses alike.
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * The accepted name nearest to {@code name}: one that differs only in case, {@code -}, {@code _} or
     * spaces, else one within two edits (one for names shorter than five characters); empty when none is
     * that near.
     */
    public static Optional<String> among(String name, Collection<String> accepted) {
        String plain = plain(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : accepted) {
            if (plain(candidate).equals(plain)) {
                return Optional.of(candidate);
            }
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = name.length() < 5 ? 1 : 2;
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** camelCase, kebab-case and snake_case of one name meet here: powerOnDelay, power-on-delay. */
    private static String plain(String name) {
        return name.replaceAll("[_\\-\\s]", "").toLowerCase(Locale.ROOT);
    }

    /** Edit distance counting a swap of neighbours as one edit, the commonest typo ("serail"). */
    private static int distance(String a, String b) {
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
