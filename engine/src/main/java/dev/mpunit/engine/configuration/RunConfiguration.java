package dev.mpunit.engine.configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.mpunit.engine.execution.Progress;

/**
 * How the files run and are judged: how many at once, their timeout, the emitter and heap, the
 * CPython of expected outputs, the cache, what is reported inline, the mpy-cross of the .mpy groups,
 * the progress line and whether files run at all.
 *
 * @param workers {@code micropython.workers} when it is set; without it each kind of local port runs
 *     its own number per core ({@link #workers(int)})
 * @param count how many times each file runs ({@code micropython.count}, at least 1)
 * @param retryFailed how many more times a file that failed runs ({@code micropython.retry-failed}, 0 or more)
 * @param quarantine the known failures that fail no run ({@code micropython.quarantine}), empty without the key
 * @param dryRun {@code micropython.dry-run}: each runner stops where it would start running a file and
 *     reports the file found instead
 * @param firstFiles the files handed out before any other ({@code micropython.first-files}), relative to the tests root
 */
public record RunConfiguration(
        OptionalInt workers,
        int maxLocalTentacles,
        Duration timeout,
        String emit,
        Optional<String> heapsize,
        String cpython,
        Duration cpythonTimeout,
        Path cacheDirectory,
        int inlineOutputLimit,
        Optional<String> mpyCross,
        Progress.Mode progress,
        int count,
        int retryFailed,
        Quarantine quarantine,
        boolean dryRun,
        Set<String> firstFiles) {

    public RunConfiguration {
        firstFiles = Set.copyOf(firstFiles);
    }

    /** The instances of a local port that run at once: {@code micropython.workers}, or {@code perCore} per core. */
    public int workers(int perCore) {
        return workers.orElseGet(() -> perCore * Runtime.getRuntime().availableProcessors());
    }
}
