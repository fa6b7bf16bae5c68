package dev.mpunit.engine.configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.mpunit.engine.execution.Progress;

/**
 * How the files run and are judged: how many at once, their timeout, the emitter and heap, the
 * CPython of expected outputs, the cache, what is reported inline, the mpy-cross of the .mpy groups and
 * the progress line.
 */
public record RunConfiguration(
        int workers,
        int maxLocalTentacles,
        Duration timeout,
        String emit,
        Optional<String> heapsize,
        String cpython,
        Duration cpythonTimeout,
        Path cacheDirectory,
        int inlineOutputLimit,
        Optional<String> mpyCross,
        Progress.Mode progress) {
}
