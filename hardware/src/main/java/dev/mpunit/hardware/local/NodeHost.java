package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.Execution.Ending;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running {@code webassembly-host.mjs}: a node process that runs script after script, each in
 * a fresh MicroPython instance. The protocol is described at the top of that file.
 *
 * <p>Not thread-safe: {@link WebAssemblyTarget} runs one script at a time on it. A reader thread
 * takes the host's frames as they come, so output that arrived before a timeout is not lost.
 */
final class NodeHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NodeHost.class.getName());

    /** A frame larger than this is not something our host writes: the stream is garbage. */
    private static final int MAX_FRAME = 64 << 20;
    /** The host's own stderr (node's crash reports, warnings) kept at most. */
    private static final int STDERR_CAP = 16 << 20;
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /**
     * V8 collects garbage on the main thread only. Every script's fresh instance brings a 16 MiB
     * wasm memory, so the host collects often; V8's parallel collector threads cost more CPU than
     * they save on a machine whose cores are all busy with hosts (400 instances in one host: 4.4–5.3 →
     * 3.5–3.8 ms of CPU each; docs/run-tests-comparison.md). Only when garbage is collected changes, never what a
     * script sees.
     */
    static final String SINGLE_THREADED_GC = "--single-threaded-gc";
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern RSS = Pattern.compile("\"rss\"\\s*:\\s*(\\d+)");
    private static final Pattern RECYCLE = Pattern.compile("\"recycle\"\\s*:\\s*true");

    /**
     * How a script ended on the host.
     *
     * @param output what the script printed, stdout and stderr in write order
     * @param ending how it ended
     * @param rss the host's resident memory after the script, 0 when not reported
     * @param hostUsable whether the host may run another script
     */
    record Outcome(byte[] output, Ending ending, long rss, boolean hostUsable) {}

    /** The exchange for the script that is running, shared with the reader thread. */
    private static final class Exchange {
        final long id;
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final CompletableFuture<String> result = new CompletableFuture<>();

        Exchange(long id) {
            this.id = id;
        }
    }

    private final Process process;
    private final OutputStream requests;
    private final CompletableFuture<String> hello = new CompletableFuture<>();
    private final Thread reader;
    private final Thread stderrReader;
    private final StderrLog stderr = new StderrLog(STDERR_CAP);
    private final Object lock = new Object();
    private Exchange current; // guarded by lock
    private volatile String failure; // why the frame stream ended, once it did
    private long nextId = 1;
    private int scriptsRun;

    private NodeHost(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.reader = new Thread(this::readFrames, "mpunit-webassembly-host-" + process.pid());
        this.reader.setDaemon(true);
        this.stderrReader = new Thread(this::readStderr, "mpunit-webassembly-host-stderr-" + process.pid());
        this.stderrReader.setDaemon(true);
    }

    /**
     * Starts {@code node hostScript micropythonMjs} and waits for its hello.
     *
     * @throws IOException when node cannot be started or the host does not come up in time; the
     *     message carries the host's stderr
     */
    static NodeHost start(String node, Path hostScript, Path micropythonMjs, Duration startTimeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(node, SINGLE_THREADED_GC, hostScript.toString(),
                micropythonMjs.toString()).directory(micropythonMjs.getParent().toFile());
        NodeHost host = new NodeHost(Reaper.start(builder));
        host.reader.start();
        host.stderrReader.start();
        try {
            host.hello.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            host.close();
            String why = e instanceof TimeoutException ? "did not answer within " + startTimeout.toSeconds() + " s"
                    : e.getCause().getMessage();
            throw new IOException("the webassembly host (" + node + " " + hostScript + " " + micropythonMjs + ") "
                    + why + host.stderrNote(), e);
        }
        return host;
    }

    long pid() {
        return process.pid();
    }

    int scriptsRun() {
        return scriptsRun;
    }

    boolean isAlive() {
        return failure == null && process.isAlive();
    }

    /**
     * Runs one script. {@code args} are what follows {@code micropython.mjs} on the node command
     * line, {@code workingDirectory} the directory node would have been started in.
     *
     * @throws IOException when the request cannot be sent: the host is gone before the script started
     */
    Outcome run(List<String> args, Path workingDirectory, Duration timeout) throws IOException, InterruptedException {
        Exchange exchange = new Exchange(nextId++);
        synchronized (lock) {
            current = exchange;
        }
        long stderrMark = stderr.length();
        scriptsRun++;
        requests.write(request(exchange.id, args, workingDirectory).getBytes(StandardCharsets.UTF_8));
        requests.flush();
        String result;
        try {
            result = exchange.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The script is stuck in MicroPython (nothing can interrupt wasm from outside): the
            // host goes, and with it everything that script had scheduled.
            close();
            return new Outcome(outputAfterEnd(exchange), Ending.TIMED_OUT, 0, false);
        } catch (ExecutionException e) {
            // The host died without a word (killed from outside, out of memory) or wrote garbage.
            // A process per script would have died the same way, with node's last words in the
            // merged output.
            LOG.log(Level.DEBUG, () -> "webassembly host " + pid() + " lost during a script: " + e.getCause().getMessage());
            awaitExit();
            byte[] output = concat(outputAfterEnd(exchange), stderr.since(stderrMark));
            return new Outcome(output, Ending.CRASHED, 0, false);
        }
        byte[] output;
        synchronized (lock) {
            output = exchange.output.toByteArray();
            current = null;
        }
        Matcher status = STATUS.matcher(result);
        Matcher rss = RSS.matcher(result);
        boolean crashed = status.find() && status.group(1).equals("crashed");
        boolean recycle = RECYCLE.matcher(result).find();
        if (recycle) {
            // The host is exiting the way the script's own process would have; what node printed
            // about it (the error report of a crash) went to stderr, which is part of the output.
            awaitExit();
            output = concat(output, stderr.since(stderrMark));
        }
        return new Outcome(output, crashed ? Ending.CRASHED : Ending.COMPLETED, rss.find() ? Long.parseLong(rss.group(1)) : 0,
                !recycle);
    }

    /** Waits for a host that is exiting on its own to be gone, stderr read to its end; kills it if it lingers. */
    private void awaitExit() throws InterruptedException {
        if (!process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
        }
        stderrReader.join(DRAIN.toMillis());
    }

    /** Everything of the exchange's output that reached us, once the frame stream has ended. */
    private byte[] outputAfterEnd(Exchange exchange) throws InterruptedException {
        reader.join(DRAIN.toMillis());
        synchronized (lock) {
            current = null;
            return exchange.output.toByteArray();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Processes.killTree(process);
        }
    }

    // ---- the reader thread ----

    private void readFrames() {
        try (DataInputStream in = new DataInputStream(process.getInputStream())) {
            while (true) {
                int type;
                try {
                    type = in.readUnsignedByte();
                } catch (EOFException e) {
                    end("the host exited" + exitNote());
                    return;
                }
                int length = in.readInt();
                if (length < 0 || length > MAX_FRAME) {
                    end("frame of " + length + " bytes");
                    return;
                }
                byte[] payload = in.readNBytes(length);
                if (payload.length != length) {
                    end("the host exited in the middle of a frame" + exitNote());
                    return;
                }
                if (!accept((char) type, payload)) {
                    return;
                }
            }
        } catch (IOException e) {
            end("reading from the host failed: " + e.getMessage());
        }
    }

    /** Takes one frame; false when it makes no sense and the stream has been given up. */
    private boolean accept(char type, byte[] payload) {
        String text;
        switch (type) {
            case 'H':
                hello.complete(new String(payload, StandardCharsets.UTF_8));
                return true;
            case 'O':
                synchronized (lock) {
                    if (current == null) {
                        end("output while no script runs");
                        return false;
                    }
                    current.output.write(payload, 0, payload.length);
                }
                return true;
            case 'R':
                text = new String(payload, StandardCharsets.UTF_8);
                Matcher id = ID.matcher(text);
                synchronized (lock) {
                    if (current == null || !id.find() || Long.parseLong(id.group(1)) != current.id) {
                        end("unexpected result " + text);
                        return false;
                    }
                    current.result.complete(text);
                }
                return true;
            case 'L':
                text = new String(payload, StandardCharsets.UTF_8);
                // Not into stderr: that may become a script's output.
                LOG.log(Level.INFO, () -> "webassembly host " + pid() + ": " + text);
                return true;
            default:
                end("unknown frame type " + (int) type);
                return false;
        }
    }

    private void end(String why) {
        failure = why;
        IOException cause = new IOException(why);
        hello.completeExceptionally(cause);
        synchronized (lock) {
            if (current != null) {
                current.result.completeExceptionally(cause);
            }
        }
        if (process.isAlive() && !why.startsWith("the host exited")) {
            // Garbage on the stream: nothing later on it can be trusted either.
            process.destroyForcibly();
        }
    }

    private String exitNote() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return " with code " + process.exitValue() + stderrNote();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stderrNote();
    }

    private String stderrNote() {
        String text = new String(stderr.since(0), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ":\n" + WebAssemblyInstallation.tail(text);
    }

    private void readStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                stderr.append(Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            // The host is gone; its stderr ends here.
        }
    }

    // ---- helpers ----

    static String request(long id, List<String> args, Path workingDirectory) {
        StringBuilder json = new StringBuilder("{\"id\":").append(id).append(",\"args\":[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, args.get(i));
        }
        json.append("],\"cwd\":");
        quote(json, workingDirectory.toString());
        return json.append("}\n").toString();
    }

    private static void quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    // Control characters must be escaped in JSON; \u2028/\u2029 would end the line
                    // for some readers, so they are escaped too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * The host's stderr. Normally empty; after a crash it holds node's report, which must be
     * complete to be part of the output, so it is kept whole up to a generous cap.
     */
    static final class StderrLog {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;

        StderrLog(int cap) {
            this.cap = cap;
        }

        synchronized void append(byte[] chunk) {
            bytes.write(chunk, 0, Math.min(chunk.length, Math.max(0, cap - bytes.size())));
        }

        synchronized long length() {
            return bytes.size();
        }

        /** The bytes appended since {@code mark}, a former {@link #length()}. */
        synchronized byte[] since(long mark) {
            byte[] all = bytes.toByteArray();
            return Arrays.copyOfRange(all, (int) Math.min(mark, all.length), all.length);
        }
    }
}
