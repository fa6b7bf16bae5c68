package dev.mpunit.engine.verdict;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.mpunit.contract.SecretSettings;
import dev.mpunit.hardware.Reaper;

/**
 * Runs a test under CPython to get its expected output when it has no
 * {@code .exp} file, as run-tests.py does: {@code <python> -BS <abs file>} in
 * the test's directory, {@code PYTHONIOENCODING=utf-8}, stderr merged into
 * stdout; a non-zero exit makes the expectation {@code CPYTHON3 CRASH:\n} plus
 * the output.
 *
 * <p>Differences from upstream, both deliberate: a timeout (upstream waits
 * forever for a hanging CPython), and an optional cache directory so that
 * repeated runs need not start CPython per test. A cache entry is keyed by the
 * SHA-256 of the test file's bytes, the CPython version, the test's relative
 * path and the environment CPython is given (a test may print
 * {@code os.getenv("WLAN_PASS")}: a cached output must be one this run would
 * print); it does not notice changes to other files the test reads or imports.
 * Timeouts are never cached, and neither is an output that holds one of the
 * run's secret values: the cache is a plain folder, secrets stay out of it.
 *
 * <p>Thread-safe: workers may share one instance. The version is asked once per
 * instance; cache entries are written to a temporary file and moved into
 * place, so a reader sees a whole entry or none. Two workers asking for the
 * same uncached test may both run CPython; both write the same entry.
 */
public final class CPython {

    /** Upstream's default: {@code python} on Windows, {@code python3} elsewhere. */
    public static final String DEFAULT_COMMAND =
            System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? "python" : "python3";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final byte[] CRASH_PREFIX = Bytes.ascii("CPYTHON3 CRASH:\n");
    /** Exit codes of a process ended by SIGINT, SIGKILL or SIGTERM (128 + the signal). */
    private static final Set<Integer> STOPPED_BY_SIGNAL = Set.of(128 + 2, 128 + 9, 128 + 15);
    private static final String CACHE_MAGIC = "mpunit-cpython-cache 2";
    /** Shorter values ({@code 1}, {@code on}) would keep half of all outputs out of the cache; reporting does not blank them out either. */
    static final int SECRET_MIN_LENGTH = SecretSettings.MIN_LENGTH;

    /** How the CPython run ended. */
    public enum Kind {
        /** Exit status 0: the output is the expectation. */
        OK,
        /** Non-zero exit: the expectation is {@code CPYTHON3 CRASH:\n} + output. */
        CRASHED,
        /** Killed after the timeout: there is no expectation. */
        TIMED_OUT
    }

    /**
     * @param kind how CPython ended
     * @param expected the expectation, newlines normalised ({@code CPYTHON3 CRASH:\n}
     *        prefix included for CRASHED; for TIMED_OUT what was printed so far)
     * @param fromCache whether it came from the cache
     */
    public record Result(Kind kind, byte[] expected, boolean fromCache) {
    }

    /** Variables a shell sets on its own and no test prints. */
    private static final Set<String> SHELL_BOOKKEEPING = Set.of("_", "SHLVL", "OLDPWD", "PWD");

    private final List<String> command;
    private final Duration timeout;
    private final Path cacheDir;
    private final List<byte[]> secrets;
    private final Map<String, String> environment;
    private final String environmentDigest;
    /**
     * One expected output computed at a time per core. Workers may outnumber the cores (the unix port
     * runs 2 tests per core, as its tests mostly sleep), but CPython computes: more at once than cores
     * in a cold run leaves the tests that time themselves (asyncio_wait_task.py) too little of a core.
     */
    private final Semaphore computing = new Semaphore(Runtime.getRuntime().availableProcessors());
    private final Object versionLock = new Object();
    private String version; // guarded by versionLock
    private List<String> runCommand; // guarded by versionLock
    private boolean pruned; // guarded by versionLock

    /**
     * @param command the program and any leading arguments ({@code python3},
     *        {@code py -3}); {@code -BS <file>} is appended
     * @param timeout per run; must be positive
     * @param cacheDir where to keep computed expectations across runs, null for no cache
     */
    public CPython(List<String> command, Duration timeout, Path cacheDir) {
        this(command, timeout, cacheDir, List.of());
    }

    /**
     * @param secrets values that must not be written to the cache: an output holding one is
     *        computed again next time instead
     */
    public CPython(List<String> command, Duration timeout, Path cacheDir, Collection<String> secrets) {
        this(command, timeout, cacheDir, secrets, System.getenv());
    }

    /** @param inherited the environment CPython runs with (plus {@code PYTHONIOENCODING}) */
    CPython(List<String> command, Duration timeout, Path cacheDir, Collection<String> secrets,
            Map<String, String> inherited) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty CPython command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("CPython timeout must be positive: " + timeout);
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.cacheDir = cacheDir;
        this.secrets = secrets.stream().filter(value -> value.length() >= SECRET_MIN_LENGTH)
                .map(value -> value.getBytes(StandardCharsets.UTF_8)).toList();
        this.environment = environment(inherited);
        this.environmentDigest = digest(environment);
    }

    /** A command line as configured ({@code micropython.cpython}), split on whitespace; blank: the default. */
    public static CPython of(String commandLine, Duration timeout, Path cacheDir) {
        return of(commandLine, timeout, cacheDir, List.of());
    }

    /** {@link #of(String, Duration, Path)} with the run's secret values, kept out of the cache. */
    public static CPython of(String commandLine, Duration timeout, Path cacheDir, Collection<String> secrets) {
        String c = commandLine == null || commandLine.isBlank() ? DEFAULT_COMMAND : commandLine.strip();
        return new CPython(Arrays.asList(c.split("\\s+")), timeout == null ? DEFAULT_TIMEOUT : timeout, cacheDir,
                secrets);
    }

    public List<String> command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }

    public Optional<Path> cacheDir() {
        return Optional.ofNullable(cacheDir);
    }

    /**
     * The command that runs tests: the interpreter's own {@code sys.executable} in place of the
     * configured program, asked once. A version manager's shim ({@code pyenv}) otherwise costs a
     * shell script per test; run-tests.py, started through that shim, already gets the real
     * interpreter first on its PATH. Falls back to the configured command.
     */
    List<String> runCommand() {
        synchronized (versionLock) {
            if (runCommand == null) {
                runCommand = command;
                // Only a bare program is replaced: leading arguments (`py -3`, `sh wrapper`) may not be CPython's.
                if (command.size() == 1) {
                    try {
                        Run r = execute(List.of(command.get(0), "-S", "-c",
                                "import sys; sys.stdout.write(sys.executable or '')"), null);
                        String executable = new String(r.output, StandardCharsets.UTF_8).strip();
                        if (!r.timedOut && r.exitCode == 0 && !executable.isEmpty()
                                && Files.isExecutable(Path.of(executable))) {
                            runCommand = List.of(executable);
                        }
                    } catch (IOException e) {
                        // The run itself reports a missing CPython with what to set.
                    }
                }
            }
            return runCommand;
        }
    }

    /** {@code <command> --version}, e.g. {@code Python 3.11.7}; asked once per instance. */
    public String version() throws IOException {
        synchronized (versionLock) {
            if (version == null) {
                List<String> cmd = new ArrayList<>(command);
                cmd.add("--version");
                Run r = execute(cmd, null);
                String text = new String(r.output, StandardCharsets.UTF_8).strip();
                if (r.timedOut || r.exitCode != 0 || text.isEmpty()) {
                    throw new CPythonNotFoundException("`" + String.join(" ", cmd) + "`: "
                            + (r.timedOut ? "timed out after " + seconds(timeout)
                                    : "exit status " + r.exitCode + ", output \"" + Bytes.show(r.output, 200) + "\""),
                            null);
                }
                version = text;
            }
            return version;
        }
    }

    /**
     * The expected output of a test, from the cache or by running CPython.
     *
     * @param testFile the test on disk
     * @param relPath its path relative to the tests root (part of the cache key)
     * @throws CPythonNotFoundException when the command cannot be started
     * @throws IOException reading the test file or the cache directory failed
     */
    public Result run(Path testFile, String relPath) throws IOException {
        Path key = null;
        if (cacheDir != null) {
            pruneOnce();
            key = cacheDir.resolve(cacheKey(Files.readAllBytes(testFile), version(), relPath, environmentDigest)
                    + ".cpython");
            Optional<Result> cached = readCache(key);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Path abs = testFile.toAbsolutePath();
        List<String> cmd = new ArrayList<>(runCommand());
        cmd.add("-BS");
        cmd.add(abs.toString());
        Run r;
        try {
            computing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to compute the expected output of " + relPath);
        }
        try {
            r = execute(cmd, abs.getParent());
        } finally {
            computing.release();
        }
        if (!r.timedOut && STOPPED_BY_SIGNAL.contains(r.exitCode)) {
            // Ctrl-C reaches the whole process group, CPython included; an interrupted run kills
            // it. Its output is not the test's: neither judged by nor kept in the cache.
            throw new InterruptedIOException("CPython was stopped by a signal (exit " + r.exitCode
                    + ") while computing the expected output of " + relPath + "; it is not kept, run the test again");
        }
        Result result;
        if (r.timedOut) {
            result = new Result(Kind.TIMED_OUT, RunTestsOutput.normaliseExpected(r.output), false);
        } else if (r.exitCode != 0) {
            result = new Result(Kind.CRASHED,
                    RunTestsOutput.normaliseExpected(Bytes.concat(CRASH_PREFIX, r.output)), false);
        } else {
            result = new Result(Kind.OK, RunTestsOutput.normaliseExpected(r.output), false);
        }
        if (key != null && result.kind() != Kind.TIMED_OUT && !holdsSecret(result.expected())) {
            writeCache(key, result);
        }
        return result;
    }

    /**
     * Runs a script given as text on CPython's stdin, in the current directory, as run-perfbench.py
     * computes a benchmark's result: {@code python3} with the script as input, stdout and stderr
     * merged, the exit status not judged. Not cached: a benchmark's result may depend on the N and M
     * it was built with.
     *
     * @return the output as printed ({@link Kind#TIMED_OUT} with what came before the timeout)
     * @throws CPythonNotFoundException when the command cannot be started
     */
    public Result runInput(byte[] script) throws IOException {
        Run r = execute(runCommand(), null, script);
        if (!r.timedOut && STOPPED_BY_SIGNAL.contains(r.exitCode)) {
            throw new InterruptedIOException("CPython was stopped by a signal (exit " + r.exitCode
                    + ") while computing a benchmark's result; run it again");
        }
        Kind kind = r.timedOut ? Kind.TIMED_OUT : r.exitCode != 0 ? Kind.CRASHED : Kind.OK;
        return new Result(kind, r.output, false);
    }

    /**
     * Entries of an earlier layout are never read again (their keys left the environment out),
     * and may hold a secret in clear: they go, once per instance.
     */
    private void pruneOnce() {
        synchronized (versionLock) {
            if (pruned) {
                return;
            }
            pruned = true;
        }
        if (!Files.isDirectory(cacheDir)) {
            return;
        }
        byte[] magic = Bytes.ascii(CACHE_MAGIC + "\n");
        try (var entries = Files.newDirectoryStream(cacheDir, "*.cpython")) {
            for (Path entry : entries) {
                byte[] head;
                try (var in = Files.newInputStream(entry)) {
                    head = in.readNBytes(magic.length);
                }
                if (!Arrays.equals(head, magic)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException e) {
            // A cache that cannot be tidied still works: stale entries are only never read.
        }
    }

    /** The message the engine fails a test with when CPython timed out. */
    public String timeoutMessage() {
        return "CPython timed out after " + seconds(timeout) + " computing the expected output";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    static String cacheKey(byte[] fileBytes, String version, String relPath, String environmentDigest) {
        MessageDigest sha = sha256();
        sha.update(fileBytes);
        // Separators keep (file, version, path, environment) tuples from running into each other.
        for (String part : List.of(version, relPath, environmentDigest)) {
            sha.update((byte) 0);
            sha.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** What CPython runs with: this JVM's environment, and UTF-8 output as run-tests.py asks for it. */
    static Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> environment = new TreeMap<>(inherited);
        // What the shell keeps for itself and changes with where and how mpunit was started (how
        // deep, from which directory): in the key, they made a run from a script cold.
        environment.keySet().removeAll(SHELL_BOOKKEEPING);
        environment.put("PYTHONIOENCODING", "utf-8");
        return Collections.unmodifiableMap(environment);
    }

    /** Every variable and its value, in name order: the file name of an entry shows none of them. */
    static String digest(Map<String, String> environment) {
        MessageDigest sha = sha256();
        new TreeMap<>(environment).forEach((name, value) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(value.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private boolean holdsSecret(byte[] output) {
        return secrets.stream().anyMatch(secret -> Bytes.contains(output, secret));
    }

    private record Run(byte[] output, int exitCode, boolean timedOut) {
    }

    private Run execute(List<String> cmd, Path dir) throws IOException {
        return execute(cmd, dir, null);
    }

    /** @param input what CPython reads on stdin; {@code null}: end of file at once */
    private Run execute(List<String> cmd, Path dir, byte[] input) throws IOException {
        // Output goes to a file rather than a pipe: no reader thread, and a
        // child that fills a pipe cannot block.
        Path out = Files.createTempFile("mpunit-cpython-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            // Exactly the environment the cache key was computed from.
            pb.environment().clear();
            pb.environment().putAll(environment);
            Process p;
            try {
                p = Reaper.startAwaited(pb);
            } catch (IOException e) {
                throw new CPythonNotFoundException("`" + String.join(" ", cmd) + "`: " + e.getMessage(), e);
            }
            try {
                if (input != null) {
                    // Output goes to a file, so CPython cannot block on it while this writes.
                    try (var stdin = p.getOutputStream()) {
                        stdin.write(input);
                    } catch (IOException e) {
                        // CPython stopped reading (it ended early): what it printed is still the result.
                    }
                } else {
                    p.getOutputStream().close(); // stdin at EOF: a test reading input must not wait for us
                }
                boolean finished;
                try {
                    finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    kill(p);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while CPython ran " + String.join(" ", cmd));
                }
                if (!finished) {
                    kill(p);
                }
                return new Run(Files.readAllBytes(out), finished ? p.exitValue() : -1, !finished);
            } finally {
                Reaper.awaited(p);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Entry layout: four header lines, a blank line, then the expectation bytes.
    //   mpunit-cpython-cache 1 / kind OK|CRASHED / length N / sha256 <hex of the bytes>
    // Anything that does not check out is treated as absent and recomputed.
    private static Optional<Result> readCache(Path entry) {
        byte[] all;
        try {
            all = Files.readAllBytes(entry);
        } catch (IOException e) {
            return Optional.empty();
        }
        int headerEnd = Bytes.indexOf(all, Bytes.ascii("\n\n"), 0);
        if (headerEnd < 0) {
            return Optional.empty();
        }
        String[] header = new String(all, 0, headerEnd, StandardCharsets.US_ASCII).split("\n");
        if (header.length != 4 || !header[0].equals(CACHE_MAGIC)) {
            return Optional.empty();
        }
        try {
            Kind kind = Kind.valueOf(header[1].substring("kind ".length()));
            int length = Integer.parseInt(header[2].substring("length ".length()));
            String sha = header[3].substring("sha256 ".length());
            byte[] payload = Arrays.copyOfRange(all, headerEnd + 2, all.length);
            if (kind == Kind.TIMED_OUT || payload.length != length || !sha.equals(sha256(payload))) {
                return Optional.empty();
            }
            return Optional.of(new Result(kind, payload, true));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeCache(Path entry, Result result) throws IOException {
        Path dir = entry.getParent();
        Files.createDirectories(dir);
        String header = CACHE_MAGIC + "\nkind " + result.kind() + "\nlength " + result.expected().length
                + "\nsha256 " + sha256(result.expected()) + "\n\n";
        Path tmp = Files.createTempFile(dir, entry.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, Bytes.concat(Bytes.ascii(header), result.expected()));
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(sha256().digest(b));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "CPython[" + String.join(" ", command) + ", timeout " + seconds(timeout)
                + (cacheDir == null ? "" : ", cache " + cacheDir) + "]";
    }
}
