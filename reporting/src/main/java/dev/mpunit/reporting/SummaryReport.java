package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.mpunit.contract.Verdicts;

/**
 * What the summary files show, computed from the file outcomes and the known failures: counts per
 * group and each group's failures matrix. The markdown and HTML renderers only format it.
 */
record SummaryReport(Header header, List<Group> groups, List<Benchmark> benchmarks, List<TentacleStory> tentacles,
        List<UsbMessage> usbMessages) {

    /** The run as a whole; {@code end} null while unfinished. */
    record Header(String trigger, String testbed, String instance, String start, String end, long durationMillis,
            Long millisPerTest, String refFirmware, String refTests, String error, boolean unfinished,
            JunitCounts.Totals junit, String usbHealth) {
    }

    /**
     * One test group: {@code runs} is how many variants ran it (its {@code <group>@<variant>}
     * folders); the counts are of test files, each with its last verdict per variant.
     * {@code incidents}: the tests whose target failed on the way (lost, restarted, a second run).
     */
    record Group(String name, List<String> variants, int runs, int passed, int ignored, int skipped, int xfailed,
            int failed, int flaky, int quarantined, List<Row> failures, List<String> unexpectedPasses,
            List<Incident> incidents) {
    }

    /**
     * The summary's word for a failure {@code micropython.quarantine} kept from failing the run: not a
     * verdict of the engine's (its verdict stays {@code fail} or {@code flaky}), the summary's own.
     */
    static final String QUARANTINED = "quarantined";

    /** A test whose target failed during it, and what was done about it; its verdict is the final one. */
    record Incident(String test, String variant, String tentacle, String verdict, List<String> what, String link) {
    }

    /** A test that failed on some variant: a cell per variant (absent where it did not run). */
    record Row(String name, Map<String, Cell> cells, boolean allFailed, boolean flaky) {
    }

    /**
     * A benchmark that passed on a variant, with run-perfbench.py's figures: mean time in µs, its
     * spread in percent, mean score, its spread in percent.
     */
    record Benchmark(String name, String variant, String time, String timeSd, String score, String scoreSd) {

        /** From {@code micropython.perfbench}'s four numbers; null when the line has not four. */
        static Benchmark of(String name, String variant, String line) {
            String[] figures = line.trim().split("\\s+");
            return figures.length == 4 ? new Benchmark(name, variant, figures[0], figures[1], figures[2], figures[3]) : null;
        }
    }

    /** {@code word} is {@code pass}, {@code FAIL}, {@code XFAIL}, {@code skip}, {@code ignored}, or several joined by {@code /} when they differed. */
    record Cell(String word, String link) {
    }

    /**
     * @param tentacles the testbed tentacles' records of actions, sorted by label (none for local targets)
     * @param usbMessages the kernel's USB messages the run saw
     */
    static SummaryReport of(Header header, List<FileOutcome> outcomes, KnownFailures known,
            List<TentacleRecord> tentacles, List<UsbMessage> usbMessages) {
        // group -> variant -> name -> outcomes in finishing order
        Map<String, Map<String, Map<String, List<FileOutcome>>>> tree = new TreeMap<>();
        for (FileOutcome outcome : outcomes) {
            tree.computeIfAbsent(outcome.group(), g -> new TreeMap<>())
                    .computeIfAbsent(outcome.variant(), v -> new TreeMap<>())
                    .computeIfAbsent(outcome.name(), n -> new ArrayList<>()).add(outcome);
        }
        List<Group> groups = new ArrayList<>();
        tree.forEach((group, variants) -> groups.add(group(group, variants, known)));
        // Each benchmark's last outcome per variant: its figures when it passed.
        Map<String, FileOutcome> last = new TreeMap<>();
        outcomes.forEach(o -> last.put(o.name() + '\0' + o.variant(), o));
        List<Benchmark> benchmarks = new ArrayList<>();
        for (FileOutcome outcome : last.values()) {
            Benchmark benchmark = outcome.perfbench() == null ? null
                    : Benchmark.of(outcome.name(), outcome.variant(), outcome.perfbench());
            if (benchmark != null) {
                benchmarks.add(benchmark);
            }
        }
        return new SummaryReport(header, groups, benchmarks, tentacles.stream().map(TentacleStory::of).toList(),
                usbMessages);
    }

    /**
     * The verdict the summary shows: a failure the quarantine kept from failing the run is quarantined,
     * one the xfail file lists is an expected one.
     */
    static String effective(FileOutcome outcome, KnownFailures known) {
        if (outcome.quarantined()) {
            return QUARANTINED;
        }
        if (outcome.verdict().equals(Verdicts.FAIL) && known.lists(outcome.group(), outcome.name(), outcome.variant())) {
            return Verdicts.XFAIL;
        }
        return outcome.verdict();
    }

    /** What the failures matrix lists: failures, expected or quarantined, and flaky files. */
    static boolean failing(String verdict) {
        return verdict.equals(Verdicts.FAIL) || verdict.equals(Verdicts.XFAIL) || verdict.equals(Verdicts.FLAKY)
                || verdict.equals(QUARANTINED);
    }

    /** Failures of the last outcomes, in the xfail file's shape: next run's known failures. */
    static KnownFailures template(List<FileOutcome> outcomes, KnownFailures known) {
        Map<String, FileOutcome> last = new LinkedHashMap<>();
        outcomes.forEach(o -> last.put(o.group() + '\0' + o.variant() + '\0' + o.name(), o));
        Map<String, Map<String, Set<String>>> byGroup = new TreeMap<>();
        for (FileOutcome outcome : last.values()) {
            if (failing(effective(outcome, known))) {
                byGroup.computeIfAbsent(outcome.group(), g -> new TreeMap<>())
                        .computeIfAbsent(outcome.name(), n -> new TreeSet<>()).add(outcome.variant());
            }
        }
        return new KnownFailures(byGroup);
    }

    private static Group group(String group, Map<String, Map<String, List<FileOutcome>>> variants,
            KnownFailures known) {
        int passed = 0;
        int ignored = 0;
        int skipped = 0;
        int xfailed = 0;
        int failed = 0;
        int flaky = 0;
        int quarantined = 0;
        List<String> unexpected = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        Set<String> failingNames = new TreeSet<>();
        for (Map.Entry<String, Map<String, List<FileOutcome>>> variant : variants.entrySet()) {
            for (Map.Entry<String, List<FileOutcome>> test : variant.getValue().entrySet()) {
                List<FileOutcome> runs = test.getValue();
                FileOutcome last = runs.get(runs.size() - 1);
                for (FileOutcome run : runs) {
                    if (!run.incidents().isEmpty()) {
                        incidents.add(new Incident(test.getKey(), variant.getKey(), run.tentacle(),
                                word(effective(run, known)), run.incidents(), run.log()));
                    }
                }
                switch (effective(last, known)) {
                    case Verdicts.PASS -> passed++;
                    case Verdicts.IGNORED -> ignored++;
                    case Verdicts.SKIP -> skipped++;
                    case Verdicts.XFAIL -> xfailed++;
                    case Verdicts.FLAKY -> flaky++;
                    case QUARANTINED -> quarantined++;
                    default -> failed++;
                }
                if (last.verdict().equals(Verdicts.PASS) && known.lists(group, test.getKey(), variant.getKey())) {
                    unexpected.add(test.getKey() + " on " + variant.getKey());
                }
                if (runs.stream().anyMatch(o -> failing(effective(o, known)))) {
                    failingNames.add(test.getKey());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String name : failingNames) {
            rows.add(row(name, variants, known));
        }
        return new Group(group, List.copyOf(variants.keySet()), variants.size(), passed, ignored, skipped, xfailed,
                failed, flaky, quarantined, rows, unexpected, incidents);
    }

    private static Row row(String name, Map<String, Map<String, List<FileOutcome>>> variants, KnownFailures known) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        boolean allFailed = true;
        boolean flaky = false;
        for (Map.Entry<String, Map<String, List<FileOutcome>>> variant : variants.entrySet()) {
            List<FileOutcome> runs = variant.getValue().get(name);
            if (runs == null) {
                allFailed = false;
                continue;
            }
            // Several tentacles of one variant ran it (a re-run) and did not agree, or its attempts did not: flaky.
            Set<String> words = new LinkedHashSet<>();
            runs.forEach(o -> words.add(word(effective(o, known))));
            flaky |= words.size() > 1 || runs.stream().anyMatch(o -> o.verdict().equals(Verdicts.FLAKY));
            allFailed &= words.stream().allMatch(w -> w.equals("FAIL") || w.equals("XFAIL"));
            cells.put(variant.getKey(), new Cell(String.join("/", words), runs.get(runs.size() - 1).log()));
        }
        return new Row(name, cells, allFailed && !flaky, flaky);
    }

    /** run-tests.py's and Octoprobe's words: failures in capitals, so they stand out. */
    static String word(String verdict) {
        return switch (verdict) {
            case Verdicts.FAIL -> "FAIL";
            case Verdicts.XFAIL -> "XFAIL";
            default -> verdict;
        };
    }
}
