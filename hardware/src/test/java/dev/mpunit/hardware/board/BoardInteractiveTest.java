package dev.mpunit.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.Script;

/** A board as a run-multitests.py instance: started without following, read line by line, written to, stopped. */
class BoardInteractiveTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    private static BoardTarget.Config config() {
        return new BoardTarget.Config("simulated", Optional.empty(), false, Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(300), 3);
    }

    private static Interactive.Running start(BoardTarget target, String code) throws Exception {
        return target.interactive().orElseThrow().start(code.getBytes(StandardCharsets.UTF_8), Path.of("."), Map.of());
    }

    /** The next reading, polled until it comes or the limit passes (the poll itself never waits). */
    private static Interactive.Output next(Interactive.Running running) throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Interactive.Output> output = running.poll();
            if (output.isPresent()) {
                return output.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no line within " + LIMIT);
    }

    private static String line(Interactive.Output output) {
        return new String(output.line().orElseThrow(), StandardCharsets.US_ASCII);
    }

    @Test
    void namesItselfByTheLastPartOfItsPort() {
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 1 << 20), config())) {
            Interactive interactive = target.interactive().orElseThrow();
            assertThat(interactive.name()).isEqualTo("simulated");
            assertThat(interactive.kind()).isEqualTo(Interactive.Kind.BOARD);
        }
    }

    @Test
    void anEmulatorBehindACommandIsNamedByItsProgram() {
        BoardTraits traits = new SimulatedBoard(true, 1).traits();
        Board qemu = new NamedBoard("execpty:/usr/bin/qemu-system-arm -M microbit -device loader,file=/x/firmware.hex",
                traits) {
            @Override
            public dev.mpunit.hardware.serial.SerialLink connect() throws IOException {
                throw new IOException("not connected in this test");
            }

            @Override
            public boolean canHardReset() {
                return false;
            }

            @Override
            public void hardReset() {
                throw new UnsupportedOperationException("no hard reset");
            }

            @Override
            public void close() {
            }
        };
        try (BoardTarget target = new BoardTarget(qemu, config())) {
            assertThat(target.interactive().orElseThrow().name()).isEqualTo("qemu-system-arm");
        }
    }

    @Test
    void linesArriveOneByOneThenTheErrorTextEndsTheScript() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Interactive.Running running = start(target, "#out:one\n#out:two\n#raise:ValueError\n");
            assertThat(board.executed()).singleElement().asString().doesNotContain("START TEST");
            assertThat(line(next(running))).isEqualTo("one\r");
            assertThat(line(next(running))).isEqualTo("two\r");
            assertThat(running.finished()).isFalse();
            Interactive.Output end = next(running);
            // As pyboard.py's readline: an empty stdout part beside the traceback.
            assertThat(end.line()).hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
            assertThat(new String(end.error().orElseThrow(), StandardCharsets.US_ASCII))
                    .isEqualTo("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nValueError: \r\n");
            assertThat(running.finished()).isTrue();
            assertThat(running.poll()).isEmpty();
        }
    }

    @Test
    void aCleanEndGivesNoReadingAndFinishes() throws Exception {
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 1 << 20), config())) {
            Interactive.Running running = start(target, "#out:only\n");
            assertThat(line(next(running))).isEqualTo("only\r");
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!running.finished() && System.nanoTime() < deadline) {
                assertThat(running.poll()).isEmpty();
            }
            assertThat(running.finished()).isTrue();
        }
    }

    @Test
    void linesWrittenWhileItRunsReachTheScriptAndStopInterruptsIt() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Interactive.Running running = start(target, "#out:ready\n#echo\n");
            assertThat(line(next(running))).isEqualTo("ready\r");
            running.write("BROADCAST go\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(line(next(running))).isEqualTo("got BROADCAST go\r");
            running.stop();
            // The next test finds the board at a fresh raw prompt.
            Execution after = target.execute(Script.of(java.nio.file.Files.writeString(
                    java.nio.file.Files.createTempFile("after", ".py"), "#out:after\n"), Duration.ofSeconds(2)));
            assertThat(new String(after.output(), StandardCharsets.US_ASCII)).isEqualTo("after\r\n");
        }
    }

    @Test
    void aStartWhileAScriptRunsBeginsAfresh() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Interactive interactive = target.interactive().orElseThrow();
            interactive.start("#out:first\n#hang\n".getBytes(StandardCharsets.US_ASCII), Path.of("."), Map.of());
            Interactive.Running second = interactive.start("#out:second\n".getBytes(StandardCharsets.US_ASCII),
                    Path.of("."), Map.of());
            List<String> lines = new ArrayList<>();
            lines.add(line(next(second)));
            assertThat(lines).containsExactly("second\r");
        }
    }

    @Test
    void aLostBoardIsAReadError() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Interactive.Running running = start(target, "#out:bye\n#die\n");
            assertThat(line(next(running))).isEqualTo("bye\r");
            assertThatThrownBy(() -> next(running)).isInstanceOf(IOException.class);
        }
    }
}
