package dev.mpunit.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.Interactive.Kind;

/** run-multitests.py's stepping, rule by rule, on scripted instances and a clock that moves only when the session sleeps. */
class MultitestSessionTest {

    private final TestClock clock = new TestClock();

    private static Multitest test(String source) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        return new Multitest(Path.of("/tests/multi_x/t.py"), bytes, Multitest.instanceCount(bytes),
                source.contains("get_network_ip"));
    }

    private static final Multitest TWO = test("def instance0():\n    pass\ndef instance1():\n    pass\n");

    @SafeVarargs
    private ScriptedInstance instance(String name, List<String>... programs) {
        return new ScriptedInstance(name, Kind.PROCESS, clock, programs);
    }

    @SafeVarargs
    private ScriptedInstance board(String name, List<String>... programs) {
        return new ScriptedInstance(name, Kind.BOARD, clock, programs);
    }

    private MultitestSession.Result run(Multitest test, Interactive... instances) throws InterruptedException {
        return new MultitestSession(test, List.of(instances), "192.0.2.7", Map.of("MICROPYPATH", ".frozen"), clock).run();
    }

    // --- the file ---

    @Test
    void instancesAreCountedFromDefInstanceLinesAtTheStartOfALine() {
        assertThat(Multitest.instanceCount("def instance0():\n    x\ndef instance1():\n".getBytes())).isEqualTo(2);
        assertThat(Multitest.instanceCount("def instance2():\n".getBytes())).isEqualTo(3);
        assertThat(Multitest.instanceCount("  def instance4():\n# def instance5():\ndef instance6 ():\n".getBytes()))
                .isZero();
        assertThat(Multitest.instanceCount("print(1)\n".getBytes())).isZero();
    }

    @Test
    void aProcessRunsTheTestWithoutItsDirectoryOnSysPathThenTheHelperTheGlobalsAndTheCall() {
        String script = new String(TWO.script(Kind.PROCESS, "A = 1\n", "instance1"), StandardCharsets.UTF_8);
        assertThat(script).startsWith("import sys\nsys.path.remove('')\n\ndef instance0():\n");
        assertThat(script).contains("\nclass multitest:\n");
        assertThat(script).endsWith("        print(\"OUTPUT_METRIC\", data)\n\nA = 1\n\n\ninstance1()\nmultitest.flush()\n");
        String board = new String(TWO.script(Kind.BOARD, "", "instance0"), StandardCharsets.UTF_8);
        assertThat(board).startsWith("def instance0():\n").endsWith("data)\n\n\n\ninstance0()\nmultitest.flush()\n");
    }

    @Test
    void theHelperKeepsRunMultitestsPyLineNumbers() {
        // Upstream's helper: 54 lines before the globals, its stdin read on the 27th. Tracebacks
        // (and .exp files that hold them) name those lines.
        String[] lines = Multitest.HELPER.split("\n", -1);
        assertThat(lines).hasSize(55);
        assertThat(lines[26]).contains("sys.stdin.readline()");
        assertThat(lines[0]).isEmpty();
        assertThat(lines[1]).isEqualTo("import sys");
        // A file of 4 lines on a process: the read on line 35 and the call on line 65, as upstream's.
        String script = new String(TWO.script(Kind.PROCESS, "", "instance0"), StandardCharsets.UTF_8);
        List<String> scriptLines = List.of(script.split("\n", -1));
        assertThat(scriptLines.indexOf("instance0()") + 1).isEqualTo(65);
        assertThat(scriptLines.get(35 - 1)).contains("sys.stdin.readline()");
    }

    @Test
    void hostIpIsInjectedOnlyIntoTestsThatAskForTheNetworkAddress() throws Exception {
        Multitest asks = test("def instance0():\n    print(multitest.get_network_ip())\n");
        ScriptedInstance one = instance("micropython", List.of());
        run(asks, one);
        assertThat(one.started().get(0)).contains("\nHOST_IP = '192.0.2.7'\n\n\ninstance0()");
        ScriptedInstance other = instance("micropython", List.of());
        run(test("def instance0():\n    pass\n"), other);
        assertThat(other.started().get(0)).doesNotContain("HOST_IP =");
    }

    @Test
    void processesRunInTheTestsDirectory() throws Exception {
        ScriptedInstance one = instance("micropython", List.of());
        run(test("def instance0():\n    pass\n"), one);
        assertThat(one.directories()).containsExactly(Path.of("/tests/multi_x").toString());
    }

    // --- phase 1 ---

    @Test
    void instancesStartInOrderEachUntilNextAndLaterOnesSeeTheGlobalsSetBefore() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print SET A = 1", "print SET B = 'two'", "print i0 start",
                "print NEXT", "print i0 end"));
        ScriptedInstance i1 = instance("micropython", List.of("print i1 start", "print NEXT", "print i1 end"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(i0.started().get(0)).doesNotContain("A = 1");
        assertThat(i1.started().get(0)).contains("\nA = 1\nB = 'two'\n\n\ninstance1()\n");
        assertThat(result.output()).isEqualTo("--- instance0 ---\ni0 start\ni0 end\n--- instance1 ---\ni1 start\ni1 end\n");
        assertThat(result.error()).isFalse();
        assertThat(result.skip()).isFalse();
        assertThat(result.trace()).first().asString().matches(" +\\d+ i0 : SET A = 1");
    }

    @Test
    void anInstanceThatEndsWithoutNextLetsTheNextOneStart() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print only"));
        ScriptedInstance i1 = instance("micropython", List.of("print second"));
        assertThat(run(TWO, i0, i1).output()).isEqualTo("--- instance0 ---\nonly\n--- instance1 ---\nsecond\n");
    }

    @Test
    void skipWhileStartingSkipsTheTestAndStartsNoMoreInstances() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print SKIP"));
        ScriptedInstance i1 = instance("micropython", List.of("print never"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.skip()).isTrue();
        assertThat(i1.started()).isEmpty();
        assertThat(result.output()).isEqualTo("--- instance0 ---\n\n--- instance1 ---\n\n");
    }

    @Test
    void anInstanceSilentForTheReadTimeoutWhileStartingTimesOutAndNoMoreStart() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print before", "hang"));
        ScriptedInstance i1 = instance("micropython", List.of("print never"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.output()).isEqualTo("--- instance0 ---\nbefore\nTIMEOUT\n--- instance1 ---\n\n");
        assertThat(result.error()).isTrue();
        assertThat(i1.started()).isEmpty();
        assertThat(i0.stops()).isEqualTo(1);
        // Ten seconds of silence and one pause more, not a second less.
        assertThat(clock.slept()).isGreaterThan(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofMillis(10_100));
    }

    @Test
    void silenceShorterThanTheReadTimeoutIsWaitedFor() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("sleep 9.5", "print late", "sleep 9.5", "print later"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.output()).isEqualTo("--- instance0 ---\nlate\nlater\n");
        assertThat(result.error()).isFalse();
    }

    @Test
    void broadcastsMetricsAndSetsBeforeNextAreOrdinaryOutput() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print BROADCAST early", "print OUTPUT_METRIC m1",
                "print NEXT", "print SET LATE = 3", "print NEXT", "print SKIP"));
        ScriptedInstance i1 = instance("micropython", List.of("print x"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.output()).isEqualTo(
                "--- instance0 ---\nBROADCAST early\nOUTPUT_METRIC m1\nSET LATE = 3\nNEXT\nSKIP\n--- instance1 ---\nx\n");
        assertThat(i1.input()).isEmpty();
        assertThat(result.metrics()).isEmpty();
        assertThat(result.skip()).isFalse();
    }

    @Test
    void aStartThatFailsIsThatInstancesError() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT"));
        ScriptedInstance i1 = board("ttyACM0").failingToStart();
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.error()).isTrue();
        assertThat(result.lines().get(1)).containsExactly("Failed to start instance: no such board");
    }

    // --- phase 2 ---

    @Test
    void broadcastsGoToTheOtherRunningInstancesAndMetricsAreCollected() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print i0 start", "print NEXT", "print BROADCAST go",
                "wait BROADCAST done", "print OUTPUT_METRIC speed 42", "print i0 end"));
        ScriptedInstance i1 = instance("micropython", List.of("print NEXT", "wait BROADCAST go", "print i1 got go",
                "print BROADCAST done"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.output()).isEqualTo("--- instance0 ---\ni0 start\ni0 end\n--- instance1 ---\ni1 got go\n");
        assertThat(i1.input()).containsExactly("BROADCAST go");
        assertThat(i0.input()).containsExactly("BROADCAST done");
        assertThat(result.metrics()).containsExactly("speed 42");
    }

    @Test
    void aBroadcastMissesAnInstanceThatHasEnded() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT"));
        ScriptedInstance i1 = instance("micropython", List.of("print NEXT", "sleep 0.5", "print BROADCAST late",
                "print end"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(i0.input()).isEmpty();
        assertThat(result.output()).isEqualTo("--- instance0 ---\n\n--- instance1 ---\nend\n");
    }

    @Test
    void anInstanceSilentForTheReadTimeoutWhileRunningTimesOutAndTheOthersAreStopped() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT", "print a", "hang"));
        ScriptedInstance i1 = instance("micropython", List.of("print NEXT", "sleep 3", "print b", "hang"));
        MultitestSession.Result result = run(TWO, i0, i1);
        // The round that finds instance0 silent too long goes on to instance1, which is not yet.
        assertThat(result.output()).isEqualTo("--- instance0 ---\na\nTIMEOUT\n--- instance1 ---\nb\n");
        assertThat(result.error()).isTrue();
        assertThat(i0.stops()).isEqualTo(1);
        assertThat(i1.stops()).isEqualTo(1);
    }

    @Test
    void allInstancesSilentEndsAtTheReadTimeoutNothingWaitsForEver() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT", "hang"));
        ScriptedInstance i1 = instance("micropython", List.of("print NEXT", "hang"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.output()).isEqualTo("--- instance0 ---\nTIMEOUT\n--- instance1 ---\nTIMEOUT\n");
        assertThat(clock.slept()).isLessThan(Duration.ofSeconds(11));
    }

    @Test
    void noiseLinesOfPortsAreDropped() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print libusb: error [x]", "print kept",
                "print USB Path: 1-2", "print  ets_task(4010, 3)", "print NEXT", "print hci_number_completed_packet 3",
                "print also kept"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.output()).isEqualTo("--- instance0 ---\nkept\nalso kept\n");
    }

    @Test
    void aBoardsErrorTextIsAppendedAfterItsEmptyStdoutPartAndEndsTheTest() throws Exception {
        ScriptedInstance i0 = board("ttyACM0", List.of("print NEXT", "print i0 start",
                "error Traceback (most recent call last):\\nOSError: 29\\n"));
        ScriptedInstance i1 = instance("micropython", List.of("print NEXT", "sleep 1", "print i1 late"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.error()).isTrue();
        assertThat(result.output()).isEqualTo("--- instance0 ---\ni0 start\n\nTraceback (most recent call last):\r\n"
                + "OSError: 29\r\n\n--- instance1 ---\n\n");
    }

    @Test
    void aPartnerLostMidTestIsAReadErrorThatEndsTheTest() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT", "sleep 1", "print i0 on"));
        ScriptedInstance i1 = board("ttyACM0", List.of("print NEXT", "lost the board on /dev/ttyACM0 is gone"));
        MultitestSession.Result result = run(TWO, i0, i1);
        assertThat(result.error()).isTrue();
        assertThat(result.lines().get(1)).containsExactly("Failed to read from instance: the board on /dev/ttyACM0 is gone");
        assertThat(i0.stops()).isEqualTo(1);
    }

    @Test
    void aFailedStopIsNotedInThatInstancesOutput() throws Exception {
        ScriptedInstance i0 = board("ttyACM0", List.of("print x")).failingToStop();
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.lines().get(0)).containsExactly("x", "Runner failed to stop instance: port closed");
    }

    @Test
    void linesAreRightStrippedAndDecodedAsAsciiWithBackslashEscapes() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print caf\u00e9 \t\r", "print  lead"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.lines().get(0)).containsExactly("caf\\xe9", " lead");
    }

    @Test
    void aFileWithoutInstancesStartsNothingAndHasAnEmptyOutput() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print x"));
        MultitestSession.Result result = run(test("print(1)\n"), i0);
        assertThat(result.output()).isEmpty();
        assertThat(i0.started()).isEmpty();
    }

    // --- WAIT_FOR_REBOOT ---

    @Test
    void aBoardThatRebootsIsStartedAgainAtItsResumeFunctionWithTheGlobalsSoFar() throws Exception {
        ScriptedInstance i0 = board("ttyACM0",
                List.of("print SET A = 1", "print NEXT", "print WAIT_FOR_REBOOT instance0_resume 100", "sleep 1.05",
                        "print MicroPython v1.27.0 on 2025-12-09; Raspberry Pi Pico with RP2040"),
                List.of("print resumed"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(i0.started()).hasSize(2);
        assertThat(i0.started().get(1)).endsWith("\nA = 1\n\n\ninstance0_resume()\nmultitest.flush()\n");
        assertThat(result.output()).isEqualTo("--- instance0 ---\nWAIT_FOR_REBOOT instance0_resume 100\nresumed\n");
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void theRebootDelayIsInMillisecondsNotThousandsOfSeconds() throws Exception {
        ScriptedInstance i0 = board("ttyACM0", List.of("print NEXT", "print WAIT_FOR_REBOOT instance0_resume 100", "hang"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.notes()).containsExactly("Reboot: missed initial Timeout");
        // 1 s and the test's 100 ms for the first byte; then the silent board times out as any other.
        assertThat(clock.slept()).isLessThan(Duration.ofSeconds(12));
        assertThat(result.output()).isEqualTo("--- instance0 ---\nWAIT_FOR_REBOOT instance0_resume 100\nTIMEOUT\n");
    }

    @Test
    void aProcessThatGoesOnPrintingAfterWaitForRebootTimesOutItsRebootAndLosesThoseLines() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT", "print WAIT_FOR_REBOOT instance0_resume 0",
                "print after", "hang"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.notes()).containsExactly("Reboot: Timeout");
        assertThat(result.output()).isEqualTo("--- instance0 ---\nWAIT_FOR_REBOOT instance0_resume 0\nTIMEOUT\n");
    }

    @Test
    void aResumeFunctionOfAnotherInstanceIsAnError() throws Exception {
        ScriptedInstance i0 = board("ttyACM0", List.of("print NEXT", "print WAIT_FOR_REBOOT instance1_resume 0",
                "print MicroPython v1.27.0 on 2025-12-09; Raspberry Pi Pico with RP2040"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(result.error()).isTrue();
        assertThat(result.lines().get(0)).containsExactly("ERROR: resume function must start with \"instance0\"",
                "WAIT_FOR_REBOOT instance1_resume 0");
    }

    // --- the verdict ---

    @Test
    void equalOutputPassesEvenWhenBothTimedOut() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print before", "hang"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        Verdict verdict = MultitestJudgement.judge(result, "--- instance0 ---\nbefore\nTIMEOUT\n", "CPython",
                List.of("micropython"));
        assertThat(result.error()).isTrue();
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.PASS);
    }

    @Test
    void aSkipIsASkipWhateverTheExpectation() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print SKIP"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        assertThat(MultitestJudgement.judge(result, "anything", "CPython", List.of()).kind())
                .isEqualTo(Verdict.Kind.SKIP);
    }

    @Test
    void aFailureShowsEachDifferingInstancesOutputAgainstTheExpectedOne() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print NEXT", "print same"));
        ScriptedInstance i1 = instance("micropython", List.of("print NEXT", "print b'server to client'"));
        MultitestSession.Result result = run(TWO, i0, i1);
        Verdict verdict = MultitestJudgement.judge(result,
                "--- instance0 ---\nsame\n--- instance1 ---\nb'server to clien'\n", "t.py.exp",
                List.of("micropython on unix#1", "micropython on unix#2"));
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FAIL);
        assertThat(verdict.message()).isEqualTo("""
                output differs from t.py.exp
                instance1 (micropython on unix#2) printed:
                    b'server to client'
                instance1 expected:
                    b'server to clien'""");
        assertThat(verdict.firstDifferingLine()).isEqualTo(4);
    }

    @Test
    void anExpectationWithoutItsFinalNewlineFailsAndSaysSo() throws Exception {
        ScriptedInstance i0 = instance("micropython", List.of("print x"));
        MultitestSession.Result result = run(test("def instance0():\n    pass\n"), i0);
        Verdict verdict = MultitestJudgement.judge(result, "--- instance0 ---\nx", "t.py.exp", List.of("micropython"));
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.FAIL);
        assertThat(verdict.message()).endsWith("instance0 (micropython) printed:\n    x\ninstance0 expected:\n    x\n"
                + "    (no newline at the end)");
    }
}
