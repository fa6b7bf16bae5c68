package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mpunit.reporting.RunTestsCounts.Line;
import dev.mpunit.reporting.RunTestsCounts.Tone;

class RunTestsCountsTest {

    @Test
    void everyOutcomeHasItsLineInRunTestsOrderWithNamesSorted() {
        RunTestsCounts counts = new RunTestsCounts();
        counts.passed("basics/b.py");
        counts.passed("basics/a.py");
        counts.skipped("thread/t.py");
        counts.ignored("extmod/i.py");
        counts.xfailed("float/x.py");
        counts.flaky("basics/rescued.py", false);
        counts.flaky("basics/unrescued.py", true);
        counts.quarantined("misc/known.py");
        counts.failed("basics/z.py");
        counts.ranOtherwise();
        counts.testcases(4);
        counts.testcases(3);

        // Performed: everything but the skip, each file once (the unrescued flaky file is both flaky and failed).
        assertThat(counts.lines()).containsExactly(
                new Line("9 tests performed (7 individual testcases)", Tone.PLAIN),
                new Line("2 tests passed", Tone.PLAIN),
                new Line("1 tests skipped: thread/t.py", Tone.PLAIN),
                new Line("1 tests failed and were ignored: extmod/i.py", Tone.PLAIN),
                new Line("1 tests failed as expected: float/x.py", Tone.PLAIN),
                new Line("2 tests flaky (their attempts disagreed): basics/rescued.py basics/unrescued.py", Tone.WARNING),
                new Line("1 tests failed and were quarantined: misc/known.py", Tone.WARNING),
                new Line("2 tests failed: basics/unrescued.py basics/z.py", Tone.FAILURE));
    }

    @Test
    void withoutTestcasesOrListsOnlyTheTwoCountsRemain() {
        RunTestsCounts counts = new RunTestsCounts();
        counts.passed("basics/a.py");

        assertThat(counts.lines()).extracting(Line::text)
                .isEqualTo(List.of("1 tests performed", "1 tests passed"));
    }
}
