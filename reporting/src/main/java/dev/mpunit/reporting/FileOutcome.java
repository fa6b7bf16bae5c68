package dev.mpunit.reporting;

import java.time.Instant;

import java.util.List;

/**
 * One test file's end as the summary sees it. {@code verdict} is the engine's
 * ({@code micropython.verdict}, or {@code skip} for a file skipped before it ran); {@code tentacle},
 * {@code start} and {@code end} are null when it did not run on one. {@code log} is the file's
 * log relative to the results folder: its {@code .out} when there is one, else its run's
 * {@code testresults.txt}. {@code incidents}: what went wrong with the target on the way
 * ({@code micropython.incidents}), empty when nothing did. {@code perfbench}: a benchmark's line
 * ({@code micropython.perfbench}) when it passed, else null. {@code reference}: the reference
 * tentacle a two-board test ran with ({@code micropython.reference-tentacle}), else null.
 * {@code quarantined}: whether {@code micropython.quarantine} kept its failure from failing the run
 * ({@code micropython.quarantined}).
 */
record FileOutcome(String group, String variant, String name, String verdict, String tentacle, Instant start,
        Instant end, String log, List<String> incidents, String perfbench, String reference, boolean quarantined) {

    FileOutcome {
        incidents = List.copyOf(incidents);
    }
}
