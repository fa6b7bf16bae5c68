package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real python3 of this machine; skipped where there is none. */
class CPythonTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython3() {
        boolean found;
        try {
            found = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        assumeTrue(found, "python3 not installed");
    }

    private Path test(String name, String source) throws IOException {
        Path f = dir.resolve("tests/basics").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, source);
        return f;
    }

    private static CPython python(Path cache) {
        return new CPython(List.of("python3"), Duration.ofSeconds(30), cache);
    }

    @Test
    void outputOfASuccessfulRun() throws IOException {
        Path t = test("ok.py", "import sys\nprint('hi', 'é')\nsys.stdout.flush()\nsys.stdout.buffer.write(b'a\\r\\nb\\r\\r\\n')\n");
        CPython.Result r = python(null).run(t, "basics/ok.py");
        assertThat(r.kind()).isEqualTo(CPython.Kind.OK);
        assertThat(s(r.expected())).isEqualTo("hi é\na\nb\r\n");
        assertThat(r.fromCache()).isFalse();
    }

    @Test
    void runsInTheTestsDirectoryWithoutSiteAndWithStdinClosed() throws IOException {
        Path t = test("env.py", "import os, sys\nprint(os.path.basename(os.getcwd()), sys.flags.no_site, "
                + "sys.dont_write_bytecode, os.environ['PYTHONIOENCODING'])\nprint(sys.stdin.read() == '')\n");
        assertThat(s(python(null).run(t, "basics/env.py").expected())).isEqualTo("basics 1 True utf-8\nTrue\n");
    }

    @Test
    void nonZeroExitIsACrashExpectation() throws IOException {
        Path t = test("crash.py", "print('before')\nraise ValueError('x')\n");
        CPython.Result r = python(null).run(t, "basics/crash.py");
        assertThat(r.kind()).isEqualTo(CPython.Kind.CRASHED);
        assertThat(s(r.expected())).startsWith("CPYTHON3 CRASH:\nbefore\nTraceback (most recent call last):\n")
                .endsWith("ValueError: x\n");
    }

    @Test
    void aHangingTestTimesOutAndIsNotCached() throws IOException {
        Path cache = dir.resolve("cache");
        Path t = test("hang.py", "import time\nprint('started', flush=True)\ntime.sleep(60)\n");
        CPython py = new CPython(List.of("python3"), Duration.ofMillis(1500), cache);
        long start = System.nanoTime();
        CPython.Result r = py.run(t, "basics/hang.py");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.kind()).isEqualTo(CPython.Kind.TIMED_OUT);
        assertThat(s(r.expected())).isEqualTo("started\n");
        assertThat(py.timeoutMessage()).isEqualTo("CPython timed out after 1500 ms computing the expected output");
        assertThat(python(null).timeoutMessage()).isEqualTo("CPython timed out after 30 s computing the expected output");
        assertThat(cache).doesNotExist(); // nothing was written
    }

    @Test
    void aMissingCommandSaysWhichSettingToFix() throws IOException {
        Path t = test("ok.py", "print(1)\n");
        CPython py = CPython.of("python-that-does-not-exist-mpunit", null, null);
        assertThatThrownBy(() -> py.run(t, "basics/ok.py"))
                .isInstanceOf(CPythonNotFoundException.class)
                .hasMessageStartingWith("CPython not found: set micropython.cpython (tried `python-that-does-not-exist-mpunit -BS ")
                .hasMessageContaining(t.toString());
        // with a cache, the version is asked first, and that fails the same way
        CPython cached = CPython.of("python-that-does-not-exist-mpunit", null, dir.resolve("cache"));
        assertThatThrownBy(() -> cached.run(t, "basics/ok.py"))
                .isInstanceOf(CPythonNotFoundException.class)
                .hasMessageStartingWith(CPythonNotFoundException.MESSAGE + " (tried `python-that-does-not-exist-mpunit --version`");
        // a program that is no CPython
        assertThatThrownBy(() -> CPython.of("false", null, null).version())
                .isInstanceOf(CPythonNotFoundException.class).hasMessageContaining("exit status 1");
    }

    @Test
    void commandLineDefaults() {
        CPython py = CPython.of(null, null, null);
        assertThat(py.command()).containsExactly(CPython.DEFAULT_COMMAND);
        assertThat(py.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(py.cacheDir()).isEmpty();
        assertThat(CPython.of(" py -3 ", Duration.ofSeconds(5), null).command()).containsExactly("py", "-3");
        assertThatThrownBy(() -> new CPython(List.of("python3"), Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBareProgramIsReplacedByTheInterpretersOwnExecutableOnce() {
        CPython py = CPython.of("python3", null, null);
        List<String> command = py.runCommand();
        assertThat(command).hasSize(1);
        assertThat(Path.of(command.get(0))).isAbsolute().isExecutable();
        assertThat(py.runCommand()).isSameAs(command);
        assertThat(CPython.of("sh -c true", null, null).runCommand()).containsExactly("sh", "-c", "true");
    }

    @Test
    void versionIsAskedOnce() throws IOException {
        Path log = dir.resolve("calls.log");
        Path wrapper = dir.resolve("py.sh");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexec python3 \"$@\"\n");
        CPython py = new CPython(List.of("sh", wrapper.toString()), Duration.ofSeconds(30), dir.resolve("cache"));
        assertThat(py.version()).startsWith("Python 3.");
        Path a = test("a.py", "print('a')\n");
        Path b = test("b.py", "print('b')\n");
        py.run(a, "basics/a.py");
        py.run(b, "basics/b.py");
        py.run(a, "basics/a.py");
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).filteredOn(c -> c.equals("--version")).hasSize(1);
        assertThat(calls).filteredOn(c -> c.startsWith("-BS")).hasSize(2); // the third came from the cache
    }

    @Test
    void cacheHitsMissesAndCorruptEntries() throws IOException {
        Path cache = dir.resolve("cache");
        CPython py = python(cache);
        Path t = test("c.py", "print('one')\n");
        CPython.Result first = py.run(t, "basics/c.py");
        CPython.Result second = py.run(t, "basics/c.py");
        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(s(second.expected())).isEqualTo("one\n");
        assertThat(second.kind()).isEqualTo(CPython.Kind.OK);

        // another relative path is another key
        assertThat(py.run(t, "other/c.py").fromCache()).isFalse();
        // changed content is another key
        Files.writeString(t, "print('two')\n");
        CPython.Result changed = py.run(t, "basics/c.py");
        assertThat(changed.fromCache()).isFalse();
        assertThat(s(changed.expected())).isEqualTo("two\n");

        // every kind of damage is recomputed, and repaired
        Path entry = cache.resolve(CPython.cacheKey(Files.readAllBytes(t), py.version(), "basics/c.py",
                CPython.digest(CPython.environment(System.getenv()))) + ".cpython");
        assertThat(entry).exists();
        byte[] good = Files.readAllBytes(entry);
        for (byte[] bad : List.of(new byte[0], "garbage".getBytes(), java.util.Arrays.copyOf(good, good.length - 1),
                flipLast(good), new String(good, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .replace("kind OK", "kind XX").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))) {
            Files.write(entry, bad);
            CPython.Result r = py.run(t, "basics/c.py");
            assertThat(r.fromCache()).isFalse();
            assertThat(s(r.expected())).isEqualTo("two\n");
            assertThat(Files.readAllBytes(entry)).isEqualTo(good);
        }
    }

    @Test
    void aCachedOutputIsOnlyEverTheSameEnvironments() throws IOException {
        Path cache = dir.resolve("cache");
        Path t = test("env.py", "import os\nprint('greeting:', os.getenv('MPUNIT_GREETING'))\n");
        CPython hello = new CPython(List.of("python3"), Duration.ofSeconds(30), cache, List.of(),
                Map.of("MPUNIT_GREETING", "hello", "PATH", System.getenv("PATH")));
        CPython bye = new CPython(List.of("python3"), Duration.ofSeconds(30), cache, List.of(),
                Map.of("MPUNIT_GREETING", "bye", "PATH", System.getenv("PATH")));
        assertThat(s(hello.run(t, "basics/env.py").expected())).isEqualTo("greeting: hello\n");
        CPython.Result other = bye.run(t, "basics/env.py");
        assertThat(other.fromCache()).isFalse();
        assertThat(s(other.expected())).isEqualTo("greeting: bye\n");
        assertThat(hello.run(t, "basics/env.py").fromCache()).as("each environment keeps its own entry").isTrue();
    }

    @Test
    void whereAndHowDeepTheShellStartedMpunitIsNotPartOfTheKey() {
        Map<String, String> here = Map.of("PATH", "/usr/bin", "PWD", "/work", "OLDPWD", "/", "SHLVL", "2",
                "_", "/usr/bin/java");
        Map<String, String> elsewhere = Map.of("PATH", "/usr/bin", "PWD", "/tmp", "SHLVL", "4", "_", "/bin/java");

        assertThat(CPython.environment(here)).isEqualTo(CPython.environment(elsewhere))
                .containsOnlyKeys("PATH", "PYTHONIOENCODING");
        assertThat(CPython.digest(CPython.environment(here)))
                .isNotEqualTo(CPython.digest(CPython.environment(Map.of("PATH", "/bin"))));
    }

    @Test
    void anOutputHoldingASecretIsNeverStored() throws IOException {
        Path cache = dir.resolve("cache");
        Path t = test("wlan.py", "import os\nprint('password:', os.getenv('WLAN_PASS'))\n");
        CPython py = new CPython(List.of("python3"), Duration.ofSeconds(30), cache, List.of("s3cret-pass", "ab"),
                Map.of("WLAN_PASS", "s3cret-pass", "PATH", System.getenv("PATH")));
        assertThat(s(py.run(t, "basics/wlan.py").expected())).isEqualTo("password: s3cret-pass\n");
        CPython.Result again = py.run(t, "basics/wlan.py");
        assertThat(again.fromCache()).as("computed again, not stored").isFalse();
        assertThat(s(again.expected())).isEqualTo("password: s3cret-pass\n");
        assertThat(cache).satisfiesAnyOf(folder -> assertThat(folder).doesNotExist(),
                folder -> assertThat(folder).isEmptyDirectory());

        Path shortValue = test("short.py", "print('ab')\n");
        py.run(shortValue, "basics/short.py");
        assertThat(py.run(shortValue, "basics/short.py").fromCache())
                .as("values under 4 characters are not blanked out by reporting either: cached").isTrue();
    }

    @Test
    void entriesOfAnEarlierLayoutAreRemoved() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        // The first layout: keyed without the environment, so it could hand back another run's secret.
        Path old = Files.writeString(cache.resolve("0".repeat(64) + ".cpython"),
                "mpunit-cpython-cache 1\nkind OK\nlength 16\nsha256 x\n\npassword: secret\n");
        Path unrelated = Files.writeString(cache.resolve("notes.txt"), "kept");
        CPython py = python(cache);
        py.run(test("one.py", "print(1)\n"), "basics/one.py");
        assertThat(old).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(py.run(test("one.py", "print(1)\n"), "basics/one.py").fromCache()).isTrue();
    }

    @Test
    void crashesAreCachedWithTheirKind() throws IOException {
        CPython py = python(dir.resolve("cache"));
        Path t = test("boom.py", "raise SystemExit(2)\n");
        py.run(t, "basics/boom.py");
        CPython.Result r = py.run(t, "basics/boom.py");
        assertThat(r.fromCache()).isTrue();
        assertThat(r.kind()).isEqualTo(CPython.Kind.CRASHED);
        assertThat(s(r.expected())).isEqualTo("CPYTHON3 CRASH:\n");
    }

    @Test
    void workersShareOneInstance() throws Exception {
        Path cache = dir.resolve("cache");
        CPython py = python(cache);
        List<Path> tests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tests.add(test("p" + i + ".py", "print(" + i + " * 7)\n"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < tests.size(); i++) {
                    Path t = tests.get(i);
                    String rel = "basics/" + t.getFileName();
                    results.add(pool.submit(() -> s(py.run(t, rel).expected())));
                }
            }
            for (int k = 0; k < results.size(); k++) {
                assertThat(results.get(k).get()).isEqualTo((k % tests.size()) * 7 + "\n");
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .hasSize(tests.size()).allMatch(n -> n.endsWith(".cpython"));
        }
    }

    private static byte[] flipLast(byte[] b) {
        byte[] c = b.clone();
        c[c.length - 1] ^= 1;
        return c;
    }
}
