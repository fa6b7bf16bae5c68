package dev.mpunit.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;

/** run-tests.py's board semantics and the recovery ladder, on a simulated raw REPL board. */
class BoardTargetTest {

    @TempDir
    Path directory;

    private static BoardTarget.Config config() {
        return new BoardTarget.Config("simulated", Optional.empty(), false, Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(300), 3);
    }

    private Script script(String code) throws IOException {
        Path file = Files.createTempFile(directory, "test", ".py");
        Files.writeString(file, code);
        return Script.of(file, Duration.ofMillis(400));
    }

    private static String text(Execution execution) {
        return new String(execution.output(), StandardCharsets.UTF_8);
    }

    @Test
    void passingTestLosesItsStartMarker() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Execution execution = target.execute(script("x = 1 #out:hello\n"));
            assertThat(execution.ending()).isEqualTo(Execution.Ending.COMPLETED);
            assertThat(text(execution)).isEqualTo("hello\r\n");
            assertThat(board.executed()).singleElement().asString().startsWith("print('START TEST')\nx = 1");
        }
    }

    @Test
    void markerSharesTheFirstLineOfAFileThatStartsWithAComment() {
        assertThat(new String(BoardTarget.withStartMarker("# test\nprint(1)\n".getBytes()), StandardCharsets.UTF_8))
                .isEqualTo("print('START TEST')# test\nprint(1)\n");
    }

    @Test
    void specialScriptsRunWithoutMarker() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Execution execution = target.execute(script("#out:1 2\n").asSpecial());
            assertThat(text(execution)).isEqualTo("1 2\r\n");
            assertThat(board.executed()).singleElement().asString().doesNotContain("START TEST");
        }
    }

    @Test
    void tracebackIsACrashWithTheOutputBeforeIt() throws Exception {
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 1 << 20), config())) {
            Execution execution = target.execute(script("#out:before\n#raise:ValueError\n"));
            assertThat(execution.ending()).isEqualTo(Execution.Ending.CRASHED);
            assertThat(text(execution)).startsWith("before\r\nTraceback").contains("ValueError");
        }
    }

    @Test
    void memoryErrorBeforeAnyOutputIsTooLarge() throws Exception {
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 1 << 20), config())) {
            Execution execution = target.execute(script("#compile-memoryerror\n"));
            assertThat(execution.ending()).isEqualTo(Execution.Ending.COMPLETED);
            assertThat(text(execution)).isEqualTo("SKIP-TOO-LARGE\n");
        }
    }

    @Test
    void systemExitAfterSkipLeavesTheBoardReadyForTheNextTest() throws Exception {
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 1 << 20), config())) {
            assertThat(text(target.execute(script("#out:SKIP\n#exit\n")))).isEqualTo("SKIP\r\n");
            assertThat(text(target.execute(script("#out:next\n")))).isEqualTo("next\r\n");
        }
    }

    @Test
    void testThatNeverEndsTimesOutAndTheNextOnePasses() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Execution hung = target.execute(script("#out:started\n#hang\n"));
            assertThat(hung.ending()).isEqualTo(Execution.Ending.TIMED_OUT);
            assertThat(text(hung)).startsWith("started\r\n");
            assertThat(target.execute(script("#out:next\n")).ending()).isEqualTo(Execution.Ending.COMPLETED);
            assertThat(board.hardResets()).isZero();
        }
    }

    @Test
    void lockupCostsOneTimeoutAndOneHardReset() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            assertThat(target.execute(script("#lockup\n")).ending()).isEqualTo(Execution.Ending.TIMED_OUT);
            assertThat(board.hardResets()).isEqualTo(1);
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(text(target.execute(script("#out:ok" + i + "\n")))).isEqualTo("ok" + i + "\r\n");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
        }
    }

    @Test
    void lostLinkReportsTheLostBoardAndTheNextTestRunsOnARestartedOne() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Execution died = target.execute(script("#out:partial\n#die\n"));
            assertThat(died.ending()).isEqualTo(Execution.Ending.CRASHED);
            assertThat(text(died)).startsWith("partial\r\n").contains("lost the board on /dev/simulated");
            assertThat(board.hardResets()).isEqualTo(1);
            assertThat(text(target.execute(script("#out:next\n")))).isEqualTo("next\r\n");
        }
    }

    @Test
    void writeThatBlocksForGoodIsCutByTheWatchdogAndTheBoardRestarted() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            target.execute(script("#out:warm\n"));
            board.stopReadingAfterCode();
            long start = System.nanoTime();
            Path file = Files.createTempFile(directory, "test", ".py");
            Files.writeString(file, "#out:never\n");
            Execution blocked = target.execute(Script.of(file, Duration.ofMillis(200)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(blocked.ending()).isEqualTo(Execution.Ending.CRASHED);
            assertThat(text(blocked)).contains("lost the board");
            assertThat(board.hardResets()).isEqualTo(1);
        }
    }

    @Test
    void rebootMidTestIsACrashAndTheBoardIsUsedAgain() throws Exception {
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 1 << 20), config())) {
            Execution rebooted = target.execute(script("#out:a\n#reboot\n"));
            assertThat(rebooted.ending()).isEqualTo(Execution.Ending.CRASHED);
            assertThat(text(rebooted)).contains("rebooted");
            assertThat(text(target.execute(script("#out:b\n")))).isEqualTo("b\r\n");
        }
    }

    @Test
    void crashWithALostLinkIsBelievedOnlyWhenItHappensAgain() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Script dies = script("#out:partial\n#die\n");
            assertThat(target.execute(dies).ending()).isEqualTo(Execution.Ending.CRASHED);
            assertThat(target.rerunCarefully(dies)).as("run again on the restarted board")
                    .hasValueSatisfying(again -> assertThat(text(again)).contains("lost the board"));
            assertThat(board.hardResets()).isEqualTo(2);
        }
    }

    @Test
    void boardThatDiesForGoodDuringATestLosesTheTestToAnotherBoard() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            Script dies = script("#out:partial\n#die\n");
            assertThat(target.execute(dies).ending()).isEqualTo(Execution.Ending.CRASHED);
            board.dead();
            assertThatThrownBy(() -> target.rerunCarefully(dies)).isInstanceOf(BoardLostException.class);
        }
    }

    @Test
    void deadBoardIsLostAfterTheLadderAndStaysLost() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20).dead();
        try (BoardTarget target = new BoardTarget(board, config())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> target.execute(script("#out:x\n")))
                    .isInstanceOf(BoardLostException.class)
                    .hasMessageContaining("/dev/simulated")
                    .hasMessageContaining("3 times");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(board.hardResets()).isPositive();
            assertThatThrownBy(() -> target.execute(script("#out:y\n"))).isInstanceOf(BoardLostException.class);
        }
    }

    @Test
    void boardWithoutHardResetIsLostWhenItStopsAnsweringAfterALockup() throws Exception {
        SimulatedBoard board = new SimulatedBoard(false, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config())) {
            assertThat(target.execute(script("#lockup\n")).ending()).isEqualTo(Execution.Ending.TIMED_OUT);
            assertThatThrownBy(() -> target.execute(script("#out:x\n"))).isInstanceOf(BoardLostException.class);
        }
    }

    @Test
    void lostBytesAtTheSafePacingAreTheTestsOwnSyntaxError() throws Exception {
        // Bursts lose everything past 25 bytes: unpaced, the code arrives cut and does not compile.
        try (BoardTarget target = new BoardTarget(new SimulatedBoard(true, 25), config().withPacing(Pacing.UNPACED))) {
            Execution execution = target.execute(script("x = 'a long line of code' #out:fine\n"));
            assertThat(execution.ending()).isEqualTo(Execution.Ending.CRASHED);
            assertThat(text(execution)).contains("SyntaxError");
        }
    }

    @Test
    void syntaxErrorAtTheSafePacingIsBelievedOnlyWhenASlowerTransferAgrees() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config().withPacing(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            // A loaded machine: now even 16 ms between chunks loses the first byte of a chunk.
            board.loseBytesFasterThan(Duration.ofMillis(20));
            assertThat(text(target.execute(script("x = 1 # pad\n'fine' #out:fine\n")))).isEqualTo("fine\r\n");
            assertThat(target.pacing()).as("the slower pacing from now on").isEqualTo(Pacing.of(16, Duration.ofMillis(32)));
            // A SyntaxError of the test's own survives the slower transfer.
            assertThat(text(target.execute(script("x = 'unclosed #out:never\n")))).contains("SyntaxError");
        }
    }

    private static BoardTarget.Config calibrating(Pacing safe) {
        return new BoardTarget.Config("simulated", Optional.of(safe), true, Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(300), 3);
    }

    @Test
    void calibrationHalvesTheGapAsLongAsTheBoardProvesItCanTakeIt() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        board.loseBytesFasterThan(Duration.ofMillis(6));
        try (BoardTarget target = new BoardTarget(board, calibrating(Pacing.of(32, Duration.ofMillis(16))))) {
            assertThat(text(target.execute(script("#out:x\n")))).isEqualTo("x\r\n");
            assertThat(target.pacing()).isEqualTo(Pacing.of(32, Duration.ofMillis(8)));
        }
    }

    @Test
    void aCarefulRunThatLostAByteItselfIsSettledByASlowerThird() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        board.loseBytesFasterThan(Duration.ofMillis(6));
        try (BoardTarget target = new BoardTarget(board, calibrating(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            assertThat(target.pacing()).isEqualTo(Pacing.of(32, Duration.ofMillis(8)));
            // No quote to lose: a lost byte changes what is printed, not whether it compiles.
            Script test = script("#out:" + "abcdefghij".repeat(8) + "\n");
            Execution fast = target.execute(test);
            assertThat(text(fast)).contains("abcdefghij".repeat(8));
            // The engine judged it failed; while it runs it again, a load makes the safe pacing lose bytes.
            board.loadDuringTransfer(1, Duration.ofMillis(20));

            Execution settled = target.rerunCarefully(test).orElseThrow();

            assertThat(text(settled)).as("the slower third agrees with the fast run").isEqualTo(text(fast));
            assertThat(settled.incidents()).anySatisfy(incident -> assertThat(incident)
                    .contains("a third time at the slower pacing 16 bytes every 32 ms"));
            assertThat(target.pacing()).as("the safe pacing lost a byte: the slower one from now on")
                    .isEqualTo(Pacing.of(16, Duration.ofMillis(32)));
        }
    }

    @Test
    void aCarefulRunThatDiffersFromTheFastOneAndAgreesWithTheThirdStands() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        board.loseBytesFasterThan(Duration.ofMillis(6));
        try (BoardTarget target = new BoardTarget(board, calibrating(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            Script test = script("#out:" + "abcdefghij".repeat(8) + "\n");
            // A load during the fast run only: it loses bytes, the careful and the slower runs agree.
            board.loadDuringTransfer(1, Duration.ofMillis(12));
            Execution fast = target.execute(test);
            assertThat(text(fast)).doesNotContain("abcdefghij".repeat(8));

            Execution settled = target.rerunCarefully(test).orElseThrow();

            assertThat(text(settled)).contains("abcdefghij".repeat(8));
            assertThat(target.pacing()).as("the safe pacing held: it stays the board's")
                    .isEqualTo(Pacing.of(32, Duration.ofMillis(16)));
        }
    }

    @Test
    void ladderNeverGrowsTheChunk() {
        assertThat(PacingCalibration.ladder(Pacing.of(32, Duration.ofMillis(4))))
                .containsExactly(Pacing.of(32, Duration.ofMillis(2)), Pacing.of(32, Duration.ofMillis(1)));
        assertThat(PacingCalibration.ladder(Pacing.of(16, Duration.ZERO))).isEmpty();
    }

    @Test
    void damagedTransferAfterCalibrationIsRetriedAtTheSafePacing() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        board.loseBytesFasterThan(Duration.ofMillis(6));
        try (BoardTarget target = new BoardTarget(board, calibrating(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            board.loseBytesFasterThan(Duration.ofMillis(12));
            // The second chunk loses its opening quote at 8 ms: a SyntaxError the safe pacing does not have.
            assertThat(text(target.execute(script("x = 1 # pad\n'fine' #out:fine\n")))).isEqualTo("fine\r\n");
            assertThat(target.pacing()).isEqualTo(Pacing.of(32, Duration.ofMillis(16)));
        }
    }

    @Test
    void failureAfterFastPacingIsRunAgainCarefullyWhenAsked() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        board.loseBytesFasterThan(Duration.ofMillis(6));
        try (BoardTarget target = new BoardTarget(board, calibrating(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            board.loseBytesFasterThan(Duration.ofMillis(12));
            // 20 bytes of marker and 12 of padding: the second chunk starts at '#out' and loses its '#'.
            Script test = script("x = 1 # pad\n#out:fine\n");
            Execution fast = target.execute(test);
            assertThat(text(fast)).isEmpty();
            assertThat(target.rerunCarefully(test)).hasValueSatisfying(
                    careful -> assertThat(text(careful)).isEqualTo("fine\r\n"));
            assertThat(target.pacing()).isEqualTo(Pacing.of(32, Duration.ofMillis(16)));
            // Asked again, at the safe pacing already: a quarter of the rate, which agrees.
            assertThat(target.rerunCarefully(test)).hasValueSatisfying(
                    slow -> assertThat(text(slow)).isEqualTo("fine\r\n"));
            assertThat(target.pacing()).isEqualTo(Pacing.of(32, Duration.ofMillis(16)));
        }
    }

    @Test
    void failureAtTheSafePacingIsBelievedOnlyWhenASlowerTransferAgrees() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        try (BoardTarget target = new BoardTarget(board, config().withPacing(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            // A loaded machine: 16 ms between chunks now loses a chunk's first byte ('#' of '#out').
            board.loseBytesFasterThan(Duration.ofMillis(20));
            Script test = script("x = 1 # pad\n#out:fine\n");
            assertThat(text(target.execute(test))).isEmpty();
            assertThat(target.rerunCarefully(test)).hasValueSatisfying(
                    slow -> assertThat(text(slow)).isEqualTo("fine\r\n"));
            assertThat(target.pacing()).isEqualTo(Pacing.of(16, Duration.ofMillis(32)));
        }
    }

    @Test
    void timeoutIsNotRunAgainCarefully() throws Exception {
        SimulatedBoard board = new SimulatedBoard(true, 1 << 20);
        board.loseBytesFasterThan(Duration.ofMillis(6));
        try (BoardTarget target = new BoardTarget(board, calibrating(Pacing.of(32, Duration.ofMillis(16))))) {
            target.execute(script("#out:x\n"));
            Script hang = script("#hang\n");
            assertThat(target.execute(hang).ending()).isEqualTo(Execution.Ending.TIMED_OUT);
            assertThat(target.rerunCarefully(hang)).isEmpty();
        }
    }
}
