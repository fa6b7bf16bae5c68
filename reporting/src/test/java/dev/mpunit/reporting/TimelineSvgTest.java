package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.mpunit.contract.Verdicts;

/** The timeline's lanes: a two-board test on its board's lane and, lent, on its reference's. */
class TimelineSvgTest {

    private static final Instant T0 = Instant.parse("2026-12-06T16:00:00Z");

    private static FileOutcome outcome(String name, String tentacle, int from, int to, String reference) {
        return new FileOutcome(reference == null ? "RUN-TESTS_STANDARD" : "RUN-MULTITESTS_MULTINET", "MICROBIT", name,
                Verdicts.PASS, tentacle, T0.plusSeconds(from), T0.plusSeconds(to), "log", List.of(), null, reference, false);
    }

    @Test
    void aTwoBoardTestIsDrawnOnItsBoardsLaneAndLentOnItsReferencesWhileTheOthersRunAlone() {
        String svg = TimelineSvg.render(List.of(
                outcome("basics/a.py", "mb03", 0, 4, null),
                outcome("multi_net/pair.py", "mb01", 1, 3, "ref1"),
                outcome("basics/b.py", "ref1", 3, 4, null)), KnownFailures.NONE);

        assertThat(Pattern.compile("<text x=\"4\" y=\"\\d+\">([^<]+)</text>").matcher(svg).results()
                .map(match -> match.group(1)).toList()).containsExactly("mb03", "mb01", "ref1");
        assertThat(svg).contains("multi_net/pair.py (with the reference ref1): pass, 2000 ms")
                .contains("multi_net/pair.py (lent to mb01): pass, 2000 ms")
                .contains("<rect class=\"bar lent\"");
        assertThat(Pattern.compile("<rect ").matcher(svg).results().count()).isEqualTo(4);
    }
}
