package dev.mpunit.hardware.board;

import static dev.mpunit.hardware.board.ScriptedLink.LOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.hardware.board.Outcome.Ending;
import dev.mpunit.hardware.board.ScriptedLink.Split;
import dev.mpunit.hardware.serial.LinkLostException;

/** The raw REPL protocol against scripted boards, answers cut at every byte boundary. */
class RawReplTest {

    private static final String BANNER = "raw REPL; CTRL-B to exit\r\n>";
    private static final String BOOT_BANNER = "\u0000MicroPython v1.9.2-34-gd64154c73 on 2017-09-01; micro:bit v1.0.1"
            + " with nRF51822\r\nType \"help()\" for more information.\r\n>>> ";
    private static final String CODE = "print('hello')\nfor i in range(3):\n    print(i)\n";
    private static final Timeouts QUICK = timeouts(1000, 1000, 3000);
    /** What a bounded wait may take beyond its timeout on a loaded machine. */
    private static final long SLACK_MS = 700;

    private static Timeouts timeouts(long acceptMs, long inactivityMs, long overallMs) {
        return new Timeouts(Duration.ofMillis(acceptMs), Duration.ofMillis(inactivityMs), Duration.ofMillis(overallMs));
    }

    private static byte[] code(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RawRepl plain(ScriptedLink link) {
        return new RawRepl(link, Pacing.UNPACED, false);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    // --- enter and soft reset ---

    @ParameterizedTest
    @EnumSource(Split.class)
    void enterInterruptsDrainsAndReadsTheBanner(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect("\r\u0003", "\r\n>>> ")
                .expect("\r\u0003", "\r\n>>> ")
                .expect("\r\u0001", "\r\n>>> \r\n" + BANNER)
                .expect("print(1)\u0004", "OK1\r\n\u0004\u0004>");
        RawRepl repl = plain(link);

        repl.enter(Duration.ofSeconds(2));
        Outcome outcome = repl.exec(code("print(1)"), QUICK, null);

        assertThat(outcome.stdoutText()).isEqualTo("1\r\n");
        assertThat(link.played()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void enterIgnoresGarbageBeforeTheBanner(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .answer("\u00ff\u00fe\u0000noise from an earlier run\r\n")
                .expect("\r\u0003", "Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n>>> ")
                .expect("\r\u0003", "\u0080\r\n>>> ")
                .expect("\r\u0001", "\u00ffraw REP\r\n>>> \r\n" + BANNER)
                .expect("x\u0004", "OK\u0004\u0004>");
        RawRepl repl = plain(link);

        repl.enter(Duration.ofSeconds(2));

        assertThat(repl.exec(code("x"), QUICK, null).ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void enterWithoutAnswerFailsNamingTheLinkWithinTheTimeout() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE)
                .expect("\r\u0003").expect("\r\u0003").expect("\r\u0001", "\r\n>>> ");
        RawRepl repl = plain(link);
        long start = System.nanoTime();

        RawReplException e = catchThrowableOfType(RawReplException.class, () -> repl.enter(Duration.ofMillis(400)));

        assertThat(millisSince(start)).isBetween(400L, 400 + SLACK_MS);
        assertThat(e.getMessage()).startsWith("scripted-whole: could not enter the raw REPL within 400 ms")
                .contains("received 6 bytes: \\r\\n>>> ");
        assertThat(e.received()).isEqualTo(ScriptedLink.bytes("\r\n>>> "));
    }

    @Test
    void enterIntoABoardThatNeverStopsTalkingStillEnds() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE);
        for (int i = 0; i < 200; i++) {
            link.answer("spam\r\n", Duration.ofMillis(20));
        }
        link.expect("\r\u0003").expect("\r\u0003").expect("\r\u0001");
        long start = System.nanoTime();

        assertThatThrownBy(() -> plain(link).enter(Duration.ofMillis(600)))
                .isInstanceOf(RawReplException.class).hasMessageContaining("spam\\r\\n");
        assertThat(millisSince(start)).isLessThan(600 + SLACK_MS);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void softResetReadsOkSoftRebootAndTheBanner(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect("\u0004", "OK\r\nsoft reboot\r\n" + BANNER)
                .expect("\u0004", "OK\r\nMPY: soft reboot\r\nboot.py> says hello\r\n" + BANNER)
                .expect("x\u0004", "OK\u0004\u0004>");
        RawRepl repl = plain(link);

        repl.softReset(Duration.ofSeconds(1));
        repl.softReset(Duration.ofSeconds(1));

        assertThat(repl.exec(code("x"), QUICK, null).ending()).isEqualTo(Ending.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void softResetAnsweredWithoutOkFails(Split split) {
        ScriptedLink link = new ScriptedLink(split).expect("\u0004", BANNER);

        assertThatThrownBy(() -> plain(link).softReset(Duration.ofSeconds(1)))
                .isInstanceOf(RawReplException.class)
                .hasMessageContaining("did not acknowledge the soft reset")
                .hasMessageContaining("raw REPL; CTRL-B to exit\\r\\n>");
    }

    @Test
    void softResetWithoutTheBannerTimesOut() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE).expect("\u0004", "OK\r\nsoft reboot\r\n");
        long start = System.nanoTime();

        assertThatThrownBy(() -> plain(link).softReset(Duration.ofMillis(200)))
                .isInstanceOf(RawReplException.class).hasMessageContaining("did not come back from the soft reset");
        assertThat(millisSince(start)).isLessThan(200 + SLACK_MS);
    }

    // --- plain exec ---

    @ParameterizedTest
    @EnumSource(Split.class)
    void execFollowsOutputAsTheMicrobitSendsIt(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect(CODE + "\u0004", "OKhello\r\n0\r\n1\r\n2\r\n\u0004\u0004>");
        ByteArrayOutputStream live = new ByteArrayOutputStream();

        Outcome outcome = plain(link).exec(code(CODE), QUICK, live::writeBytes);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(outcome.stdoutText()).isEqualTo("hello\r\n0\r\n1\r\n2\r\n");
        assertThat(outcome.stderr()).isEmpty();
        assertThat(live.toByteArray()).isEqualTo(outcome.stdout());
        assertThat(outcome.duration()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void execSeparatesTheTraceback(Split split) throws Exception {
        String traceback = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\n"
                + "AttributeError: 'module' object has no attribute 'x'\r\n";
        ScriptedLink link = new ScriptedLink(split)
                .expect("import os\nos.x\u0004", "OK\u0004" + traceback + "\u0004>");
        ByteArrayOutputStream live = new ByteArrayOutputStream();

        Outcome outcome = plain(link).exec(code("import os\nos.x"), QUICK, live::writeBytes);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(outcome.stdout()).isEmpty();
        assertThat(outcome.stderrText()).isEqualTo(traceback);
        assertThat(live.size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void execOfNothingGivesEmptyOutputsAndLeavesThePromptForTheNext(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect("\u0004", "OK\u0004\u0004>")
                .expect("print('a\\x04')\u0004", "OKa\u0004\u0004>")
                .expect("y\u0004", "OK\u0004\u0004>");
        RawRepl repl = plain(link);

        Outcome empty = repl.exec(new byte[0], QUICK, null);
        Outcome second = repl.exec(code("print('a\\x04')"), QUICK, null);
        Outcome third = repl.exec(code("y"), QUICK, null);

        assertThat(empty.stdout()).isEmpty();
        assertThat(empty.stderr()).isEmpty();
        assertThat(second.stdoutText()).isEqualTo("a");
        assertThat(List.of(empty.ending(), second.ending(), third.ending())).containsOnly(Ending.COMPLETED);
        assertThat(link.played()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void theRawBannerWhereOkBelongsMeansTheCodeWasNotTaken(Split split) {
        ScriptedLink link = new ScriptedLink(split).expect("x\u0004", BANNER);

        RawReplException e = catchThrowableOfType(RawReplException.class, () -> plain(link).exec(code("x"), QUICK, null));

        assertThat(e).hasMessageContaining("the board did not acknowledge the code")
                .hasMessageContaining("raw REPL; CTRL-B to exit\\r\\n>");
        assertThat(e.received()).isEqualTo(ScriptedLink.bytes(BANNER));
    }

    @Test
    void noAnswerAfterTheCodeFailsAfterTheAcceptTimeout() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE).expect("x\u0004");
        long start = System.nanoTime();

        assertThatThrownBy(() -> plain(link).exec(code("x"), timeouts(200, 5000, 10000), null))
                .isInstanceOf(RawReplException.class)
                .hasMessage("scripted-whole: the board did not acknowledge the code within 200 ms (expected OK);"
                        + " received nothing");
        assertThat(millisSince(start)).isBetween(200L, 200 + SLACK_MS);
    }

    @Test
    void pacingCutsTheCodeIntoChunksWithGaps() throws Exception {
        String longCode = "a = 1234567890\nb = 'abcdefghijklmnopqrstuvwxyz'\n"; // 48 bytes
        ScriptedLink link = new ScriptedLink(Split.WHOLE)
                .expect(longCode + "\u0004", "OK\u0004\u0004>")
                .expect(longCode + "\u0004", "OK\u0004\u0004>");
        RawRepl repl = new RawRepl(link, Pacing.of(8, Duration.ofMillis(5)), false);

        repl.exec(code(longCode), QUICK, null);
        List<ScriptedLink.Write> paced = List.copyOf(link.writes());
        repl.pacing(Pacing.of(32, Duration.ZERO));
        repl.exec(code(longCode), QUICK, null);

        assertThat(paced).extracting(w -> w.bytes().length).containsExactly(8, 8, 8, 8, 8, 8, 1);
        for (int i = 1; i < paced.size(); i++) {
            assertThat(paced.get(i).nanos() - paced.get(i - 1).nanos()).isGreaterThanOrEqualTo(5_000_000L);
        }
        assertThat(link.writes().subList(paced.size(), link.writes().size()))
                .extracting(w -> w.bytes().length).containsExactly(32, 16, 1);
    }

    // --- raw-paste ---

    @ParameterizedTest
    @EnumSource(Split.class)
    void rawPasteNeverWritesBeyondTheGrantedWindow(Split split) throws Exception {
        String longCode = "x = 1\n".repeat(20); // 120 bytes, 7.5 windows of 16
        ScriptedLink link = new ScriptedLink(split)
                .expect("\u0005A\u0001", "R\u0001\u0010\u0000")
                .rawPaste(longCode, 16, Duration.ofMillis(3), -1, "done\r\n\u0004\u0004>")
                .expect("\u0005A\u0001", "R\u0001\u0010\u0000")
                .rawPaste("y", 16, Duration.ZERO, -1, "\u0004\u0004>");
        RawRepl repl = new RawRepl(link, Pacing.UNPACED, true);
        assertThat(repl.rawPasteSupported()).isEmpty();

        Outcome outcome = repl.exec(code(longCode), QUICK, null);
        Outcome second = repl.exec(code("y"), QUICK, null);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(outcome.stdoutText()).isEqualTo("done\r\n");
        assertThat(second.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(repl.rawPasteSupported()).contains(true);
        assertThat(link.mostOutstanding()).isEqualTo(16);
        assertThat(link.writes()).allSatisfy(w -> assertThat(w.bytes().length).isLessThanOrEqualTo(16));
        assertThat(link.played()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void rawPasteStopsWhenTheBoardSaysSo(Split split) throws Exception {
        String badCode = "def f(:\n" + "    pass\n".repeat(10);
        String syntaxError = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n";
        ScriptedLink link = new ScriptedLink(split)
                .expect("\u0005A\u0001", "R\u0001\u0020\u0000")
                .rawPaste(badCode, 32, Duration.ZERO, 8, "\u0004" + syntaxError + "\u0004>");

        Outcome outcome = new RawRepl(link, Pacing.UNPACED, true).exec(code(badCode), QUICK, null);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(outcome.stderrText()).isEqualTo(syntaxError);
        assertThat(link.written()).endsWith(0x04);
        assertThat(link.played()).isTrue();
    }

    @Test
    void rawPasteWithoutAckFailsAfterTheAcceptTimeout() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE)
                .expect("\u0005A\u0001", "R\u0001\u0000\u0001")
                .expect("x\u0004");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new RawRepl(link, Pacing.UNPACED, true).exec(code("x"), timeouts(200, 5000, 10000), null))
                .isInstanceOf(RawReplException.class)
                .hasMessageContaining("did not acknowledge the code within 200 ms (expected \\x04 after raw paste)");
        assertThat(millisSince(start)).isBetween(200L, 200 + SLACK_MS);
    }

    @Test
    void rawPasteWithoutGrantFailsAfterTheAcceptTimeout() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE)
                .expect("\u0005A\u0001", "R\u0001\u0004\u0000")
                .expect("abcd");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new RawRepl(link, Pacing.UNPACED, true).exec(code("abcdefgh"), timeouts(200, 5000, 10000), null))
                .isInstanceOf(RawReplException.class)
                .hasMessageContaining("granted no further raw-paste window within 200 ms after 4 of 8 bytes");
        assertThat(millisSince(start)).isBetween(200L, 200 + SLACK_MS);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aBoardWithoutRawPasteIsNotAskedAgain(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect("\u0005A\u0001", "R\u0000")
                .expect("x\u0004", "OK\u0004\u0004>")
                .expect("y\u0004", "OK\u0004\u0004>");
        RawRepl repl = new RawRepl(link, Pacing.UNPACED, true);

        repl.exec(code("x"), QUICK, null);
        repl.exec(code("y"), QUICK, null);

        assertThat(repl.rawPasteSupported()).contains(false);
        assertThat(link.played()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void oldFirmwareAnsweringWithTheBannerGetsPlainModeForGood(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect("\u0005A\u0001", BANNER)
                .expect(CODE + "\u0004", "OKhello\r\n0\r\n1\r\n2\r\n\u0004\u0004>")
                .expect("y\u0004", "OK\u0004\u0004>");
        RawRepl repl = new RawRepl(link, Pacing.of(32, Duration.ofMillis(2)), true);

        Outcome outcome = repl.exec(code(CODE), QUICK, null);
        repl.exec(code("y"), QUICK, null);

        assertThat(outcome.stdoutText()).isEqualTo("hello\r\n0\r\n1\r\n2\r\n");
        assertThat(repl.rawPasteSupported()).contains(false);
        assertThat(link.played()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void anythingElseAnsweringTheRawPasteRequestIsAnError(Split split) {
        ScriptedLink link = new ScriptedLink(split).expect("\u0005A\u0001", "\u0000raw REPL; CTRL-B to exit\r\n>");

        assertThatThrownBy(() -> new RawRepl(link, Pacing.UNPACED, true).exec(code("x"), QUICK, null))
                .isInstanceOf(RawReplException.class)
                .hasMessageContaining("neither R\\x01, R\\x00 nor the raw REPL banner")
                .hasMessageContaining("\\x00raw REPL");
    }

    // --- timeouts and interrupt ---

    @Test
    void silenceWhileFollowingTimesOutWithWhatArrived() throws Exception {
        ScriptedLink link = new ScriptedLink(Split.WHOLE).expect("x\u0004", "OKpartial\r\n");
        long start = System.nanoTime();

        Outcome outcome = plain(link).exec(code("x"), timeouts(1000, 200, 10000), null);

        assertThat(outcome.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(outcome.stdoutText()).isEqualTo("partial\r\n");
        assertThat(millisSince(start)).isBetween(200L, 200 + SLACK_MS);
    }

    @Test
    void inactivityCountsFromTheLastByte() throws Exception {
        ScriptedLink link = new ScriptedLink(Split.WHOLE).expect("x\u0004", "OK",
                Duration.ofMillis(150), "a", Duration.ofMillis(150), "b", Duration.ofMillis(150), "c\u0004\u0004>");

        Outcome outcome = plain(link).exec(code("x"), timeouts(1000, 300, 10000), null);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(outcome.stdoutText()).isEqualTo("abc");
    }

    @Test
    void aTestPrintingForeverTimesOutOverall() throws Exception {
        List<Object> ticks = new ArrayList<>(List.of("OK"));
        for (int i = 0; i < 500; i++) {
            ticks.addAll(List.of("tick\r\n", Duration.ofMillis(10)));
        }
        ScriptedLink link = new ScriptedLink(Split.WHOLE).expect("x\u0004", ticks.toArray());
        long start = System.nanoTime();

        Outcome outcome = plain(link).exec(code("x"), timeouts(1000, 1000, 400), null);

        assertThat(outcome.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(outcome.stdoutText()).startsWith("tick\r\ntick\r\n");
        assertThat(millisSince(start)).isBetween(400L, 400 + SLACK_MS);
    }

    @Test
    void keptOutputIsCappedButFollowedToTheEnd() throws Exception {
        String line = "0123456789abcdef".repeat(4) + "\r\n"; // 66 bytes
        ScriptedLink link = new ScriptedLink(Split.WHOLE)
                .expect("x\u0004", "OK" + line.repeat(17_000) + "\u0004\u0004>");
        long[] live = {0};

        Outcome outcome = plain(link).exec(code("x"), QUICK, bytes -> live[0] += bytes.length);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(live[0]).isEqualTo(17_000L * 66);
        assertThat(outcome.stdout().length).isLessThan(CappedOutput.DEFAULT_CAP + 200);
        assertThat(outcome.stdoutText()).endsWith("[mpunit: " + (17_000L * 66 - CappedOutput.DEFAULT_CAP)
                + " more bytes of output were left out after the first 1048576]\r\n");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void interruptAfterATimeoutFollowsTheKeyboardInterrupt(Split split) throws Exception {
        String traceback = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "KeyboardInterrupt: \r\n";
        ScriptedLink link = new ScriptedLink(split)
                .expect("while True: pass\u0004", "OKlooping\r\n")
                .expect("\u0003", "\u0004" + traceback + "\u0004>")
                .expect("x\u0004", "OK\u0004\u0004>");
        RawRepl repl = plain(link);

        Outcome timedOut = repl.exec(code("while True: pass"), timeouts(1000, 100, 5000), null);
        Optional<Outcome> interrupted = repl.interrupt(Duration.ofSeconds(1));
        Outcome next = repl.exec(code("x"), QUICK, null);

        assertThat(timedOut.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(interrupted).hasValueSatisfying(outcome -> {
            assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
            assertThat(outcome.stdout()).isEmpty();
            assertThat(outcome.stderrText()).isEqualTo(traceback);
        });
        assertThat(next.ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void interruptOfALockedUpBoardIsEmptyAndExecIsRefused() throws Exception {
        ScriptedLink link = new ScriptedLink(Split.WHOLE)
                .expect("x\u0004", "OK")
                .expect("\u0003");
        RawRepl repl = plain(link);
        repl.exec(code("x"), timeouts(1000, 100, 5000), null);
        long start = System.nanoTime();

        Optional<Outcome> interrupted = repl.interrupt(Duration.ofMillis(200));

        assertThat(interrupted).isEmpty();
        assertThat(millisSince(start)).isBetween(200L, 200 + SLACK_MS);
        assertThatThrownBy(() -> repl.exec(code("y"), QUICK, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("code may still run");
    }

    // --- endings ---

    @ParameterizedTest
    @EnumSource(Split.class)
    void aBootBannerMidRunMeansTheBoardRebooted(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split).expect("x\u0004", "OKstarting\r\n", BOOT_BANNER);
        long start = System.nanoTime();

        Outcome outcome = plain(link).exec(code("x"), timeouts(1000, 3000, 5000), null);

        assertThat(outcome.ending()).isEqualTo(Ending.REBOOTED);
        assertThat(outcome.stdoutText()).startsWith("starting\r\n").contains("MicroPython v1.9.2");
        assertThat(millisSince(start)).isLessThan(1000);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aTestPrintingTheBootBannerHasNotRebooted(Split split) throws Exception {
        String printed = "MicroPython v1.9.2\r\nType \"help()\" for more information.\r\n>>> ";
        ScriptedLink link = new ScriptedLink(split)
                .expect("x\u0004", "OK" + printed, Duration.ofMillis(30), "and on\r\n\u0004\u0004>")
                .expect("y\u0004", "OKType \"help()\" for more information.\r\n>>> ", Duration.ofMillis(200), "\u0004\u0004>");
        RawRepl repl = plain(link);

        Outcome outcome = repl.exec(code("x"), QUICK, null);
        Outcome withoutVersion = repl.exec(code("y"), QUICK, null);

        assertThat(outcome.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(outcome.stdoutText()).isEqualTo(printed + "and on\r\n");
        assertThat(withoutVersion.ending()).isEqualTo(Ending.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void systemExitSoftResetsTheBoard(Split split) throws Exception {
        ScriptedLink link = new ScriptedLink(split)
                .expect("raise SystemExit\u0004", "OKbye\r\n\u0004\u0004MPY: soft reboot\r\n" + BANNER)
                .expect("x\u0004", "OK\u0004\u0004>");
        RawRepl repl = plain(link);

        Outcome outcome = repl.exec(code("raise SystemExit"), QUICK, null);
        Outcome next = repl.exec(code("x"), QUICK, null);

        assertThat(outcome.ending()).isEqualTo(Ending.SOFT_RESET);
        assertThat(outcome.stdoutText()).isEqualTo("bye\r\n");
        assertThat(next.ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void theBannerAfterTheOutputWithoutASoftRebootIsAnError() {
        ScriptedLink link = new ScriptedLink(Split.WHOLE).expect("x\u0004", "OK\u0004\u0004garbage\r\n" + BANNER);

        assertThatThrownBy(() -> plain(link).exec(code("x"), QUICK, null))
                .isInstanceOf(RawReplException.class)
                .hasMessageContaining("without a soft reboot")
                .hasMessageContaining("garbage\\r\\nraw REPL");
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aLostLinkMidExecPropagates(Split split) {
        ScriptedLink link = new ScriptedLink(split).expect("x\u0004", "OKpart", LOST);

        assertThatThrownBy(() -> plain(link).exec(code("x"), QUICK, null))
                .isExactlyInstanceOf(LinkLostException.class);
    }

    @Test
    void messagesEscapeAndShowOnlyTheLast200Bytes() {
        String received = "x".repeat(300) + "\r\n\u0000\u00ff\\";

        RawReplException e = new RawReplException("/dev/ttyACM0", "expected something", ScriptedLink.bytes(received));

        assertThat(e.getMessage()).startsWith("/dev/ttyACM0: expected something; received 305 bytes, the last 200: xxx")
                .endsWith("x\\r\\n\\x00\\xff\\\\");
        assertThat(e.received()).hasSize(305);
    }
}
