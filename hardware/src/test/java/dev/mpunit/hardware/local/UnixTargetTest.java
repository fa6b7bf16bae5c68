package dev.mpunit.hardware.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Execution.Ending;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.TargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a fake {@code micropython} (a shell script): there is no unix port on the build machines,
 * and what is tested here is process handling, which a script exercises honestly.
 */
class UnixTargetTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private Path bin;
    private Path tests;

    @BeforeEach
    void layout() throws Exception {
        bin = Files.createDirectories(temp.resolve("bin"));
        tests = Files.createDirectories(temp.resolve("tests"));
        Files.createDirectories(tests.resolve("basics"));
        Files.createDirectories(tests.resolve("cmdline"));
    }

    /** A micropython that reports how it was started, then does what the test file says. */
    private UnixTarget fake(UnixTarget.Config config) throws Exception {
        Path micropython = FakeCommands.script(bin, "micropython", """
                echo "args: $*"
                echo "cwd: $(pwd)"
                echo "MICROPYPATH: ${MICROPYPATH-unset}"
                for last; do :; done
                case "$(cat "$last" 2>/dev/null)" in
                  *stderr*) echo "to stderr" >&2; echo "to stdout again" ;;
                  *crash*) echo "dying"; exit 3 ;;
                  *hang*) printf "before hanging"; sleep 60 & echo $! > "%s/child.pid"; wait ;;
                esac
                exit 0
                """.formatted(temp));
        return UnixTarget.open(config.withMicropython(micropython));
    }

    private Path test(String relative, String content) throws Exception {
        Path file = tests.resolve(relative);
        Files.writeString(file, content);
        return file;
    }

    private static String text(Execution execution) {
        return new String(execution.output(), StandardCharsets.UTF_8);
    }

    @Test
    void runsANormalTestLikeRunTestsDoes() throws Exception {
        UnixTarget target = fake(UnixTarget.Config.defaults().withEmit("native")
                .withMicropyPath(".frozen:/up/extmod:/up/lib/micropython-lib/python-stdlib/unittest"));
        Path file = test("basics/ok.py", "print('ok')\n");

        Execution execution = target.execute(new Script(file, TIMEOUT, false, List.of("-X", "heapsize=64k")));

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(execution)).isEqualTo("args: -X emit=native -X heapsize=64k " + file + "\n"
                + "cwd: " + tests.resolve("basics").toRealPath() + "\n"
                + "MICROPYPATH: .frozen:/up/extmod:/up/lib/micropython-lib/python-stdlib/unittest\n");
    }

    @Test
    void aCompiledTestRunsAsAModuleBesideItAsRunTestsPyRunsItAndTheMpyIsGoneAfter() throws Exception {
        UnixTarget target = fake(UnixTarget.Config.defaults());
        Path file = test("basics/ok.py", "print('ok')\n");

        Execution execution = target.executeCompiled(new Script(file, TIMEOUT, false, List.of("-X", "emit=native")),
                "M\u0006mpy".getBytes(StandardCharsets.ISO_8859_1));

        String text = text(execution);
        assertThat(text).matches("args: -X emit=bytecode -X emit=native -m mpunit_mpy_\\w+\n"
                + "cwd: " + java.util.regex.Pattern.quote(tests.resolve("basics").toRealPath().toString()) + "\n(?s).*");
        String module = text.substring(text.indexOf("-m ") + 3, text.indexOf('\n'));
        assertThat(tests.resolve("basics").resolve(module + ".mpy")).as("written for the run, deleted after").doesNotExist();
        try (var left = Files.list(tests.resolve("basics"))) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void stdoutAndStderrAreMergedInWriteOrder() throws Exception {
        Execution execution = fake(UnixTarget.Config.defaults()).execute(Script.of(test("basics/err.py", "# stderr\n"), TIMEOUT));

        assertThat(text(execution)).endsWith("MICROPYPATH: unset\nto stderr\nto stdout again\n");
    }

    @Test
    void aNonZeroExitIsACrashWithTheOutputKept() throws Exception {
        Execution execution = fake(UnixTarget.Config.defaults()).execute(Script.of(test("basics/crash.py", "# crash\n"), TIMEOUT));

        assertThat(execution.ending()).isEqualTo(Ending.CRASHED);
        assertThat(text(execution)).endsWith("dying\n");
    }

    @Test
    void aSpecialTestGetsItsCmdlineOptionsAndRunsFromTheTestsDirectory() throws Exception {
        Path file = test("cmdline/cmd_showbc.py", """
                # cmdline: -v -v
                # cmdline: -X  compile-only
                # test printing of all bytecodes
                # cmdline: -O2
                print(1)
                # cmdline: -never
                """);

        Execution execution = fake(UnixTarget.Config.defaults()).execute(Script.of(file, TIMEOUT).asSpecial());

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(execution)).startsWith("args: -v -v -X compile-only -O2 cmdline/cmd_showbc.py\n"
                + "cwd: " + tests.toRealPath() + "\n");
    }

    @Test
    void aCrashingSpecialTestLeavesNoOutput() throws Exception {
        Path file = test("cmdline/cmd_crash.py", "# cmdline: -v\n# crash\n");

        Execution execution = fake(UnixTarget.Config.defaults()).execute(Script.of(file, TIMEOUT).asSpecial());

        assertThat(execution.ending()).isEqualTo(Ending.CRASHED);
        assertThat(execution.output()).isEmpty();
    }

    @Test
    void aHangingTestIsKilledWithEverythingItStartedAndKeepsItsOutput() throws Exception {
        UnixTarget target = fake(UnixTarget.Config.defaults());

        Execution execution = target.execute(Script.of(test("basics/hang.py", "# hang\n"), Duration.ofSeconds(1)));

        assertThat(execution.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(text(execution)).endsWith("before hanging");
        assertThat(execution.duration()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));
        long child = Long.parseLong(Files.readString(temp.resolve("child.pid")).strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        handle.ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));

        Execution next = target.execute(Script.of(test("basics/ok.py", "print('ok')\n"), TIMEOUT));
        assertThat(next.ending()).isEqualTo(Ending.COMPLETED);
    }

    @Test
    void micropythonIsFoundOnThePath() throws Exception {
        Path micropython = FakeCommands.script(bin, "micropython", "echo found\n");

        UnixTarget target = UnixTarget.open(UnixTarget.Config.defaults(), "/nonexistent:" + bin);

        assertThat(target.micropython()).isEqualTo(micropython);
        assertThat(target.port()).isEqualTo(micropython.toString());
        assertThat(target.variant()).isEqualTo("unix");
    }

    @Test
    void missingMicropythonSaysWhatToDo() {
        assertThatThrownBy(() -> UnixTarget.open(UnixTarget.Config.defaults(), temp.toString()))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("micropython not found: set micropython.unix.micropython or put it on PATH");
        assertThatThrownBy(() -> UnixTarget.open(UnixTarget.Config.defaults().withMicropython(temp.resolve("nope")), ""))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("micropython not found:")
                .hasMessageContaining("micropython.unix.micropython");
    }

    @Test
    void cmdlineOptionsAreReadOnlyFromTheLeadingComments() throws Exception {
        Path file = test("cmdline/opts.py", "# cmdline: -m cmdline.opts\n#\n# cmdline: -X realtime\n\n# cmdline: -late\n");

        assertThat(UnixTarget.cmdlineOptions(file)).containsExactly("-m", "cmdline.opts", "-X", "realtime");
    }

    /**
     * A REPL standing in for MicroPython's (a Python script that, like it, runs its terminal raw
     * and echoes itself) as the "micropython" of a {@code repl_*} test: what the test's lines
     * become on a real pty, with its {@code # cmdline:} options, control bytes and Ctrl-D at the end.
     */
    private UnixTarget standInRepl() throws Exception {
        Path python = findPython();
        Path standIn = temp.resolve("stand-in-repl.py");
        try (var in = UnixTargetTest.class.getResourceAsStream("stand-in-repl.py")) {
            Files.write(standIn, in.readAllBytes());
        }
        Path micropython = FakeCommands.script(bin, "micropython", "exec '" + python + "' '" + standIn + "' \"$@\"\n");
        return UnixTarget.open(UnixTarget.Config.defaults().withMicropython(micropython).withPython(python.toString()));
    }

    private static Path findPython() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = "python3 not on PATH: it holds the pty of REPL tests";
        if (Emulators.required()) {
            org.junit.jupiter.api.Assertions.fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)");
        }
        org.junit.jupiter.api.Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    @Test
    void aReplTestIsTypedIntoThePromptOnAPtyLineByLine() throws Exception {
        Path file = test("cmdline/repl_typed.py", "# cmdline: -X stand-in\nfirst line\nctrl{\\x01}byte\n# end\n");

        Execution execution = standInRepl().execute(Script.of(file, TIMEOUT).asSpecial());

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        // Its options, a terminal that is not its controlling one (no "# sigint:"), each line typed
        // ({\x01} as the byte 0x01), and nothing of Ctrl-D's answer.
        assertThat(text(execution)).isEqualTo("""
                stand-in REPL; args: -X stand-in; terminal: yes; controlling: no
                >>> # cmdline: -X stand-in
                typed '# cmdline: -X stand-in'
                >>> first line
                typed 'first line'
                >>> ctrl^Abyte
                typed 'ctrl\\x01byte'
                >>> # end
                typed '# end'
                >>>\s""".replace("\n", "\r\n"));
    }

    @Test
    void aSigintReplTestInterruptsTheRunningCommandThroughItsControllingTerminal() throws Exception {
        Path file = test("cmdline/repl_sigint.py", "# sigint: via the controlling terminal\nspin\n{\\x03}\nafter\n");

        Execution execution = standInRepl().execute(Script.of(file, TIMEOUT).asSpecial());

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        // The terminal driver turned Ctrl-C into SIGINT (echoing ^C): the spin ended, the REPL answers.
        assertThat(text(execution)).isEqualTo("""
                stand-in REPL; args: ; terminal: yes; controlling: yes
                >>> # sigint: via the controlling terminal
                typed '# sigint: via the controlling terminal'
                >>> spin
                spinning
                ^CKeyboardInterrupt
                >>> after
                typed 'after'
                >>>\s""".replace("\n", "\r\n"));
    }

    @Test
    void aCtrlCWaitsUntilTheCommandHasTheTerminalsSignalsOn() throws Exception {
        // The command turns the signals on 0.3 s after its line arrived, long after 20 ms of quiet:
        // written then, the Ctrl-C would be a plain byte and the command would spin on.
        Path file = test("cmdline/repl_sigint_late.py", "# cmdline: slow-spin\n# sigint: late\nspin\n{\\x03}\nafter\n");

        Execution execution = standInRepl().execute(Script.of(file, TIMEOUT).asSpecial());

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(execution)).isEqualTo("""
                stand-in REPL; args: slow-spin; terminal: yes; controlling: yes
                >>> # cmdline: slow-spin
                typed '# cmdline: slow-spin'
                >>> # sigint: late
                typed '# sigint: late'
                >>> spin
                spinning
                ^CKeyboardInterrupt
                >>> after
                typed 'after'
                >>>\s""".replace("\n", "\r\n"));
    }

    @Test
    void theNextLineWaitsUntilTheReplIsBackAtItsInput() throws Exception {
        // "slow" answers after 0.3 s with the terminal cooked, long after 20 ms of quiet: typed
        // then, "after" would be echoed by the terminal itself, outside the REPL's own echo.
        Path file = test("cmdline/repl_slow.py", "slow\nafter\n");

        Execution execution = standInRepl().execute(Script.of(file, TIMEOUT).asSpecial());

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(execution)).isEqualTo("""
                stand-in REPL; args: ; terminal: yes; controlling: no
                >>> slow
                slow done
                >>> after
                typed 'after'
                >>>\s""".replace("\n", "\r\n"));
    }

    @Test
    void theHeaderSaysWhichReplTestsNeedSigint() throws Exception {
        Path file = test("cmdline/repl_header.py", "# cmdline: -i\n# sigint: yes\nimport time\n# sigint: too late\n");

        assertThat(UnixTarget.header(file)).isEqualTo(new UnixTarget.Header(List.of("-i"), true));
        assertThat(UnixTarget.header(test("cmdline/repl_plain.py", "# plain\n")).sigint()).isFalse();
    }
}
