package dev.mpunit.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    private final InstantSource clock = now::get;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private Progress progress(Progress.Style style, int width) {
        return new Progress(out, clock, style, width, false);
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLineCountsFailuresNamesWhatEachTentacleRunsAndEstimatesTheRest() {
        Progress progress = progress(Progress.Style.TERMINAL, 200);
        progress.start(10);
        progress.testStarted("2731-RPI_PICO2", "basics/list1.py");
        progress.testStarted("emu-microbit-1", "basics/dict1.py");
        assertThat(progress.line()).isEqualTo(
                "mpunit: 0/10 tests · 0 failed · running: 2731-RPI_PICO2 basics/list1.py, emu-microbit-1 basics/dict1.py");
        advance(Duration.ofMinutes(1));
        progress.testFinished("2731-RPI_PICO2", "basics/list1.py", true);
        progress.testFinished("emu-microbit-1", "basics/dict1.py", false);
        // two tests a minute, eight to go
        assertThat(progress.line()).isEqualTo("mpunit: 2/10 tests · 1 failed · ETA 4 min");
    }

    @Test
    void aTerminalLineIsRedrawnInPlaceAndReplacedByTheSummary() {
        Progress progress = progress(Progress.Style.TERMINAL, 200);
        progress.start(2);
        progress.redraw();
        progress.testStarted("t1", "a.py");
        progress.redraw();
        advance(Duration.ofSeconds(42));
        progress.testFinished("t1", "a.py", false);
        progress.testFinished("t2", "b.py", false);
        progress.finish();
        assertThat(written()).isEqualTo("\r\033[2Kmpunit: 0/2 tests · 0 failed"
                + "\r\033[2Kmpunit: 0/2 tests · 0 failed · running: t1 a.py"
                + "\r\033[2Kmpunit: 2 tests · 0 failed · 42 s\n");
    }

    @Test
    void withoutATerminalEachRedrawIsAPlainLine() {
        Progress progress = progress(Progress.Style.PLAIN, 200);
        progress.start(3);
        progress.redraw();
        advance(Duration.ofMinutes(2));
        progress.testFinished("t1", "a.py", true);
        progress.redraw();
        progress.finish();
        assertThat(written()).doesNotContain("\r").isEqualTo("mpunit: 0/3 tests · 0 failed\n"
                + "mpunit: 1/3 tests · 1 failed · ETA 4 min\n"
                + "mpunit: 1/3 tests · 1 failed · 2 min\n");
    }

    @Test
    void offPrintsNothing() {
        Progress progress = progress(Progress.Style.OFF, 200);
        progress.start(1);
        progress.testStarted("t1", "a.py");
        progress.redraw();
        progress.testFinished("t1", "a.py", true);
        progress.finish();
        assertThat(written()).isEmpty();
    }

    @Test
    void aLongRunningListIsCutSoTheLineNeverWrapsButKeepsItsEta() {
        Progress progress = progress(Progress.Style.TERMINAL, 80);
        progress.start(100);
        for (int i = 0; i < 10; i++) {
            progress.testStarted("emu-microbit-" + i, "basics/some_long_test_name_" + i + ".py");
        }
        advance(Duration.ofMinutes(1));
        progress.testFinished("x", "y.py", false);
        progress.redraw();
        String drawn = written().substring("\r\033[2K".length());
        assertThat(drawn).hasSizeLessThanOrEqualTo(80).contains(" … · ETA 1 h 39 min")
                .startsWith("mpunit: 1/100 tests · 0 failed · running: emu-microbit-0");
    }

    @Test
    void autoShowsTheLineOnlyOnATerminalOutsideAnIdeAndOnFallsBackToPlainLines() {
        assertThat(Progress.style(Progress.Mode.AUTO, true, false)).isEqualTo(Progress.Style.TERMINAL);
        assertThat(Progress.style(Progress.Mode.AUTO, false, false)).isEqualTo(Progress.Style.OFF);
        assertThat(Progress.style(Progress.Mode.AUTO, true, true)).isEqualTo(Progress.Style.OFF);
        assertThat(Progress.style(Progress.Mode.ON, false, false)).isEqualTo(Progress.Style.PLAIN);
        assertThat(Progress.style(Progress.Mode.ON, true, true)).isEqualTo(Progress.Style.PLAIN);
        assertThat(Progress.style(Progress.Mode.ON, true, false)).isEqualTo(Progress.Style.TERMINAL);
        assertThat(Progress.style(Progress.Mode.OFF, true, false)).isEqualTo(Progress.Style.OFF);
    }

    @Test
    void workersOnManyThreadsLoseNoCountWhileTheTimerRedraws() throws InterruptedException {
        Progress progress = new Progress(out, clock, Progress.Style.TERMINAL, 200, true);
        progress.start(8 * 500);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String tentacle = "t" + w;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    progress.testStarted(tentacle, i + ".py");
                    progress.testFinished(tentacle, i + ".py", i % 100 == 0);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(progress.line()).isEqualTo("mpunit: 4000/4000 tests · 40 failed");
        progress.finish();
        assertThat(written()).endsWith("mpunit: 4000 tests · 40 failed · 0 s\n");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Progress.format(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(Progress.format(Duration.ofSeconds(270))).isEqualTo("5 min");
        assertThat(Progress.format(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }
}
