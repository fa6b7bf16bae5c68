package dev.mpunit.hardware.board;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.SerialLink;

/**
 * A board played from a script. Each step waits for bytes the client must write (checked byte by
 * byte, however the client cuts its writes) and then queues the board's answers. Answers reach
 * the client cut as {@link Split} says; a {@link Duration} in an answer is a pause, {@link #LOST}
 * ends the link, an empty queue is silence. Every write is recorded with its time, for pacing.
 */
final class ScriptedLink implements SerialLink {

    /** How the board's answers are cut into reads. */
    enum Split { WHOLE, ONE_BYTE, RANDOM }

    /** In an answer: from here on every read throws {@link LinkLostException}. */
    static final Object LOST = new Object() {
        @Override
        public String toString() {
            return "LOST";
        }
    };

    record Write(long nanos, byte[] bytes) {}

    private record Piece(byte[] bytes, boolean grant) {}

    private static final class Pause {
        final Duration duration;
        long release;

        Pause(Duration duration) {
            this.duration = duration;
        }
    }

    private interface Step {
        /** Takes the next written byte; true when the step is complete. */
        boolean take(int b);
    }

    private final String name;
    private final Split split;
    private final Random random = new Random(20240601);
    private final Deque<Step> steps = new ArrayDeque<>();
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<Write> writes = new ArrayList<>();
    private int grantsRead;
    private int mostOutstanding;
    private boolean closed;

    ScriptedLink(Split split) {
        this.name = "scripted-" + split.name().toLowerCase();
        this.split = split;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The client must write {@code written} next; then the board answers. */
    ScriptedLink expect(String written, Object... answer) {
        byte[] expected = bytes(written);
        steps.add(new Step() {
            int position;

            @Override
            public boolean take(int b) {
                if (b != (expected[position] & 0xff)) {
                    throw new AssertionError("byte " + position + " of the expected write "
                            + RawReplException.escape(expected) + " was " + String.format("\\x%02x", b));
                }
                if (++position < expected.length) {
                    return false;
                }
                queue(answer);
                return true;
            }
        });
        return this;
    }

    /**
     * A raw-paste board, after it sent {@code R\x01} and the window: takes {@code code}, fails the
     * test when the client writes beyond what it granted, grants another window (after
     * {@code grantDelay}) for each window it took; stops with {@code \x04} after {@code abortAfter}
     * bytes (negative: never). Acknowledges the client's {@code \x04} and answers.
     */
    ScriptedLink rawPaste(String code, int window, Duration grantDelay, int abortAfter, Object... answer) {
        byte[] expected = bytes(code);
        steps.add(new Step() {
            int taken;
            boolean aborted;

            @Override
            public boolean take(int b) {
                if (aborted || taken == expected.length) {
                    if (b == 0x04) {
                        if (!aborted) {
                            queue("\u0004");
                        }
                        queue(answer);
                        return true;
                    }
                    if (aborted) {
                        return false;
                    }
                    throw new AssertionError("after the code the client wrote " + String.format("\\x%02x", b));
                }
                if (b != (expected[taken] & 0xff)) {
                    throw new AssertionError("code byte " + taken + " was " + String.format("\\x%02x", b));
                }
                taken++;
                int allowed = window * (1 + grantsRead);
                mostOutstanding = Math.max(mostOutstanding, taken - window * grantsRead);
                if (taken > allowed) {
                    throw new AssertionError("the client wrote " + taken + " bytes with only " + allowed + " granted");
                }
                if (taken == abortAfter) {
                    aborted = true;
                    queue("\u0004");
                } else if (taken % window == 0) {
                    if (!grantDelay.isZero()) {
                        answers.add(new Pause(grantDelay));
                    }
                    answers.add(new Piece(new byte[] {0x01}, true));
                }
                return false;
            }
        });
        return this;
    }

    /** The board says this at once, unasked. */
    ScriptedLink answer(Object... answer) {
        queue(answer);
        return this;
    }

    private void queue(Object... answer) {
        for (Object part : answer) {
            if (part instanceof Duration pause) {
                answers.add(new Pause(pause));
            } else if (part == LOST) {
                answers.add(LOST);
            } else {
                cut(bytes((String) part));
            }
        }
    }

    private void cut(byte[] text) {
        int from = 0;
        while (from < text.length) {
            int size = switch (split) {
                case WHOLE -> text.length;
                case ONE_BYTE -> 1;
                case RANDOM -> 1 + random.nextInt(7);
            };
            int to = Math.min(text.length, from + size);
            answers.add(new Piece(Arrays.copyOfRange(text, from, to), false));
            from = to;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] bytes) throws LinkLostException {
        if (answers.peek() == LOST) {
            throw new LinkLostException(name + " is gone");
        }
        writes.add(new Write(System.nanoTime(), bytes.clone()));
        for (byte b : bytes) {
            Step step = steps.peek();
            if (step == null) {
                throw new AssertionError("unexpected write " + RawReplException.escape(bytes));
            }
            if (step.take(b & 0xff)) {
                steps.poll();
            }
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws LinkLostException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object head = answers.peek();
            if (head == LOST) {
                throw new LinkLostException(name + " is gone");
            }
            if (head instanceof Piece piece) {
                int count = Math.min(buffer.length, piece.bytes.length);
                System.arraycopy(piece.bytes, 0, buffer, 0, count);
                answers.poll();
                if (count < piece.bytes.length) {
                    answers.push(new Piece(Arrays.copyOfRange(piece.bytes, count, piece.bytes.length), false));
                }
                if (piece.grant) {
                    grantsRead++;
                }
                return count;
            }
            long now = System.nanoTime();
            long until = deadline;
            if (head instanceof Pause pause) {
                if (pause.release == 0) {
                    pause.release = now + pause.duration.toNanos();
                }
                if (pause.release - now <= 0) {
                    answers.poll();
                    continue;
                }
                until = Math.min(pause.release - now, deadline - now) + now;
            }
            if (until - now <= 0) {
                return 0;
            }
            LockSupport.parkNanos(until - now);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    List<Write> writes() {
        return writes;
    }

    /** Everything the client wrote, in order. */
    byte[] written() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        writes.forEach(w -> all.writeBytes(w.bytes()));
        return all.toByteArray();
    }

    /** The most code bytes the client had written beyond the windows it had read grants for. */
    int mostOutstanding() {
        return mostOutstanding;
    }

    /** Whether every step of the script was written. */
    boolean played() {
        return steps.isEmpty();
    }
}
