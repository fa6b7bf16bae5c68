package dev.mpunit.hardware.board;

import java.time.Duration;
import java.util.Objects;

/**
 * What a board's firmware and transport can take.
 *
 * @param pacing the safe pacing for plain raw REPL writes; {@link BoardTarget} may go faster once
 *     the board has proven it can take it
 * @param rawPaste whether to offer raw-paste mode; false where the firmware's answer cannot be
 *     trusted (the webassembly REPL under a pty)
 * @param softResetEndsProcess whether a soft reset stops the board's process (the webassembly REPL):
 *     then a fresh process stands in for the soft reset before each test
 * @param bootTime how long the board may take from power-on (or process start) to its first prompt
 */
public record BoardTraits(Pacing pacing, boolean rawPaste, boolean softResetEndsProcess, Duration bootTime) {

    public BoardTraits {
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(bootTime, "bootTime");
    }

    /** A board on a real serial port whose speed nobody has measured: paced, raw-paste when offered. */
    public static BoardTraits serialPort() {
        return new BoardTraits(Pacing.of(32, Duration.ofMillis(10)), true, false, Duration.ofSeconds(5));
    }
}
