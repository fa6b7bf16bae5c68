package dev.mpunit.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mpunit.engine.verdict.FeatureChecks;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * One instance of the {@code fake} target. It runs no Python: a file says, in comment lines, what
 * the fake does when given it, in order:
 *
 * <pre>
 * # fake: print 1              a line of output
 * # fake: print each 1 | 2      a line of output, the first the first time the file runs in this run,
 *                              the second the second time, and so on round (a benchmark's runs)
 * # fake: hasty print 2        a line of output at fast pacing only: the careful re-run prints the
 *                              other lines (a byte lost on the way)
 * # fake: careful              re-runs carefully when asked (as a paced board), printing the same
 * # fake: take 50ms            takes that long
 * # fake: meet 3               waits until three files with "meet 3" run at once (on three instances)
 * # fake: hang                 runs until the script's timeout stops it
 * # fake: crash                the interpreter dies after what it printed
 * # fake: lost                 the link to the board is lost for good: the file goes to another
 * # fake: lost once            the same, the first time any instance is given the file in this run
 * # fake: break                the target itself fails unforeseen (a bug in it, not in the test)
 * # fake: touch /a/file         creates that file (tells a test's script that this file runs now)
 * # fake: await /a/file         waits until that file exists, at most the script's timeout (then it times out)
 * </pre>
 *
 * A file without {@code # fake:} lines prints nothing, except the engine's feature checks, which get
 * the answers of a full-featured board on the {@code fake} platform. Every instance calls itself
 * {@code fake:<tentacle> (<firmware>)} in reports ({@code micropython.fake.port} replaces {@code fake}).
 */
final class FakeTarget implements Target {

    private static final String DIRECTIVE = "# fake: ";
    /** How long a meeting waits for its other parties before it crashes the test with why. */
    private static final Duration MEETING_TIMEOUT = Duration.ofSeconds(20);

    private final String variant;
    private final String port;
    private final FakeTargetProvider run;

    FakeTarget(String variant, String port, FakeTargetProvider run) {
        this.variant = variant;
        this.port = port;
        this.run = run;
    }

    @Override
    public String variant() {
        return variant;
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public Execution execute(Script script) throws BoardLostException {
        return run(script, false);
    }

    /** The fake's {@code .mpy} is what its test's fake mpy-cross wrote: directives, run as they are. */
    @Override
    public Execution executeCompiled(Script script, byte[] mpy) throws TargetException {
        Path compiled = script.file().resolveSibling(".fake-" + System.nanoTime() + ".mpy");
        try {
            Files.write(compiled, mpy);
            return run(new Script(compiled, script.timeout(), script.special(), script.options()), false);
        } catch (IOException e) {
            throw new TargetException("cannot write " + compiled + ": " + e.getMessage(), e);
        } finally {
            compiled.toFile().delete();
        }
    }

    @Override
    public Optional<Execution> rerunCarefully(Script script) throws BoardLostException {
        List<String> directives = directives(script.file());
        if (directives.stream().noneMatch(line -> line.equals("careful") || line.startsWith("hasty "))) {
            return Optional.empty();
        }
        return Optional.of(run(script, true));
    }

    private Execution run(Script script, boolean careful) throws BoardLostException {
        long start = System.nanoTime();
        String name = script.file().getFileName().toString();
        List<String> directives = directives(script.file());
        if (directives.isEmpty() && FeatureChecks.ALL.stream().anyMatch(check -> check.script().equals(name))) {
            return new Execution(featureCheck(name), Execution.Ending.COMPLETED, Duration.ZERO);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        for (String directive : directives) {
            String[] words = directive.split(" ", 2);
            String rest = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "print" -> {
                    String line = rest;
                    if (rest.startsWith("each ")) {
                        String[] choices = rest.substring("each ".length()).split("\\|");
                        line = choices[run.nextRun(script.file().getFileName() + ": " + rest) % choices.length].strip();
                    }
                    output.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                case "hasty" -> {
                    if (!careful && rest.startsWith("print ")) {
                        output.writeBytes((rest.substring("print ".length()) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "careful" -> {
                    // Read by rerunCarefully.
                }
                case "take" -> pause(Duration.ofMillis(Long.parseLong(rest.replace("ms", "").trim())));
                case "meet" -> {
                    Optional<String> missed = run.meeting(Integer.parseInt(rest.trim())).attend();
                    if (missed.isPresent()) {
                        output.writeBytes(missed.get().getBytes(StandardCharsets.UTF_8));
                        return ended(output, Execution.Ending.CRASHED, start);
                    }
                }
                case "hang" -> {
                    pause(script.timeout());
                    return ended(output, Execution.Ending.TIMED_OUT, start);
                }
                case "crash" -> {
                    return ended(output, Execution.Ending.CRASHED, start);
                }
                case "lost" -> {
                    if (!rest.equals("once") || run.firstLoss(script.file().toString())) {
                        throw new BoardLostException("the link " + port + " was lost running " + name);
                    }
                }
                case "break" -> throw new IllegalStateException("the fake target broke running " + name);
                case "touch" -> touch(Path.of(rest));
                case "await" -> {
                    if (!await(Path.of(rest), script.timeout())) {
                        return ended(output, Execution.Ending.TIMED_OUT, start);
                    }
                }
                default -> throw new IllegalArgumentException(script.file() + ": unknown fake directive \""
                        + directive + "\"");
            }
        }
        return ended(output, Execution.Ending.COMPLETED, start);
    }

    private static Execution ended(ByteArrayOutputStream output, Execution.Ending ending, long start) {
        return new Execution(output.toByteArray(), ending, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<String> directives(Path file) {
        List<String> directives = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(DIRECTIVE)) {
                    directives.add(line.substring(DIRECTIVE.length()).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directives;
    }

    /** A full-featured 64-bit board with no native code: what the engine's checks would print on one. */
    private static byte[] featureCheck(String script) {
        String output = switch (script) {
            case "target_info.py" -> "fake None 0 standard None 64 True detailed\n";
            case "native_check.py", "inlineasm.py", "coverage.py", "tstring.py" -> "";
            case "int_big.py" -> "1000000000000000000000000000000000000000000000\n";
            case "int_64.py" -> "4611686018427387904\n";
            case "bytearray.py" -> "bytearray\n";
            case "set_check.py" -> "{1}\n";
            case "slice.py" -> "slice\n";
            case "async_check.py" -> "async\n";
            case "const.py" -> "1\n";
            case "reverse_ops.py" -> "\n";
            case "fstring.py" -> "a=1\n";
            case "complex.py" -> "complex\n";
            case "byteorder.py" -> java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN ? "big\n" : "little\n";
            default -> "";
        };
        return output.getBytes(StandardCharsets.US_ASCII);
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the file appeared within the time: what a test's script does outside is the event waited for. */
    private static boolean await(Path file, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            pause(Duration.ofMillis(10));
        }
        return true;
    }

    /** A test's own time on the target: the fake spends it as a board would, interrupted when the run is. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
    }

    /** Files with {@code meet N} wait for each other: N of them run at once, or the first ones crash with why. */
    static final class Meeting {

        private final CyclicBarrier barrier;

        Meeting(int parties) {
            this.barrier = new CyclicBarrier(parties);
        }

        Optional<String> attend() {
            try {
                barrier.await(MEETING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return Optional.empty();
            } catch (TimeoutException | BrokenBarrierException e) {
                return Optional.of("only " + barrier.getNumberWaiting() + " of " + barrier.getParties()
                        + " files met within " + MEETING_TIMEOUT.toSeconds() + " s: they did not run at once\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting to meet\n");
            }
        }
    }
}
