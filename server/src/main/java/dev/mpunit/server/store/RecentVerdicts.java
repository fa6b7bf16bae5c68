package dev.mpunit.server.store;

import java.util.Collection;

import dev.mpunit.server.ingest.Verdict;

/**
 * A series' recent verdicts as {@code test_status.recent} keeps them: one letter per run
 * ({@link Verdict#letter()}), newest first, at most {@value #MAX} of them.
 */
final class RecentVerdicts {

    static final int MAX = 64;

    private RecentVerdicts() {
    }

    /**
     * How often the series changed between pass and fail in the first {@code last} letters; skips,
     * ignores and expected failures in between neither count nor break a change ({@code PSF} is one).
     */
    static int flips(CharSequence recent, int last) {
        int flips = 0;
        char previous = 0;
        for (int i = 0; i < Math.min(last, recent.length()); i++) {
            char letter = recent.charAt(i);
            if (letter == Verdict.PASS.letter() || letter == Verdict.FAIL.letter()) {
                if (previous != 0 && previous != letter) {
                    flips++;
                }
                previous = letter;
            }
        }
        return flips;
    }

    static int flips(CharSequence recent) {
        return flips(recent, MAX);
    }

    /**
     * The one letter a run gets in a series where the test ran more than once (Octoprobe's two
     * tentacle roles of one board variant): a failure anywhere is the run's failure.
     */
    static Verdict ofRun(Collection<Verdict> verdicts) {
        for (Verdict worst : new Verdict[] {Verdict.FAIL, Verdict.PASS, Verdict.XFAIL, Verdict.IGNORED}) {
            if (verdicts.contains(worst)) {
                return worst;
            }
        }
        return Verdict.SKIP;
    }

    /** {@code letter} in front of {@code recent}, cut to {@value #MAX}. */
    static String prepend(char letter, String recent) {
        String longer = letter + (recent == null ? "" : recent);
        return longer.length() > MAX ? longer.substring(0, MAX) : longer;
    }
}
