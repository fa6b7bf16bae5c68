package dev.mpunit.reporting;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.mpunit.contract.SourceLinks;
import dev.mpunit.contract.Verdicts;

/**
 * One group on one variant ({@code RUN-TESTS_STANDARD@webassembly}) and its folder: collects the
 * results and rewrites the folder's files while they come, so an interrupted run leaves them
 * readable.
 */
final class TestRun {

    /**
     * How often the three summary files are rewritten while tests finish. Each rewrite walks every
     * result so far: after every test that is quadratic, and on upstream's 1,281 files it was the
     * reporting's largest CPU cost. A failure's {@code .exp}/{@code .out} is still written at once.
     */
    static final Duration REWRITE_INTERVAL = Duration.ofSeconds(1);

    private final String group;
    private final String variant;
    private final Path folder;
    private final ZonedDateTime timeStart;
    private final AtomicFiles files;
    /** Each test's source at the run's ref_tests; empty when that gives no link. */
    private final Optional<SourceLinks> sources;
    // By name: a file run twice (re-run by unique id in the same plan) keeps its last result.
    private final Map<String, TestResult> results = new TreeMap<>();
    private final Set<String> tentacles = new LinkedHashSet<>();
    private final Set<String> ports = new LinkedHashSet<>();
    private Instant lastWrite;

    TestRun(String group, String variant, Path folder, ZonedDateTime timeStart, AtomicFiles files,
            Optional<SourceLinks> sources) {
        this.files = files;
        this.sources = sources;
        this.group = group;
        this.variant = variant;
        this.folder = folder;
        this.timeStart = timeStart;
    }

    Path folder() {
        return folder;
    }

    /** The verdicts so far, by test name: what a baseline is compared with. */
    FolderResults.Run verdicts() {
        Map<String, String> verdicts = new TreeMap<>();
        Map<String, String> perfbench = new TreeMap<>();
        results.values().forEach(result -> {
            verdicts.put(result.name(), result.runTestsResult());
            if (result.perfbench() != null) {
                perfbench.put(result.name(), result.perfbench());
            }
        });
        return new FolderResults.Run(group, variant, verdicts, perfbench);
    }

    void add(TestResult result) {
        results.put(result.name(), result);
        if (result.tentacle() != null) {
            tentacles.add(result.tentacle());
        }
        if (result.port() != null) {
            ports.add(result.port());
        }
        String base = FileNames.testBaseName(result.name());
        if (result.failed()) {
            if (result.expected() != null) {
                result.expected().writeTo(files, folder.resolve(base + ".exp"));
            }
            if (result.output() != null) {
                result.output().writeTo(files, folder.resolve(base + ".out"));
            }
        }
        // Every run of a file run more than once keeps its output, a passing one's included.
        for (TestResult.Attempt attempt : result.attempts()) {
            if (attempt.output() != null) {
                attempt.output().writeTo(files, folder.resolve(attemptOut(base, attempt.number())));
            }
        }
    }

    /** {@code basics_x.py.attempt-2.out}: the output of run 2 of a file run more than once. */
    static String attemptOut(String baseName, int attempt) {
        return baseName + ".attempt-" + attempt + ".out";
    }

    /**
     * While the run goes on: rewrites the three summary files the first time at once, later when
     * {@link #REWRITE_INTERVAL} has passed since the last rewrite; the end writes them anyway.
     */
    void writeIfDue(Instant now) {
        if (lastWrite == null || !now.isBefore(lastWrite.plus(REWRITE_INTERVAL))) {
            lastWrite = now;
            write(null, true);
        }
    }

    /**
     * Rewrites the summary files; {@code timeEnd} null while the run goes on. Octoprobe's current name for
     * the per-run file and its earlier one are both written: each has its readers (docs/results-folder.md).
     */
    void write(ZonedDateTime timeEnd, boolean unfinished) {
        files.write(folder.resolve("context_test.json"), Json.write(contextTest(
                timeEnd == null ? null : timeEnd.format(ResultsFolderListener.TIME), unfinished)));
        files.write(folder.resolve("context_testgroup.json"), Json.write(OctoprobeTestGroup.of(group,
                folder.getFileName().toString(), tentacles, ports, variant, timeStart, timeEnd, unfinished,
                results.values())));
        files.write(folder.resolve("_results.json"), Json.write(runTestsResults()));
        files.write(folder.resolve("testresults.txt"), testResultsText());
    }

    private Map<String, Object> contextTest(String timeEnd, boolean unfinished) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("testgroup", group);
        // Octoprobe's reader expects one string; the list keeps each worker apart.
        context.put("tentacle", tentacles.isEmpty() ? null : String.join(", ", tentacles));
        context.put("tentacles", List.copyOf(tentacles));
        context.put("ports", List.copyOf(ports));
        context.put("port-variant", variant);
        context.put("time_start", timeStart.format(ResultsFolderListener.TIME));
        context.put("time_end", timeEnd);
        context.put("log_output", null);
        context.put("unfinished", unfinished);
        List<Object> list = new ArrayList<>();
        for (TestResult result : results.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", result.name());
            // run-tests.py's word, as in _results.json (readers of both check that they agree); flaky apart.
            entry.put("result", result.runTestsResult());
            // Octoprobe's text of a benchmark that passed is run-perfbench.py's line; _results.json keeps its "".
            entry.put("text", result.perfbench() != null ? result.perfbench() : result.text());
            entry.put("tentacle", result.tentacle());
            entry.put("duration_ms", result.durationMillis());
            entry.put("incidents", result.incidents());
            entry.put("flaky", result.result().equals(Verdicts.FLAKY));
            entry.put("quarantined", result.quarantined());
            entry.put("source", sources.map(links -> links.file(result.name())).orElse(null));
            List<Object> attempts = new ArrayList<>();
            for (TestResult.Attempt attempt : result.attempts()) {
                Map<String, Object> each = new LinkedHashMap<>();
                each.put("attempt", attempt.number());
                each.put("result", attempt.result());
                each.put("text", attempt.text());
                each.put("tentacle", attempt.tentacle());
                each.put("duration_ms", attempt.durationMillis());
                each.put("out", attempt.output() == null ? null
                        : attemptOut(FileNames.testBaseName(result.name()), attempt.number()));
                attempts.add(each);
            }
            entry.put("attempts", attempts);
            list.add(entry);
        }
        context.put("results", list);
        return context;
    }

    private Map<String, Object> runTestsResults() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("group", group);
        args.put("target", variant);
        args.put("result_dir", folder.toAbsolutePath().toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("args", args);
        json.put("results", results.values().stream()
                .map(r -> List.of(r.name(), r.runTestsResult(), r.text() == null ? "" : r.text()))
                .collect(Collectors.toList()));
        json.put("failed_tests", namesWith(Verdicts.FAIL));
        json.put("ignored_tests", namesWith(Verdicts.IGNORED));
        return json;
    }

    /** By run-tests.py's word: a flaky file that JUnit failed is among the failed, as in {@code results}. */
    private List<String> namesWith(String result) {
        return results.values().stream().filter(r -> r.runTestsResult().equals(result)).map(TestResult::name)
                .sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    }

    /** run-tests.py's console lines and summary, which Octoprobe keeps as testresults.txt. */
    private String testResultsText() {
        StringBuilder text = new StringBuilder();
        // Counted as the console counts them, by one reckoning; this file has no testcases figure.
        RunTestsCounts counts = new RunTestsCounts();
        for (TestResult result : results.values()) {
            String word = result.quarantined() != null ? "quarantined" : switch (result.result()) {
                case Verdicts.FAIL -> "FAIL";
                default -> result.result();
            };
            text.append(word).append("  ").append(result.name()).append('\n');
            if (result.quarantined() != null) {
                counts.quarantined(result.name());
                continue;
            }
            switch (result.result()) {
                case Verdicts.PASS -> counts.passed(result.name());
                case Verdicts.SKIP -> counts.skipped(result.name());
                case Verdicts.FAIL -> counts.failed(result.name());
                case Verdicts.IGNORED -> counts.ignored(result.name());
                case Verdicts.FLAKY -> counts.flaky(result.name(), !result.passedInJunit());
                default -> counts.ranOtherwise();
            }
        }
        counts.lines().forEach(line -> text.append(line.text()).append('\n'));
        return text.toString();
    }
}
