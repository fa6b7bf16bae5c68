package dev.mpunit.hardware.tentacle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import dev.mpunit.hardware.serial.SerialLink;

/**
 * A MicroPython board's raw REPL, simulated: Ctrl-A gives the banner, code up to Ctrl-D is
 * recorded and answered with {@code OK}, the stdout and stderr {@code answers} gives and the prompt.
 * Plain raw mode only (offer no raw paste to it).
 */
final class ReplBoardLink implements SerialLink {

    /** What the board prints for the code it ran. */
    record Answer(String stdout, String stderr) {}

    private final Function<String, Answer> answers;
    private final List<String> executed = new ArrayList<>();
    private final List<String> events;
    private final Deque<Byte> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private boolean raw;

    ReplBoardLink(Function<String, Answer> answers, List<String> events) {
        this.answers = answers;
        this.events = events;
    }

    @Override
    public String name() {
        return "infra-repl";
    }

    @Override
    public void write(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0x01) {
                raw = true;
                code.reset();
                queue("raw REPL; CTRL-B to exit\r\n>");
            } else if (b == 0x03) {
                code.reset();
            } else if (!raw) {
                continue;
            } else if (b == 0x04) {
                String text = code.toString(StandardCharsets.UTF_8);
                code.reset();
                executed.add(text);
                events.add("exec " + text.strip().lines().reduce((first, second) -> first).orElse(""));
                Answer answer = answers.apply(text);
                queue("OK" + answer.stdout() + "\u0004" + answer.stderr() + "\u0004>");
            } else {
                code.write(b);
            }
        }
    }

    private void queue(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            pending.add(b);
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) {
        if (pending.isEmpty()) {
            try {
                Thread.sleep(Math.min(timeout.toMillis(), 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        int count = 0;
        while (count < buffer.length && !pending.isEmpty()) {
            buffer[count++] = pending.poll();
        }
        return count;
    }

    @Override
    public void close() {}

    /** The code the board ran, in order, whole. */
    List<String> executed() {
        return executed;
    }
}
