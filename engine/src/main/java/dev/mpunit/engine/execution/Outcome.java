package dev.mpunit.engine.execution;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mpunit.contract.Verdicts;
import dev.mpunit.engine.verdict.Verdict;

/**
 * How a runner's piece of work ended, as a value: the {@link Outcomes outcome sink} alone turns it
 * into JUnit events and report entries. A lost tentacle is no outcome: the piece goes back to the
 * bartender ({@code BoardLostException}) and its file ends on the tentacle that runs it next.
 */
public sealed interface Outcome {

    /** Not run, before it started: a skip table, a feature the target lacks, a group not supported yet. */
    record Skipped(String reason) implements Outcome {
    }

    /**
     * Run and judged.
     *
     * @param incidents what happened on the way that a plain verdict would hide (a careful re-run, a
     *     board's own notes); the tentacles that gave the file back are added by the sink
     * @param entries report entries of the runner's own kind of group, published with the verdict's
     *     (a benchmark's figures, a two-board test's reference tentacle and metrics); keys of the
     *     contract's {@code ReportEntryKeys}
     */
    record Judged(Verdict verdict, Duration duration, List<String> incidents, Map<String, String> entries)
            implements Outcome {

        public Judged {
            incidents = List.copyOf(incidents);
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Judged(Verdict verdict, Duration duration, List<String> incidents) {
            this(verdict, duration, incidents, Map.of());
        }
    }

    /**
     * A dry run's file ({@code micropython.dry-run}): the runner took it as far as running it (target
     * opened, feature checks, skip rules) and stopped there. Reported skipped with {@link #REASON} and the
     * verdict {@code found}; never a pass.
     *
     * @param entries the runner's own report entries that are known without running (a two-board
     *     test's reference tentacle), as {@link Judged#entries()}
     */
    record Found(Map<String, String> entries) implements Outcome {

        /** The skip reason of a found file, in run-tests.py's word. */
        public static final String REASON = Verdicts.FOUND_REASON;

        public Found {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Found() {
            this(Map.of());
        }
    }

    /** Could not be judged (the target could not run it, the file could not be read, CPython failed). */
    record Failed(Throwable cause) implements Outcome {
    }

    /** Cut short by the JVM's end (Ctrl-C, SIGTERM): no verdict, its processes were killed. */
    record Interrupted() implements Outcome {
    }
}
