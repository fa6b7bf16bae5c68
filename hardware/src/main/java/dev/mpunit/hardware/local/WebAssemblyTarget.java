package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Execution.Ending;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MicroPython's webassembly port run by node, as run-tests.py runs it for upstream CI, only faster.
 *
 * <p>Upstream starts {@code node micropython.mjs test.py} per test (about 110 ms each). This target
 * keeps one node process, the <em>host</em>, and runs every {@code .py} script in a fresh
 * MicroPython instance inside it (a few ms each). The output is byte-identical to the
 * process-per-test run: stdout and stderr merged in write order, Python errors as the CLI prints
 * them, and the script counts as finished only when everything it scheduled (asyncio sleeps,
 * JavaScript timers and promises) has run, just as node would only exit then.
 *
 * <ul>
 *   <li>A script that does not finish within its timeout ends {@link Ending#TIMED_OUT} with what it
 *       printed so far; the host is killed and the next script gets a new one.
 *   <li>A script that would have crashed node (an uncaught JavaScript error) ends
 *       {@link Ending#CRASHED}; the host is replaced too.
 *   <li>The host is also replaced after {@link Limits#scriptsPerHost()} scripts or when its memory
 *       grows beyond {@link Limits#hostRssBytes()}: a slow leak cannot become a failure.
 * </ul>
 *
 * <p>A benchmark ({@link #executeAsInput}) runs in a node of its own too, as run-perfbench.py would
 * run it: timed in the warm host it would be several times faster than upstream measures it.
 *
 * <p>{@code .mjs} and {@code .js} tests ({@code tests/ports/webassembly}) drive MicroPython from
 * JavaScript themselves; they run as upstream runs them, {@code node test.mjs micropython.mjs} in a
 * process of their own.
 *
 * <p>{@link Script#options()} are node command-line arguments after {@code micropython.mjs}; its CLI
 * understands {@code -X heapsize=<n>[k|m]} (default 128 KiB) and reads anything else as a file,
 * here as there. {@link Script#special()} makes no difference, as upstream.
 */
public final class WebAssemblyTarget implements Target {

    public static final String VARIANT = "webassembly";

    private static final System.Logger LOG = System.getLogger(WebAssemblyTarget.class.getName());
    private static final String HOST_RESOURCE = "webassembly-host.mjs";

    /**
     * When to replace the host, and how long it may take to start.
     *
     * @param scriptsPerHost scripts a host runs before it is replaced
     * @param hostRssBytes resident memory above which a host is replaced after its current script
     * @param hostStartTimeout how long a host may take to load micropython.mjs and say hello
     */
    public record Limits(int scriptsPerHost, long hostRssBytes, Duration hostStartTimeout) {

        public Limits {
            if (scriptsPerHost < 1) {
                throw new IllegalArgumentException("scriptsPerHost must be at least 1: " + scriptsPerHost);
            }
            if (hostRssBytes < 1) {
                throw new IllegalArgumentException("hostRssBytes must be positive: " + hostRssBytes);
            }
            Objects.requireNonNull(hostStartTimeout, "hostStartTimeout");
        }

        /** 1000 scripts, 1 GiB, 30 s: a whole upstream run needs one or two hosts and stays near 100 MB. */
        public static Limits defaults() {
            return new Limits(1000, 1L << 30, Duration.ofSeconds(30));
        }
    }

    private final WebAssemblyInstallation installation;
    private final Limits limits;
    private Path hostScript; // written when the first host starts, deleted on close
    private NodeHost host;
    private boolean closed;

    public WebAssemblyTarget(WebAssemblyInstallation installation) {
        this(installation, Limits.defaults());
    }

    public WebAssemblyTarget(WebAssemblyInstallation installation, Limits limits) {
        this.installation = Objects.requireNonNull(installation, "installation");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String variant() {
        return VARIANT;
    }

    @Override
    public String port() {
        return installation.node() + " " + installation.micropythonMjs();
    }

    @Override
    public synchronized Execution execute(Script script) throws TargetException {
        if (closed) {
            throw new IllegalStateException("target closed");
        }
        Path file = script.file().toAbsolutePath().normalize();
        Path directory = file.getParent();
        String name = file.getFileName().toString();
        if (name.endsWith(".mjs") || name.endsWith(".js")) {
            return runJavaScript(file, directory, script.timeout());
        }
        List<String> args = new ArrayList<>(script.options());
        args.add(file.toString());
        // A host found dead when the request is sent died between scripts (the script did not
        // start): try once more on a new one.
        for (int attempt = 1; ; attempt++) {
            NodeHost current = host();
            long start = System.nanoTime();
            try {
                NodeHost.Outcome outcome = current.run(args, directory, script.timeout());
                Duration duration = Duration.ofNanos(System.nanoTime() - start);
                retireIfDue(current, outcome);
                return new Execution(outcome.output(), outcome.ending(), duration);
            } catch (IOException e) {
                retire();
                if (attempt == 2) {
                    throw new TargetException("the webassembly host stopped taking scripts: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                retire();
                Thread.currentThread().interrupt();
                throw new TargetException("interrupted while running " + file, e);
            }
        }
    }

    /**
     * {@code node micropython.mjs [options] <file>} in a process of its own, as run-perfbench.py can
     * only run a benchmark on webassembly (through a {@code MICROPY_MICROPYTHON} wrapper that writes
     * the script to a file): a benchmark timed in the warm host would run its WebAssembly already
     * optimised by earlier scripts, several times faster than in a fresh node, and short ones would
     * measure 0 ms on its millisecond clock.
     */
    @Override
    public Execution executeAsInput(Script script) throws TargetException {
        if (closed) {
            throw new IllegalStateException("target closed");
        }
        Path file = script.file().toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(installation.node());
        command.add(installation.micropythonMjs().toString());
        command.addAll(script.options());
        command.add(file.toString());
        return runProcess(command, file, file.getParent(), script.timeout());
    }

    /** Upstream's way for JavaScript tests: {@code node test.mjs micropython.mjs} in the test's directory. */
    private Execution runJavaScript(Path file, Path directory, Duration timeout) throws TargetException {
        return runProcess(List.of(installation.node(), file.toString(), installation.micropythonMjs().toString()), file,
                directory, timeout);
    }

    private Execution runProcess(List<String> command, Path file, Path directory, Duration timeout) throws TargetException {
        try {
            Processes.Finished finished = Processes.run(command, directory, Map.of(), timeout);
            Ending ending = finished.timedOut() ? Ending.TIMED_OUT
                    : finished.exitCode() == 0 ? Ending.COMPLETED : Ending.CRASHED;
            return new Execution(finished.output(), ending, finished.duration());
        } catch (IOException e) {
            throw new TargetException("cannot start " + String.join(" ", command) + ": " + e.getMessage()
                    + "; install Node.js " + WebAssemblyInstallation.MINIMUM_NODE_MAJOR + "+ or set micropython.node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while running " + file, e);
        }
    }

    private NodeHost host() throws TargetException {
        if (host != null && host.isAlive()) {
            return host;
        }
        retire();
        try {
            if (hostScript == null) {
                hostScript = writeHostScript();
            }
            host = NodeHost.start(installation.node(), hostScript, installation.micropythonMjs(),
                    limits.hostStartTimeout());
            LOG.log(Level.DEBUG, () -> "webassembly host " + host.pid() + " started for " + installation);
            return host;
        } catch (IOException e) {
            throw new TargetException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while starting the webassembly host", e);
        }
    }

    private void retireIfDue(NodeHost current, NodeHost.Outcome outcome) {
        if (!outcome.hostUsable()) {
            retire(); // it ended itself (after a crash) or was killed (timeout): just forget it
            return;
        }
        String why = outcome.rss() > limits.hostRssBytes() ? "its memory grew to " + outcome.rss() + " bytes"
                : current.scriptsRun() >= limits.scriptsPerHost() ? "it ran " + current.scriptsRun() + " scripts"
                : null;
        if (why != null) {
            LOG.log(Level.DEBUG, () -> "replacing webassembly host " + current.pid() + ": " + why);
            retire();
        }
    }

    private void retire() {
        if (host != null) {
            host.close();
            host = null;
        }
    }

    /**
     * Writes the host script to a file of its own: node runs files, and the resource may sit in a
     * jar. The name must not be a part of micropython.mjs's path, or micropython.mjs would take
     * itself for the main script and start its CLI; a temporary file never is.
     */
    private static Path writeHostScript() throws IOException {
        // In a folder of its own, which the Reaper removes even after a kill -9.
        Path file = Reaper.temporaryDirectory("mpunit-webassembly-host-").resolve("webassembly-host.mjs");
        try (InputStream in = WebAssemblyTarget.class.getResourceAsStream(HOST_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + HOST_RESOURCE + " missing next to " + WebAssemblyTarget.class);
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Override
    public synchronized void close() {
        closed = true;
        retire();
        if (hostScript != null) {
            Reaper.delete(hostScript.getParent());
            hostScript = null;
        }
    }

    @Override
    public String toString() {
        return "webassembly target (" + installation + ")";
    }
}
