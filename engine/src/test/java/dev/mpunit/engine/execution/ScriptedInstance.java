package dev.mpunit.engine.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.TargetException;

/**
 * An instance of a two-board test that plays a script of steps against a {@link TestClock}, one
 * script per start (a board that reboots is started again):
 * <ul>
 *   <li>{@code print <line>}: a line, ready at once;
 *   <li>{@code sleep <seconds>}: nothing until the clock has moved that far;
 *   <li>{@code wait <line>}: nothing until that line (without {@code \r\n}) was written to its input;
 *   <li>{@code hang}: nothing, for ever, without ending;
 *   <li>{@code error <text>}: a board's end with an error text ({@code \n} for a line break), after an empty stdout part;
 *   <li>{@code lost <message>}: the read fails;
 *   <li>the end of the steps: the script has ended.
 * </ul>
 */
final class ScriptedInstance implements Interactive {

    private final String name;
    private final Kind kind;
    private final TestClock clock;
    private final List<List<String>> programs;
    private final List<String> started = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();
    private final List<String> input = new ArrayList<>();
    private int stops;
    private boolean failStop;
    private boolean failStart;

    ScriptedInstance(String name, Kind kind, TestClock clock, List<String>... programs) {
        this.name = name;
        this.kind = kind;
        this.clock = clock;
        this.programs = List.of(programs);
    }

    /** The scripts it was started with, in order. */
    List<String> started() {
        return started;
    }

    List<String> directories() {
        return directories;
    }

    /** Every line written to its input, without {@code \r\n}. */
    List<String> input() {
        return input;
    }

    int stops() {
        return stops;
    }

    ScriptedInstance failingToStop() {
        failStop = true;
        return this;
    }

    ScriptedInstance failingToStart() {
        failStart = true;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public Running start(byte[] code, Path directory, Map<String, String> environment) throws TargetException {
        if (failStart) {
            throw new TargetException("no such board");
        }
        if (started.size() >= programs.size()) {
            throw new AssertionError(name + " started more often than it has scripts");
        }
        started.add(new String(code, StandardCharsets.UTF_8));
        directories.add(directory.toString());
        return new Play(programs.get(started.size() - 1));
    }

    private final class Play implements Running {

        private final List<String> steps;
        private int next;
        private long readyAt;
        private boolean finished;
        private int consumed;

        Play(List<String> steps) {
            this.steps = steps;
            this.readyAt = clock.nanos();
        }

        @Override
        public Optional<Output> poll() throws IOException {
            while (true) {
                if (finished || clock.nanos() < readyAt) {
                    return Optional.empty();
                }
                if (next == steps.size()) {
                    finished = true;
                    return Optional.empty();
                }
                String step = steps.get(next);
                String word = step.contains(" ") ? step.substring(0, step.indexOf(' ')) : step;
                String rest = step.contains(" ") ? step.substring(step.indexOf(' ') + 1) : "";
                switch (word) {
                    case "print" -> {
                        next++;
                        return Optional.of(Output.line(rest.getBytes(StandardCharsets.ISO_8859_1)));
                    }
                    case "sleep" -> {
                        next++;
                        readyAt = clock.nanos() + Duration.ofMillis((long) (Double.parseDouble(rest) * 1000)).toNanos();
                    }
                    case "wait" -> {
                        int at = input.subList(consumed, input.size()).indexOf(rest);
                        if (at < 0) {
                            consumed = input.size();
                            return Optional.empty();
                        }
                        consumed += at + 1;
                        next++;
                    }
                    case "hang" -> {
                        return Optional.empty();
                    }
                    case "error" -> {
                        finished = true;
                        return Optional.of(new Output(Optional.of(new byte[0]),
                                Optional.of(rest.replace("\\n", "\r\n").getBytes(StandardCharsets.US_ASCII))));
                    }
                    case "lost" -> throw new IOException(rest);
                    default -> throw new AssertionError("unknown step " + step);
                }
            }
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            if (finished) {
                throw new IOException("Broken pipe");
            }
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (!text.endsWith("\r\n")) {
                throw new AssertionError("a line without \\r\\n: " + text);
            }
            input.add(text.substring(0, text.length() - 2));
        }

        @Override
        public void stop() throws IOException {
            stops++;
            if (failStop) {
                throw new IOException("port closed");
            }
        }
    }
}
