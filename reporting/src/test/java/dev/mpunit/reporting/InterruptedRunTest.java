package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real run in a JVM of its own, on the real webassembly MicroPython, over a tree of slow tests,
 * interrupted from outside by a real signal once its first test runs. A census of the JVM's
 * processes before, and of every process that mentions the run's temporary folder after: nothing
 * the run started may outlive it, and it leaves no temporary folder. Interrupted politely
 * (SIGTERM, SIGINT) it still reports every test and says where its partial results are.
 *
 * <p>{@code INT-GROUP} is Ctrl-C in a terminal: SIGINT to the run's whole process group while
 * CPython computes expected outputs, so CPython dies of it too; what it printed then must neither
 * fail a test nor stay in the expected-output cache.
 */
class InterruptedRunTest {

    private static final int FILES = 8;
    /** Liveness bounds, not performance: an interruption that takes longer is a hang. */
    private static final long END_SECONDS = 10;
    private static final long FIRST_TEST_SECONDS = 120;

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT", "KILL", "INT-GROUP"})
    void anInterruptedRunEndsEverythingItStartedAndLeavesNoTemporaryFolder(String signal) throws Exception {
        boolean group = signal.equals("INT-GROUP");
        Path tree = temp.resolve("tests");
        Files.createDirectories(tree.resolve("basics"));
        for (int i = 1; i <= FILES; i++) {
            // Long enough that no run ends before the signal: on MicroPython, or (for the process
            // group) in CPython, which then computes the expected outputs when the signal comes.
            Files.writeString(tree.resolve("basics/slow_" + i + ".py"), group
                    ? "import sys, time\nif sys.implementation.name == 'cpython':\n    time.sleep(60)\nprint('ok')\n"
                    : "import time\ntime.sleep(60)\nprint('ok')\n");
        }
        Path jvmTemp = Files.createDirectories(temp.resolve("jvm-tmp"));
        Path results = temp.resolve("results");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + jvmTemp, "-cp",
                System.getProperty("java.class.path"), InterruptedRunProbe.class.getName(), tree.toString(),
                results.toString()));
        if (group) {
            // A process group of its own, as a terminal gives a command (setsid execs: same pid).
            command.add(0, "setsid");
        }
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CountDownLatch firstTest = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(jvm, lines, firstTest), "probe-output");
        reader.start();
        try {
            if (!firstTest.await(FIRST_TEST_SECONDS, TimeUnit.SECONDS)) {
                fail("no test started within " + FIRST_TEST_SECONDS + " s:\n" + String.join("\n", copy(lines)));
            }
            if (group) {
                awaitDescendant(jvm, "-BS " + tree);
            }
            List<ProcessHandle> census = jvm.descendants().toList();
            assertThat(census).as("the run's processes before the signal")
                    .anySatisfy(process -> assertThat(command(process)).contains("webassembly-host"));
            assertThat(jvmTemp).isNotEmptyDirectory();

            signal(jvm, signal);
            if (!jvm.waitFor(END_SECONDS, TimeUnit.SECONDS)) {
                fail("the JVM did not end within " + END_SECONDS + " s of SIG" + signal + ":\n"
                        + String.join("\n", copy(lines)));
            }
            for (ProcessHandle process : census) {
                try {
                    process.onExit().get(END_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail("still running " + END_SECONDS + " s after the JVM ended: " + command(process));
                }
            }
            String tempName = jvmTemp.toString();
            assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).map(InterruptedRunTest::command)
                    .filter(line -> line.contains(tempName))).as("processes of the run after it ended").isEmpty();
            try (Stream<Path> left = Files.list(jvmTemp)) {
                assertThat(left).as("temporary files and folders left behind").isEmpty();
            }
            reader.join(TimeUnit.SECONDS.toMillis(END_SECONDS));
            List<String> output = copy(lines);
            String all = String.join("\n", output);
            if (signal.equals("KILL")) {
                assertThat(jvm.exitValue()).isEqualTo(137);
                return;
            }
            assertThat(jvm.exitValue()).as(all).isEqualTo(signal.equals("TERM") ? 143 : 130);
            assertThat(cachedExpectationsMentioning(tree)).as("expected outputs cached from a CPython the signal stopped")
                    .isEmpty();
            assertThat(output).as(all).contains("plan finished");
            for (int i = 1; i <= FILES; i++) {
                String name = "basics/slow_" + i + ".py";
                assertThat(output.stream().filter(line -> line.startsWith("finished " + name + " ")
                        || line.startsWith("skipped " + name + " "))).as(name + " ends exactly once:\n" + all)
                        .singleElement().asString().contains("interrupted");
            }
            assertThat(all).contains("partial results in " + results.toAbsolutePath());
            Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
            assertThat(context).containsEntry("unfinished", true);
            assertThat(context.get("time_end")).as("the plan did end").isNotNull();
            List<?> listed = (List<?>) JsonReader.object(Files.readString(
                    results.resolve("RUN-TESTS_STANDARD@webassembly/_results.json"))).get("results");
            assertThat(listed).as("every file is listed, none ran to its end").hasSize(FILES)
                    .allSatisfy(result -> assertThat(((List<?>) result).get(1)).isEqualTo("skip"));
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static void read(Process jvm, List<String> lines, CountDownLatch firstTest) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith("started ")) {
                    firstTest.countDown();
                }
            }
        } catch (IOException e) {
            // The JVM was killed: what it printed so far is all there is.
        }
    }

    private static List<String> copy(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static void signal(Process jvm, String signal) throws IOException, InterruptedException {
        boolean group = signal.equals("INT-GROUP");
        Process kill = new ProcessBuilder("kill", group ? "-INT" : "-" + signal, "--",
                (group ? "-" : "") + jvm.pid()).inheritIO().start();
        assertThat(kill.waitFor(END_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
    }

    /** Waits (bounded) until a process of the run's has {@code text} in its command line: CPython on a test. */
    private static void awaitDescendant(Process jvm, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_TEST_SECONDS);
        while (jvm.descendants().noneMatch(process -> command(process).contains(text))) {
            if (System.nanoTime() > deadline || !jvm.isAlive()) {
                fail("CPython never ran " + text);
            }
            Thread.sleep(20);
        }
    }

    /** Entries of the default expected-output cache that name a file of {@code tree} (CPython's traceback does). */
    private static List<Path> cachedExpectationsMentioning(Path tree) throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path expected = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg))
                .resolve("mpunit").resolve("expected");
        if (!Files.isDirectory(expected)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(expected)) {
            return entries.filter(entry -> {
                try {
                    return new String(Files.readAllBytes(entry), StandardCharsets.ISO_8859_1).contains(tree.toString());
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static String command(ProcessHandle process) {
        return process.info().commandLine().orElse(process.info().command().orElse(""));
    }
}
