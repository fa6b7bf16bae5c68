package dev.mpunit.hardware.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Execution.Ending;
import dev.mpunit.hardware.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the real npm package: skipped with the reason when node or npm is missing (failed in CI). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAssemblyTargetTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path scripts;

    private WebAssemblyInstallation installation;
    private WebAssemblyTarget target;

    @BeforeAll
    void open() {
        installation = Emulators.webAssembly();
        target = new WebAssemblyTarget(installation);
    }

    @AfterAll
    void close() {
        if (target != null) {
            target.close();
        }
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = scripts.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** What upstream's runner captures: node micropython.mjs file, in the file's directory, stderr merged. */
    private Processes.Finished upstream(Path file, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(installation.node(), installation.micropythonMjs().toString()));
        command.addAll(List.of(options));
        command.add(file.toString());
        return Processes.run(command, file.getParent(), Map.of(), TIMEOUT);
    }

    private static String text(Execution execution) {
        return new String(execution.output(), StandardCharsets.UTF_8);
    }

    private void assertSameAsUpstream(Path file, String... options) throws Exception {
        Processes.Finished expected = upstream(file, options);
        Execution actual = target.execute(new Script(file, TIMEOUT, false, List.of(options)));

        assertThat(actual.output()).as("output of %s", file.getFileName()).isEqualTo(expected.output());
        Ending ending = expected.exitCode() == 0 ? Ending.COMPLETED : Ending.CRASHED;
        assertThat(actual.ending()).isEqualTo(ending);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // stdout and stderr interleaved, a partial line, unicode, raw bytes that are no UTF-8
        """
        import sys
        print("out 1")
        print("err 1", file=sys.stderr)
        print("out 2")
        sys.stdout.write("partial")
        print(" é ☃ 😀")
        sys.stdout.buffer.write(b"\\xff\\xfe raw\\n")
        """,
        // a traceback, printed by the CLI with console.error
        """
        def f():
            raise ValueError("boom")
        print("before")
        f()
        """,
        // SystemExit prints nothing
        """
        import sys
        print("leaving")
        sys.exit(3)
        """,
        // an asyncio program ending in the exact line the CLI patches asyncio.run for
        """
        import asyncio
        async def tick(n):
            for i in range(3):
                print(n, i)
                await asyncio.sleep_ms(20)
        async def main():
            await asyncio.gather(tick("a"), tick("b"))
            print("done")
        asyncio.run(main())
        """,
        // a JavaScript timer that fires after the script returned: node waits for it
        """
        import js
        def later():
            print("timer ran")
        js.setTimeout(later, 100)
        print("scheduled")
        """,
        // large output: more than the host's 1 MiB ring
        """
        for i in range(40000):
            print("line", i, "x" * 40)
        """,
        // a MemoryError from the small default heap
        """
        x = bytearray(1 << 20)
        """,
        // stdin at end of file, and the process.argv the script's own node would have had
        """
        import sys, js
        print(repr(sys.stdin.read()))
        print([js.process.argv[i] for i in range(1, js.process.argv.length)])
        """,
    })
    void outputIsByteIdenticalToNodeRunningTheFile(String source) throws Exception {
        assertSameAsUpstream(write("script.py", source));
    }

    @Test
    void aTestCompiledToMpyRunsFromItsBytesAsAnImportedModuleAndLeavesNothingBeside() throws Exception {
        byte[] mpy;
        try (var in = WebAssemblyTargetTest.class.getResourceAsStream("compiled.mpy")) {
            mpy = in.readAllBytes();
        }
        Path test = write("compiled.py", "raise SystemExit('the .py itself must not run')\n");

        Execution execution = target.executeCompiled(Script.of(test, TIMEOUT), mpy);

        assertThat(execution.ending()).isEqualTo(Execution.Ending.COMPLETED);
        assertThat(new String(execution.output(), StandardCharsets.UTF_8)).isEqualTo("compiled __mpunit_test\n0\n1\n4\n");
        try (var left = Files.list(scripts)) {
            assertThat(left).containsExactly(test);
        }
    }

    @Test
    void sourceThatIsNoUtf8IsReadAsNodeReadsIt() throws Exception {
        // node reads the file as UTF-8: the stray byte becomes U+FFFD before MicroPython sees it.
        byte[] source = "print('a\u00ff')\nprint(len('\u00e9'))\n".getBytes(StandardCharsets.ISO_8859_1);
        assertSameAsUpstream(write("latin1.py", source));
    }

    @Test
    void heapsizeOptionIsHonoured() throws Exception {
        Path file = write("heap.py", "x = bytearray(1 << 20)\nprint(len(x))\n");

        assertSameAsUpstream(file, "-X", "heapsize=4m");
        assertThat(text(target.execute(new Script(file, TIMEOUT, false, List.of("-X", "heapsize=4m")))))
                .isEqualTo("1048576\n");
    }

    @Test
    void anErrorThatWouldEndNodeIsACrashWithNodesReport() throws Exception {
        // A class standing in for a module makes "import *" read out of bounds in wasm: a
        // RuntimeError that is no PythonError, which the CLI lets go, so node prints it, exits 1.
        Path file = write("oob.py", """
                import sys
                class Fake:
                    y = 1
                sys.modules["fake"] = Fake
                print("before")
                from fake import *
                print(y)
                """);

        assertSameAsUpstream(file);
        Execution next = target.execute(Script.of(write("after.py", "print('fine')\n"), TIMEOUT));
        assertThat(next.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(next)).isEqualTo("fine\n");
    }

    @Test
    void aJavaScriptStackOverflowIsACrash() throws Exception {
        // Backtracking without end overflows node's stack. Which ten frames the report lists
        // depends on how deep the stack already was, which differs from the CLI's (and from one
        // script to the next, as V8 optimises the host's own functions): no byte comparison.
        Path file = write("overflow.py", """
                import re
                print("before")
                re.match("(y*)*", "yyyy")
                """);

        Execution crash = target.execute(Script.of(file, TIMEOUT));

        assertThat(crash.ending()).isEqualTo(Ending.CRASHED);
        assertThat(text(crash)).startsWith("before\n").contains("RangeError: Maximum call stack size exceeded")
                .endsWith("\nNode.js " + installation.nodeVersion() + "\n");
    }

    @Test
    void anUncaughtErrorInATimerIsACrashToo() throws Exception {
        // The lambda's NameError surfaces in a JavaScript timer, uncaught. Node's report quotes the
        // 100 KB minified line of micropython.mjs, so it is not compared with upstream here: node
        // makes the merged pipe non-blocking and drops what does not fit when the reader is slow,
        // so upstream's own copy of it is cut at 64 KiB now and then.
        Path file = write("crash.py", """
                import js
                print("before")
                js.setTimeout(lambda: undefined_name, 10)
                """);

        Execution crash = target.execute(Script.of(file, TIMEOUT));

        assertThat(crash.ending()).isEqualTo(Ending.CRASHED);
        String output = text(crash);
        assertThat(output.startsWith("before\nfile://")).as("starts like node's report").isTrue();
        assertThat(output.contains("NameError: name 'undefined_name' isn't defined")).as("names the error").isTrue();
        assertThat(output.endsWith("\nNode.js " + installation.nodeVersion() + "\n")).as("ends like node's report").isTrue();
        Execution next = target.execute(Script.of(write("after.py", "print('fine')\n"), TIMEOUT));
        assertThat(text(next)).isEqualTo("fine\n");
    }

    @Test
    void aScriptThatNeverEndsTimesOutWithItsOutputAndTheNextOneRuns() throws Exception {
        Path loop = write("loop.py", """
                print("before the loop")
                print("no newline yet", end="")
                while True:
                    pass
                """);

        Execution timedOut = target.execute(Script.of(loop, Duration.ofSeconds(2)));

        assertThat(timedOut.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(text(timedOut)).isEqualTo("before the loop\nno newline yet");
        assertThat(timedOut.duration()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));

        Execution next = target.execute(Script.of(write("next.py", "print(1 + 1)\n"), TIMEOUT));
        assertThat(next.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(next)).isEqualTo("2\n");
    }

    @Test
    void aPendingTimerBeyondTheTimeoutIsATimeout() throws Exception {
        Path file = write("slow-timer.py", "import js\njs.setTimeout(lambda: print('late'), 5000)\nprint('waiting')\n");

        Execution execution = target.execute(Script.of(file, Duration.ofSeconds(1)));

        assertThat(execution.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(text(execution)).isEqualTo("waiting\n");
    }

    @Test
    void everyScriptGetsAFreshInstanceAndCleanGlobals() throws Exception {
        Path first = write("first.py", "import js\nx = 1\njs.globalThis.mpunitLeak = 42\nprint('set')\n");
        Path second = write("second.py", """
                import js
                try:
                    x
                    print("x leaked")
                except NameError:
                    print("no x")
                print(hasattr(js.globalThis, "mpunitLeak"))
                """);

        target.execute(Script.of(first, TIMEOUT));
        Execution execution = target.execute(Script.of(second, TIMEOUT));

        assertThat(text(execution)).isEqualTo("no x\nFalse\n");
    }

    @Test
    void nodeRunsInTheScriptsDirectoryAsUpstreamStartsIt() throws Exception {
        Path directory = Files.createDirectories(scripts.resolve("sub dir"));
        Path file = directory.resolve("cwd.py");
        Files.writeString(file, "import js, os\nprint(js.process.cwd())\nprint(os.getcwd())\n");

        Execution execution = target.execute(Script.of(file, TIMEOUT));

        // node's cwd is the test's directory; MicroPython's own file system (MEMFS) starts at "/".
        assertThat(text(execution)).isEqualTo(directory.toRealPath() + "\n/\n");
        assertSameAsUpstream(file);
    }

    @Test
    void theHostIsReplacedAfterItsScriptLimit() throws Exception {
        Path pid = write("pid.py", "import js\nprint(js.process.pid)\n");
        try (WebAssemblyTarget small = new WebAssemblyTarget(installation,
                new WebAssemblyTarget.Limits(2, 1L << 30, Duration.ofSeconds(30)))) {
            String first = text(small.execute(Script.of(pid, TIMEOUT)));
            String second = text(small.execute(Script.of(pid, TIMEOUT)));
            String third = text(small.execute(Script.of(pid, TIMEOUT)));

            assertThat(first).isEqualTo(second);
            assertThat(third).isNotEqualTo(second).matches("\\d+\n");
        }
    }

    @Test
    void aHostKilledBetweenScriptsIsReplacedTransparently() throws Exception {
        Path pid = write("pid.py", "import js\nprint(js.process.pid)\n");
        long hostPid = Long.parseLong(text(target.execute(Script.of(pid, TIMEOUT))).strip());
        ProcessHandle.of(hostPid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(hostPid).ifPresent(h -> h.onExit().join());

        Execution execution = target.execute(Script.of(write("ok.py", "print('ok')\n"), TIMEOUT));

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(execution)).isEqualTo("ok\n");
    }

    @Test
    void javaScriptTestsRunInTheirOwnNodeLikeUpstream() throws Exception {
        Path mjs = write("hello.mjs", """
                const mp = await (await import(process.argv[2])).loadMicroPython();
                mp.runPython("print('from mjs', 6 * 7)");
                console.log(process.cwd());
                """);

        Execution execution = target.execute(Script.of(mjs, TIMEOUT));

        assertThat(execution.ending()).isEqualTo(Ending.COMPLETED);
        assertThat(text(execution)).isEqualTo("from mjs 42\n" + scripts.toRealPath() + "\n");
    }

    @Test
    void describesItself() {
        assertThat(target.variant()).isEqualTo("webassembly");
        assertThat(target.port()).contains("micropython.mjs");
    }
}
