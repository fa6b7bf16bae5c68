package dev.mpunit.engine.execution;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.DurationHistory;
import dev.mpunit.engine.verdict.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.local.ProcessInteractive;

/**
 * run-multitests.py's semantics for one file on a two-board piece: the board under test and the
 * reference tentacle are the instances, both ways round (the board as instance0, then the
 * reference), as the testbed runs them; the expectation is the file's {@code .exp} or the same
 * test on CPython instances. One JUnit test per file: it fails when either order fails, and is
 * skipped when an instance skips.
 */
final class MultitestsRunner implements Runner {

    /** CPython and its leading arguments, as {@code micropython.cpython} gives them: the truth instances. */
    private final List<String> cpython;
    private final DurationHistory history;
    private final Interruption interruption;
    private final MultitestSession.Clock clock;
    /** {@code micropython.dry-run}: a piece that could run is reported found instead. */
    private final boolean dryRun;
    /** Looked up on first use: most runs have no multitest. */
    private volatile String hostIp;

    MultitestsRunner(List<String> cpython, DurationHistory history, Interruption interruption, boolean dryRun) {
        this.cpython = List.copyOf(cpython);
        this.history = history;
        this.interruption = interruption;
        this.clock = MultitestSession.Clock.SYSTEM;
        this.dryRun = dryRun;
    }

    @Override
    public Outcome run(TestFileDescriptor file, Lease lease, Optional<Lease> reference, Runnable started)
            throws BoardLostException {
        try {
            return runChecked(file, lease, reference, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Interrupted();
        } catch (RuntimeException | Error e) {
            return new Outcome.Failed(e);
        }
    }

    private Outcome runChecked(TestFileDescriptor file, Lease lease, Optional<Lease> reference, Runnable started)
            throws InterruptedException {
        Path path = file.file();
        Multitest test;
        try {
            test = Multitest.read(path);
        } catch (IOException e) {
            return new Outcome.Failed(new RunFailure("cannot read " + path + ": " + e.getMessage()
                    + " (check the file's permissions)", e));
        }
        List<Lease> leases = new ArrayList<>();
        leases.add(lease);
        reference.ifPresent(leases::add);
        if (test.instances() > leases.size()) {
            return new Outcome.Skipped(file.relativePath() + " needs " + test.instances() + " instances; a "
                    + (reference.isPresent() ? "two-board piece has 2: the board and its reference tentacle"
                            : "piece without a reference tentacle has 1"));
        }
        List<Interactive> pair = new ArrayList<>();
        for (Lease each : leases) {
            Optional<Interactive> interactive = each.target().interactive();
            if (interactive.isEmpty()) {
                return new Outcome.Skipped(each.target().variant() + " (" + each.name() + ") cannot be a"
                        + " run-multitests.py instance: it runs whole files and reads no input while one runs"
                        + " (use the unix port, webassembly-pty or a board)");
            }
            pair.add(interactive.get());
        }
        if (dryRun) {
            // Paired and able to run (both instances interactive): what a run would start with.
            return new Outcome.Found(referenceEntries(reference));
        }
        started.run();
        long begin = System.nanoTime();
        Map<String, String> environment = Map.of("MICROPYPATH",
                ".frozen:" + file.root().directory().toAbsolutePath().resolve("../extmod").normalize());
        String ip = hostIp();
        List<Integer> boardFirst = List.of(0, 1);
        List<List<Integer>> orders = pair.size() == 2 ? List.of(boardFirst, List.of(1, 0)) : List.of(List.of(0));
        String expected = null;
        String expectedFrom = null;
        List<String> incidents = new ArrayList<>();
        Verdict verdict = null;
        List<String> metrics = List.of();
        for (List<Integer> order : orders) {
            List<Interactive> instances = order.stream().map(pair::get).toList();
            List<String> names = order.stream().map(i -> pair.get(i).name() + " on " + leases.get(i).name()).toList();
            MultitestSession.Result result = new MultitestSession(test, instances, ip, environment, clock).run();
            if (interruption.requested()) {
                return new Outcome.Interrupted();
            }
            result.notes().forEach(note -> incidents.add(orderName(names, test) + ": " + note));
            if (order == orders.get(0)) {
                metrics = result.metrics();
            }
            if (result.skip()) {
                verdict = MultitestJudgement.judge(result, "", "", names);
                break;
            }
            if (expected == null) {
                Path exp = Path.of(path + ".exp");
                if (Files.isRegularFile(exp)) {
                    expected = readExp(exp);
                    expectedFrom = exp.getFileName().toString();
                } else {
                    expected = truth(test, ip, environment);
                    expectedFrom = "the same test on CPython";
                    if (interruption.requested()) {
                        return new Outcome.Interrupted();
                    }
                }
            }
            Verdict judged = MultitestJudgement.judge(result, expected, expectedFrom, names);
            if (judged.kind() == Verdict.Kind.FAIL) {
                verdict = withOrder(judged, orderName(names, test), result.trace());
                break;
            }
            verdict = judged;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - begin);
        history.record(file, duration.toMillis());
        Map<String, String> entries = referenceEntries(reference);
        if (!metrics.isEmpty()) {
            entries.put(ReportEntryKeys.METRICS, String.join("\n", metrics));
        }
        return new Outcome.Judged(verdict, duration, incidents, entries);
    }

    /** The reference tentacle a two-board piece ran with, for the report entries. */
    private static Map<String, String> referenceEntries(Optional<Lease> reference) {
        Map<String, String> entries = new LinkedHashMap<>();
        reference.ifPresent(other -> {
            entries.put(ReportEntryKeys.REFERENCE_TENTACLE, other.name());
            entries.put(ReportEntryKeys.REFERENCE_PORT, other.port());
        });
        return entries;
    }

    /** The expected output from CPython instances, as many as the test has. */
    private String truth(Multitest test, String ip, Map<String, String> environment) throws InterruptedException {
        List<Interactive> truth = new ArrayList<>();
        for (int i = 0; i < test.instances(); i++) {
            truth.add(new ProcessInteractive(cpython));
        }
        return new MultitestSession(test, truth, ip, environment, clock).run().output();
    }

    /** run-multitests.py reads the .exp as text: line ends as Python's universal newlines make them. */
    static String readExp(Path exp) {
        try {
            return Files.readString(exp, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        } catch (IOException e) {
            throw new RunFailure("cannot read " + exp + ": " + e.getMessage(), e);
        }
    }

    private static String orderName(List<String> names, Multitest test) {
        return String.join(" | ", names.subList(0, Math.min(names.size(), Math.max(1, test.instances()))));
    }

    /** Which order failed, and what was read when (run-multitests.py -c's trace): the interleaving a failure needs. */
    private static Verdict withOrder(Verdict verdict, String order, List<String> trace) {
        List<String> shown = trace.size() <= TRACE_LINES ? trace : trace.subList(trace.size() - TRACE_LINES, trace.size());
        String message = verdict.message() + "\n(instances: " + order + ")\nlines read (ms since the start, instance):"
                + (shown.size() < trace.size() ? "\n  (the last " + TRACE_LINES + ")" : "") + "\n"
                + String.join("\n", shown);
        return new Verdict(verdict.kind(), verdict.reason(), message, verdict.expected(), verdict.actual(),
                verdict.unittest(), verdict.firstDifferingLine(), verdict.testcaseCount());
    }

    private static final int TRACE_LINES = 100;

    private String hostIp() {
        String ip = hostIp;
        if (ip == null) {
            ip = Multitest.hostAddress();
            hostIp = ip;
        }
        return ip;
    }
}
