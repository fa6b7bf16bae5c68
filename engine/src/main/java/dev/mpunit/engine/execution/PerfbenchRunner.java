package dev.mpunit.engine.execution;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.configuration.PerfbenchConfiguration;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestsRoot;
import dev.mpunit.engine.scheduling.DurationHistory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.engine.verdict.Benchmark;
import dev.mpunit.engine.verdict.CPython;
import dev.mpunit.engine.verdict.TargetProfile;
import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.testbed.Perfbench;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * run-perfbench.py's semantics, one benchmark of {@code perf_bench/} on one tentacle, in its order
 * of decisions: the complex and native feature skips, the script (prefix, benchmark,
 * {@code benchrun.py}, {@code bm_run(N, M)}), "too large" from the first {@code bm_params} key, the
 * runs ({@code micropython.perfbench.average} of them, stopped by the first that gives no figures or
 * a result unlike the first run's: {@code FAIL self}), the result against the {@code .exp} or
 * CPython's ({@code FAIL truth}) and the line {@code t_avg t_sd% s_avg s_sd%}.
 */
final class PerfbenchRunner extends JudgingRunner {

    PerfbenchRunner(EngineConfiguration configuration, DurationHistory history, RunResources resources,
            Interruption interruption) {
        super(configuration, history, resources, interruption);
    }

    @Override
    Outcome runFile(TestFileDescriptor file, Lease lease, Runnable started)
            throws ProbeException, TargetException, IOException {
        Target target = lease.target();
        TargetProfile profile = lease.variant().profile(target, file.root());
        String path = file.relativePath();
        Perfbench nm = nm(lease);
        // A dry run goes through the same checks without starting the file: what they skip is skipped
        // before it ran, what passes them is found.
        boolean dryRun = configuration.run().dryRun();
        if (!dryRun) {
            started.run();
        }
        long begin = System.nanoTime();
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ReportEntryKeys.PERFBENCH_PARAMS, "N=" + nm.n() + " M=" + nm.m() + " n_average="
                + configuration.perfbench().average());
        if (!profile.complex() && (path.endsWith("bm_fft.py") || path.endsWith("misc_mandel.py"))) {
            return skipped("complex not supported", dryRun, begin, entries);
        }
        if (!profile.nativeEmitter() && path.contains("viper_")) {
            return skipped("native not supported", dryRun, begin, entries);
        }
        Path benchrun = file.root().directory().resolve("perf_bench").resolve(TestsRoot.BENCHRUN);
        if (!Files.isRegularFile(benchrun)) {
            return new Outcome.Failed(new RunFailure(benchrun + " is missing: run-perfbench.py appends it to every"
                    + " benchmark (it defines bm_run); put the tree's perf_bench/benchrun.py back", null));
        }
        byte[] script = Benchmark.script(Files.readAllBytes(file.file()), Files.readAllBytes(benchrun), nm.n(), nm.m());
        OptionalInt firstM = Benchmark.firstKeyM(script);
        if (firstM.isEmpty()) {
            // run-perfbench.py stops the whole run here (exit 2); here only this benchmark fails.
            return new Outcome.Failed(new RunFailure(Benchmark.noParamsMessage(path) + ": a benchmark starts its table"
                    + " with \"bm_params = {\", a line break, then \"(N, M): \" keys", null));
        }
        if (nm.m() < firstM.getAsInt()) {
            return skipped("too large", dryRun, begin, entries);
        }
        if (dryRun) {
            return new Outcome.Found(entries);
        }
        Path directory = Reaper.temporaryDirectory("mpunit-perfbench");
        try {
            Path scriptFile = directory.resolve(file.file().getFileName());
            Files.write(scriptFile, script);
            Script run = new Script(scriptFile, configuration.run().timeout(), false, options());
            return measure(file, target, run, script, begin, entries);
        } finally {
            Reaper.delete(directory);
        }
    }

    private Outcome measure(TestFileDescriptor file, Target target, Script run, byte[] script, long begin,
            Map<String, String> entries) throws TargetException, IOException {
        int average = configuration.perfbench().average();
        List<Long> times = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<String> incidents = new ArrayList<>();
        String first = null;
        Verdict failure = null;
        for (int i = 0; i < average && failure == null; i++) {
            Execution execution = target.executeAsInput(run);
            incidents.addAll(execution.incidents());
            if (interruption.requested()) {
                return new Outcome.Interrupted();
            }
            Benchmark.Reading reading = reading(execution);
            if (reading.failed()) {
                failure = reading.result().startsWith("SKIP")
                        ? new Verdict(Verdict.Kind.SKIP, reading.result(), reading.result(), null, null, null, 0, 0)
                        : failed(reading.result(), null, null);
            } else if (first != null && !reading.result().equals(first)) {
                failure = failed("FAIL self", first, reading.result());
            } else if (reading.time() == 0) {
                // run-perfbench.py dies dividing by it; here the benchmark fails, saying what to change.
                failure = failed("CRASH: run " + (i + 1) + " took 0 us, below the target's clock resolution:"
                        + " a larger N (micropython.perfbench.n-m) gives it more work", null, null);
            } else {
                first = reading.result();
                times.add(reading.time());
                scores.add(Benchmark.score(reading.norm(), reading.time()));
            }
        }
        if (failure == null && !first.equals("None")) {
            String truth = truth(file, script);
            if (!first.equals(truth)) {
                failure = failed("FAIL truth", truth, first);
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - begin);
        history.record(file, duration.toMillis());
        if (failure != null) {
            return new Outcome.Judged(failure, duration, incidents, entries);
        }
        Benchmark.Figures figures = Benchmark.figures(Benchmark.Stats.ofTimes(times), Benchmark.Stats.ofScores(scores));
        entries.put(ReportEntryKeys.PERFBENCH, figures.line());
        entries.put(ReportEntryKeys.PERFBENCH_TIME, figures.time());
        entries.put(ReportEntryKeys.PERFBENCH_TIME_SD, figures.timeSd());
        entries.put(ReportEntryKeys.PERFBENCH_SCORE, figures.score());
        entries.put(ReportEntryKeys.PERFBENCH_SCORE_SD, figures.scoreSd());
        // run-perfbench.py's reason for a benchmark that passed is empty: the figures are entries of their own.
        return new Outcome.Judged(new Verdict(Verdict.Kind.PASS, "", "", null, null, null, 0, 0), duration, incidents,
                entries);
    }

    /** A run that did not end by itself gives no figures: a crash, saying so. */
    private Benchmark.Reading reading(Execution execution) {
        if (execution.ending() == Execution.Ending.TIMED_OUT) {
            String output = new String(execution.output(), StandardCharsets.ISO_8859_1).strip();
            return new Benchmark.Reading(-1, -1, Benchmark.crash(output) + " (timed out after "
                    + configuration.run().timeout().toSeconds() + " s: micropython.timeout is per run)");
        }
        return Benchmark.read(execution.output());
    }

    /**
     * The result the benchmark should give: its {@code .exp} stripped, else what CPython prints
     * running the same script (unprepared, on stdin), read as a run is read.
     */
    private String truth(TestFileDescriptor file, byte[] script) throws IOException {
        Path exp = file.file().resolveSibling(file.file().getFileName() + ".exp");
        if (Files.isRegularFile(exp)) {
            return Files.readString(exp, StandardCharsets.UTF_8).strip();
        }
        CPython.Result result = resources.cpython().runInput(script);
        if (result.kind() == CPython.Kind.TIMED_OUT) {
            return Benchmark.crash(new String(result.expected(), StandardCharsets.ISO_8859_1).strip())
                    + " (" + resources.cpython().timeoutMessage() + ")";
        }
        return Benchmark.read(result.expected()).result();
    }

    private static Verdict failed(String error, String expected, String actual) {
        return new Verdict(Verdict.Kind.FAIL, error, error, bytes(expected), bytes(actual), null, 0, 0);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A benchmark run-perfbench.py skips without running it: judged {@code SKIP} in a run, skipped in a dry run. */
    private static Outcome skipped(String reason, boolean dryRun, long begin, Map<String, String> entries) {
        if (dryRun) {
            return new Outcome.Skipped(reason);
        }
        return new Outcome.Judged(new Verdict(Verdict.Kind.SKIP, reason, reason, null, null, null, 0, 0),
                Duration.ofNanos(System.nanoTime() - begin), List.of(), entries);
    }

    /** The tentacle's inventory {@code perfbench} field, else {@code micropython.perfbench.n-m}, else the default. */
    private Perfbench nm(Lease lease) {
        PerfbenchConfiguration perfbench = configuration.perfbench();
        Optional<Perfbench> own = configuration.testbed().inventory().flatMap(testbed -> testbed.tentacles().stream()
                .filter(spec -> spec.label().equals(lease.tentacle().id()))
                .findFirst().flatMap(TentacleSpec::perfbench));
        return own.or(perfbench::nm).orElseGet(() -> PerfbenchConfiguration.defaultFor(lease.target().variant()));
    }

    private List<String> options() {
        return configuration.run().heapsize().map(size -> List.of("-X", "heapsize=" + size)).orElse(List.of());
    }
}
