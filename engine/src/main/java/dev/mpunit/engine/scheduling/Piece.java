package dev.mpunit.engine.scheduling;

/**
 * The smallest piece of work the bartender hands out: one test file of a test run, with the time it
 * is expected to take (from earlier runs, else an estimate).
 */
public record Piece<T>(T item, TestRun run, long expectedMillis) {
}
