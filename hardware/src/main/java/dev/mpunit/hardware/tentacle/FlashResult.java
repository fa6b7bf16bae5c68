package dev.mpunit.hardware.tentacle;

import java.time.Duration;

/**
 * How a programmer run ended.
 *
 * @param success exit code 0 within the timeout
 * @param exitCode the exit code; -1 when the programmer was killed after the timeout
 * @param output stdout and stderr interleaved, the tail when it was long (a note says what was left out)
 * @param duration how long it ran
 */
public record FlashResult(boolean success, int exitCode, String output, Duration duration) {}
