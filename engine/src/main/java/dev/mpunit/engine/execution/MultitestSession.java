package dev.mpunit.engine.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.TargetException;

/**
 * One multitest on one list of instances, stepped as run-multitests.py's
 * {@code run_test_on_instances} steps it: start the instances in order (each until it says
 * {@code NEXT}, ends, says {@code SKIP} or is silent for the read timeout), then read them round
 * robin (copying each {@code BROADCAST} to the others' input, collecting {@code OUTPUT_METRIC}s,
 * restarting a board that said {@code WAIT_FOR_REBOOT} once it is back) until all have ended, one
 * timed out or one failed; stop them; assemble the output per instance.
 *
 * <p>Pure apart from the instances and the {@link Clock}: tests drive it with scripted instances
 * and a clock that moves only when the session sleeps. Where run-multitests.py would crash or
 * hang (a broadcast to an instance that has ended, a resume function of the wrong instance, a
 * reboot wait of {@code delay_ms} × 1000 seconds, a read that never returns) it goes on, as
 * docs/test-groups.md says.
 */
final class MultitestSession {

    /** run-multitests.py's {@code INSTANCE_READ_TIMEOUT_S}: the longest an instance may stay silent. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Its pause when no instance had anything to say. */
    static final Duration IDLE = Duration.ofMillis(100);
    /** Pause between reads while waiting for a reboot (upstream reads without pausing). */
    static final Duration REBOOT_POLL = Duration.ofMillis(10);
    /** After a reboot, how long a board may take to print its banner at all, then in total (plus the test's delay). */
    static final Duration REBOOT_INITIAL = Duration.ofSeconds(1);
    static final Duration REBOOT_FULL = Duration.ofSeconds(5);
    /** The banner of a board that (re)booted into its friendly REPL. */
    private static final Pattern BANNER = Pattern.compile("^MicroPython v\\d+\\.\\d+\\.\\d+.* on .*; .* with .*$");

    /** Lines some ports print whatever the test does (btstack over libusb, ESP-IDF, ESP8266 debug). */
    static final List<String> NOISE = List.of("libusb: error ", "hci_transport_h2_libusb.c", "USB Path: ",
            "hci_number_completed_packet", "lld_pdu_get_tx_flush_nb HCI packet count mismatch (", " ets_task(");

    /** Time for the session: the real one, or a test's, which moves only when the session sleeps. */
    interface Clock {
        long nanos();

        void sleep(Duration duration) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }

    /**
     * How a session ended.
     *
     * @param error an instance timed out or reported an error (not part of the verdict, as upstream)
     * @param skip an instance said {@code SKIP} while being started
     * @param lines what each instance printed, as the output shows it
     * @param metrics the {@code OUTPUT_METRIC} data, in the order read
     * @param notes what run-multitests.py prints on its console beside the output (a missed reboot)
     * @param trace every line read with its time, as {@code run-multitests.py -c} prints it
     */
    record Result(boolean error, boolean skip, List<List<String>> lines, List<String> metrics, List<String> notes,
            List<String> trace) {

        /** {@code --- instance<i> ---} and its lines, for every instance, as upstream assembles it. */
        String output() {
            StringBuilder output = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                output.append("--- instance").append(i).append(" ---\n").append(String.join("\n", lines.get(i)))
                        .append('\n');
            }
            return output.toString();
        }
    }

    private final Multitest test;
    private final List<Interactive> instances;
    private final Map<String, String> environment;
    private final Clock clock;
    private final int count;
    private final List<Interactive.Running> running = new ArrayList<>();
    private final List<List<String>> lines = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    private final long start;
    private String globals;
    private boolean error;
    private boolean skip;

    /**
     * @param instances at least {@link Multitest#instances()}; the first that many take part
     * @param hostIp this machine's address, for tests that ask for it
     * @param environment what process instances get on top of this process's environment
     */
    MultitestSession(Multitest test, List<Interactive> instances, String hostIp, Map<String, String> environment,
            Clock clock) {
        if (instances.size() < test.instances()) {
            throw new IllegalArgumentException(test.file() + " needs " + test.instances() + " instances, got "
                    + instances.size());
        }
        this.test = test;
        this.instances = List.copyOf(instances);
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.count = test.instances();
        this.globals = test.initialGlobals(hostIp);
        this.start = clock.nanos();
        for (int i = 0; i < count; i++) {
            running.add(null);
            lines.add(new ArrayList<>());
        }
    }

    /** Runs the test to its end; the instances are stopped whatever happens. */
    Result run() throws InterruptedException {
        try {
            startInOrder();
            if (!error && !skip) {
                runTogether();
            }
        } finally {
            stopAll();
        }
        List<List<String>> copy = lines.stream().map(List::copyOf).toList();
        return new Result(error, skip, copy, List.copyOf(metrics), List.copyOf(notes), List.copyOf(trace));
    }

    /** Phase 1: each instance in turn, with the globals set so far, until it is ready for the next. */
    private void startInOrder() throws InterruptedException {
        for (int idx = 0; idx < count && !error && !skip; idx++) {
            if (!start(idx, "instance" + idx)) {
                return;
            }
            long lastRead = clock.nanos();
            while (!running.get(idx).finished()) {
                Reading reading = read(idx);
                if (reading.nothing()) {
                    if (clock.nanos() - lastRead > READ_TIMEOUT.toNanos()) {
                        lines.get(idx).add("TIMEOUT");
                        error = true;
                        break;
                    }
                    clock.sleep(IDLE);
                    continue;
                }
                lastRead = clock.nanos();
                Optional<String> line = reading.line().filter(MultitestSession::notNoise);
                if (line.isPresent()) {
                    String out = line.get();
                    traced(idx, out);
                    if (out.startsWith("SET ")) {
                        globals += out.substring(4) + "\n";
                    } else if (out.equals("SKIP")) {
                        skip = true;
                        break;
                    } else if (out.equals("NEXT")) {
                        break;
                    } else {
                        lines.get(idx).add(out);
                    }
                }
                if (reading.error().isPresent()) {
                    failed(idx, reading.error().get());
                    // Upstream reads on after an error here; a read that fails keeps failing, so stop.
                    break;
                }
            }
        }
    }

    /** Phase 2: one line from each running instance per round, until none runs or one failed. */
    private void runTogether() throws InterruptedException {
        long[] lastRead = new long[count];
        java.util.Arrays.fill(lastRead, clock.nanos());
        while (true) {
            int runningCount = 0;
            int readCount = 0;
            for (int idx = 0; idx < count; idx++) {
                if (running.get(idx).finished()) {
                    continue;
                }
                runningCount++;
                Reading reading = read(idx);
                if (reading.nothing()) {
                    if (clock.nanos() - lastRead[idx] > READ_TIMEOUT.toNanos()) {
                        lines.get(idx).add("TIMEOUT");
                        error = true;
                    }
                    continue;
                }
                readCount++;
                lastRead[idx] = clock.nanos();
                Optional<String> line = reading.line().filter(MultitestSession::notNoise);
                if (line.isPresent()) {
                    String out = line.get();
                    traced(idx, out);
                    if (out.startsWith("WAIT_FOR_REBOOT")) {
                        if (rebooted(idx, out)) {
                            lastRead[idx] = clock.nanos();
                        }
                    }
                    if (out.startsWith("BROADCAST ")) {
                        broadcast(idx, out);
                    } else if (out.startsWith("OUTPUT_METRIC ")) {
                        metrics.add(out.substring("OUTPUT_METRIC ".length()));
                    } else {
                        // WAIT_FOR_REBOOT stays in the output too: upstream's .exp files have it.
                        lines.get(idx).add(out);
                    }
                }
                if (reading.error().isPresent()) {
                    failed(idx, reading.error().get());
                }
            }
            if (readCount == 0) {
                clock.sleep(IDLE);
            }
            if (runningCount == 0 || error) {
                return;
            }
        }
    }

    /** Starts instance {@code idx} calling {@code function}; a start that fails is that instance's error. */
    private boolean start(int idx, String function) {
        Interactive instance = instances.get(idx);
        try {
            running.set(idx, instance.start(test.script(instance.kind(), globals, function),
                    test.file().toAbsolutePath().getParent(), environment));
            return true;
        } catch (TargetException e) {
            failed(idx, "Failed to start instance: " + e.getMessage());
            return false;
        }
    }

    /**
     * {@code WAIT_FOR_REBOOT <resume> <delay_ms>}: waits for the instance's boot banner and starts
     * it again at {@code resume}, with the globals set so far.
     *
     * @return whether it was started again
     */
    private boolean rebooted(int idx, String line) throws InterruptedException {
        String[] parts = line.split(" ");
        if (parts.length != 3) {
            notes.add("Reboot: cannot read \"" + line + "\" (expected WAIT_FOR_REBOOT <resume> <delay_ms>)");
            return false;
        }
        Duration delay;
        try {
            // Milliseconds, as the helper's parameter says (upstream multiplies by 1000 instead).
            delay = Duration.ofNanos((long) (Double.parseDouble(parts[2]) * 1_000_000));
        } catch (NumberFormatException e) {
            notes.add("Reboot: the delay " + parts[2] + " is not a number of milliseconds");
            return false;
        }
        if (!waitForBanner(idx, delay)) {
            return false;
        }
        String resume = parts[1];
        if (!resume.startsWith("instance" + idx)) {
            failed(idx, "ERROR: resume function must start with \"instance" + idx + "\"");
            return false;
        }
        return start(idx, resume);
    }

    private boolean waitForBanner(int idx, Duration delay) throws InterruptedException {
        long begin = clock.nanos();
        boolean heard = false;
        while (true) {
            long now = clock.nanos();
            Reading reading = read(idx);
            if (reading.error().isPresent()) {
                notes.add("Reboot: communication error " + reading.error().get());
                return false;
            }
            Optional<String> line = reading.line().filter(text -> !text.isEmpty());
            if (line.isPresent()) {
                heard = true;
                if (BANNER.matcher(line.get()).matches()) {
                    clock.sleep(IDLE);
                    return true;
                }
            } else {
                clock.sleep(REBOOT_POLL);
            }
            if (!heard) {
                if (now - begin > REBOOT_INITIAL.plus(delay).toNanos()) {
                    notes.add("Reboot: missed initial Timeout");
                    return false;
                }
            } else if (now - begin > REBOOT_FULL.plus(delay).toNanos()) {
                notes.add("Reboot: Timeout");
                return false;
            }
        }
    }

    /** To every other instance of this test that still runs; one that ended meanwhile misses it. */
    private void broadcast(int from, String line) {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int idx = 0; idx < count; idx++) {
            Interactive.Running other = running.get(idx);
            if (idx == from || other == null || other.finished()) {
                continue;
            }
            try {
                other.write(bytes);
            } catch (IOException e) {
                // It ended between our look and the write: what it would have read no longer matters.
            }
        }
    }

    private void stopAll() {
        for (int idx = 0; idx < count; idx++) {
            Interactive.Running instance = running.get(idx);
            if (instance == null) {
                continue;
            }
            try {
                instance.stop();
            } catch (IOException e) {
                lines.get(idx).add("Runner failed to stop instance: " + e.getMessage());
            }
        }
    }

    private void failed(int idx, String text) {
        traced(idx, text);
        lines.get(idx).add(text);
        error = true;
    }

    private void traced(int idx, String line) {
        long ms = Math.round((clock.nanos() - start) / 1e6);
        trace.add(String.format("%6d i%d : %s", ms, idx, line));
    }

    /** One reading, decoded as run-multitests.py decodes it; a read that failed is an error text. */
    private Reading read(int idx) {
        try {
            Optional<Interactive.Output> output = running.get(idx).poll();
            if (output.isEmpty()) {
                return Reading.NONE;
            }
            return new Reading(output.get().line().map(bytes -> decode(rstrip(bytes))),
                    output.get().error().map(MultitestSession::decode));
        } catch (IOException e) {
            return new Reading(Optional.empty(), Optional.of("Failed to read from instance: " + e.getMessage()));
        }
    }

    private record Reading(Optional<String> line, Optional<String> error) {
        static final Reading NONE = new Reading(Optional.empty(), Optional.empty());

        boolean nothing() {
            return line.isEmpty() && error.isEmpty();
        }
    }

    private static boolean notNoise(String line) {
        return NOISE.stream().noneMatch(line::contains);
    }

    /** Python's {@code bytes.rstrip()}: ASCII whitespace off the end. */
    static byte[] rstrip(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == ' ' || (bytes[end - 1] >= '\t' && bytes[end - 1] <= '\r'))) {
            end--;
        }
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }

    /** Python's {@code str(bytes, "ascii", "backslashreplace")}. */
    static String decode(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            if (b >= 0) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return text.toString();
    }
}
