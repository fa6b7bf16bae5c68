package dev.mpunit.reporting;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.MicroPythonTestId;
import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.SourceLinks;
import dev.mpunit.contract.Verdicts;

/**
 * The console in run-tests.py's words ({@code micropython.console=run-tests}, which {@code ./mpunit}
 * gives): one line per test file as it finishes ({@code pass  basics/x.py}), then every failure
 * with its unified diff, then run-tests.py's counts and JUnit's totals, and where the results
 * folder is. A unittest file's cases are summarised on its file's line (the engine's reason).
 *
 * <p>Reads only JUnit's events and the {@code micropython.*} report entries. Silent unless the key
 * asks for it, so the console launcher's own tree, Surefire and IDEs are left as they are.
 */
public final class RunTestsConsoleListener implements TestExecutionListener {

    /** The value of {@link ReportingConfigurationKeys#CONSOLE} that turns this console on. */
    static final String RUN_TESTS = "run-tests";

    private final PrintStream out;
    private final boolean coloured;
    private final boolean clearsLine;
    private boolean active;
    private TestPlan plan;
    private boolean severalVariants;
    private String resultsDir;
    /** Where a failure's source is, from micropython.results.ref-tests: empty when that gives no link. */
    private Optional<SourceLinks> sources = Optional.empty();
    private final Map<String, Map<String, String>> entries = new HashMap<>();
    /** Each testbed tentacle's record of actions (micropython.tentacle-life) by its label, sorted. */
    private final Map<String, String> lives = new TreeMap<>();
    private RunTestsCounts counts = new RunTestsCounts();
    /** A file run more than once: its runs' entries so far, for the diff of the run that failed. */
    private final Map<String, List<Map<String, String>>> attempts = new HashMap<>();
    private final List<String> diffs = new ArrayList<>();
    private final JunitTotals junit = new JunitTotals();

    /** For the launcher's service loader: standard output, coloured when it is a terminal. */
    public RunTestsConsoleListener() {
        this(System.out, System.console() != null, System.getenv("NO_COLOR") == null);
    }

    RunTestsConsoleListener(PrintStream out, boolean terminal, boolean colours) {
        this.out = out;
        this.clearsLine = terminal;
        this.coloured = terminal && colours;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        active = plan.getConfigurationParameters().get(ReportingConfigurationKeys.CONSOLE).map(String::strip)
                .filter(RUN_TESTS::equals).isPresent();
        if (!active) {
            return;
        }
        this.plan = plan;
        counts = new RunTestsCounts();
        resultsDir = plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_DIR).map(String::strip)
                .filter(dir -> !dir.isEmpty()).orElse(null);
        sources = SourceLinks.of(plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_REF_TESTS)
                .orElse(null));
        // One variant is run-tests.py's case: its lines name the file alone; more name the variant too.
        severalVariants = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .map(test -> test.getUniqueIdObject().getLastSegment().getType()).filter("variant"::equals).count() > 1;
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        String life = entry.getKeyValuePairs().get(ReportEntryKeys.TENTACLE_LIFE);
        if (active && life != null) {
            lives.put(entry.getKeyValuePairs().getOrDefault(ReportEntryKeys.TENTACLE, "?"), life);
            return;
        }
        if (active && entry.getKeyValuePairs().containsKey(ReportEntryKeys.VERDICT)) {
            entries.put(test.getUniqueId(), entry.getKeyValuePairs());
            if (entry.getKeyValuePairs().containsKey(ReportEntryKeys.ATTEMPT)) {
                attempts.computeIfAbsent(test.getUniqueId(), id -> new ArrayList<>()).add(entry.getKeyValuePairs());
            }
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (!active) {
            return;
        }
        for (TestIdentifier file : withDescendants(plan, test)) {
            skippedBeforeRun(file, reason);
        }
    }

    /** A skipped test and everything below it: a skipped directory or variant skips every file below it. */
    static List<TestIdentifier> withDescendants(TestPlan plan, TestIdentifier test) {
        List<TestIdentifier> below = new ArrayList<>();
        below.add(test);
        below.addAll(plan.getDescendants(test));
        return below;
    }

    private void skippedBeforeRun(TestIdentifier test, String reason) {
        Optional<MicroPythonTestId> id = MicroPythonTestId.find(test.getUniqueId());
        if (id.isEmpty()) {
            return;
        }
        if (test.isTest()) {
            junit.skipped++;
        }
        if (id.get().testCase() == null) {
            String name = name(id.get());
            counts.skipped(name);
            line("skip  " + name + reason(reason));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!active) {
            return;
        }
        if (test.isTest()) {
            junit.count(result.getStatus());
        }
        Map<String, String> values = entries.remove(test.getUniqueId());
        List<Map<String, String>> runs = attempts.remove(test.getUniqueId());
        Optional<MicroPythonTestId> id = MicroPythonTestId.find(test.getUniqueId());
        if (id.isEmpty() || id.get().testCase() != null) {
            return;
        }
        String name = name(id.get());
        if (values == null) {
            // Cut short by an interruption, or failed before it ran: JUnit's status and message say so.
            String message = result.getThrowable().map(Throwable::getMessage).orElse(null);
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                counts.failed(name);
                line(colour(RED, "FAIL") + "  " + name + reason(message));
            } else if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                counts.skipped(name);
                line("skip  " + name + reason(message));
            }
            return;
        }
        String verdict = values.getOrDefault(ReportEntryKeys.VERDICT, "");
        String why = values.get(ReportEntryKeys.REASON);
        countTestcases(values.get(ReportEntryKeys.TESTCASES));
        boolean junitFailed = result.getStatus() == TestExecutionResult.Status.FAILED;
        if (values.containsKey(ReportEntryKeys.QUARANTINED)) {
            // It failed, but the quarantine keeps it from failing the run: shown, diff included, counted apart.
            counts.quarantined(name);
            line(colour(YELLOW, "quarantined") + "  " + name + reason(verdict.equals(Verdicts.FLAKY)
                    ? flakyReason(values) : why));
            diffs.add(failure(name, id.get().file(), " (quarantined)", lastFailed(values, runs)));
            return;
        }
        if (verdict.equals(Verdicts.FLAKY)) {
            counts.flaky(name, junitFailed);
            line(colour(junitFailed ? RED : YELLOW, "flaky") + "  " + name + reason(flakyReason(values)));
            diffs.add(failure(name, id.get().file(), " (flaky)", lastFailed(values, runs)));
            return;
        }
        switch (verdict) {
            case Verdicts.PASS -> {
                counts.passed(name);
                // A unittest file's summary of its cases; a plain file's pass needs no reason.
                line("pass  " + name + (id.get().testCase() == null && test.isContainer() ? reason(why) : ""));
            }
            case Verdicts.SKIP -> {
                counts.skipped(name);
                line("skip  " + name + reason(why));
            }
            case Verdicts.IGNORED -> {
                counts.ignored(name);
                line("ignored  " + name + reason(why));
            }
            case Verdicts.XFAIL -> {
                counts.xfailed(name);
                line("xfail  " + name + reason(why));
            }
            default -> {
                counts.failed(name);
                line(colour(RED, "FAIL") + "  " + name + reason(why));
                diffs.add(failure(name, id.get().file(), "", values));
            }
        }
    }

    private void countTestcases(String value) {
        if (value == null) {
            return;
        }
        try {
            counts.testcases(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            // An engine of another version wrote something else: the count is left without it, nothing fails.
        }
    }

    /** {@code 1 of 2 attempts failed} from {@code micropython.attempts} ({@code fail pass}). */
    private static String flakyReason(Map<String, String> values) {
        String[] words = values.getOrDefault(ReportEntryKeys.ATTEMPTS, "").split(" ");
        long failures = java.util.Arrays.stream(words).filter(Verdicts.FAIL::equals).count();
        return failures + " of " + words.length + " attempts failed";
    }

    /** The entry of the last run that failed, for its diff; the file's own when no run of it is known. */
    private static Map<String, String> lastFailed(Map<String, String> values, List<Map<String, String>> runs) {
        if (runs != null) {
            for (int i = runs.size() - 1; i >= 0; i--) {
                if (Verdicts.FAIL.equals(ReportEntryKeys.attemptVerdict(runs.get(i)))) {
                    return runs.get(i);
                }
            }
        }
        return values;
    }

    /**
     * @param file the test file under the tests root, for the link to its source
     * @param note after the name in the heading: why this failure fails no run, or nothing
     */
    private String failure(String name, String file, String note, Map<String, String> values) {
        String output = values.getOrDefault(ReportEntryKeys.OUTPUT, "");
        String expected = values.get(ReportEntryKeys.EXPECTED);
        StringBuilder text = new StringBuilder();
        text.append("FAILURE ").append(name).append(note).append('\n');
        String source = sources.map(links -> links.file(file)).orElse(null);
        if (source != null) {
            text.append("source: ").append(source).append('\n');
        }
        if (expected == null) {
            // A unittest file has no expected output: what it printed says which case failed.
            text.append(output);
            if (!output.endsWith("\n")) {
                text.append('\n');
            }
            return text.toString();
        }
        String attempt = values.containsKey(ReportEntryKeys.ATTEMPT) ? ".attempt-" + values.get(ReportEntryKeys.ATTEMPT) : "";
        String diff = UnifiedDiff.of(name + ".exp", expected, name + attempt + ".out", output);
        for (String line : diff.split("\n")) {
            if (line.startsWith("@@")) {
                text.append(colour(CYAN, line));
            } else if (line.startsWith("-") && !line.startsWith("--- ")) {
                text.append(colour(RED, line));
            } else if (line.startsWith("+") && !line.startsWith("+++ ")) {
                text.append(colour(GREEN, line));
            } else {
                text.append(line);
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (!active) {
            return;
        }
        for (String diff : diffs) {
            line("");
            diff.lines().forEach(this::line);
        }
        line("");
        tentacles();
        for (RunTestsCounts.Line closing : counts.lines()) {
            line(switch (closing.tone()) {
                case PLAIN -> closing.text();
                case WARNING -> colour(YELLOW, closing.text());
                case FAILURE -> colour(RED, closing.text());
            });
        }
        line("JUnit: " + junit);
        if (resultsDir != null) {
            // Only a folder that was written: one refused at discovery (a path that cannot be created) was not.
            Path folder = Path.of(resultsDir).toAbsolutePath().normalize();
            if (Files.isDirectory(folder)) {
                line("results: " + folder + " (summary: " + folder.resolve("summary_report.html") + ")");
            }
        }
        out.flush();
        entries.clear();
        attempts.clear();
        lives.clear();
    }

    /**
     * What happened to each testbed tentacle that matters (flashed, power-cycled, failed, connected by
     * hand, as found), one line each, and where the whole records are; nothing when no tentacle kept one
     * (local targets, emulators).
     */
    private void tentacles() {
        if (lives.isEmpty()) {
            return;
        }
        Path records = resultsDir == null ? null
                : Path.of(resultsDir).toAbsolutePath().normalize().resolve(ResultsFolderListener.TENTACLES);
        line("tentacles (each one's whole record of actions: " + (records != null && Files.isRegularFile(records)
                ? records.toString() : "the report entry " + ReportEntryKeys.TENTACLE_LIFE) + "):");
        int width = lives.keySet().stream().mapToInt(String::length).max().orElse(0);
        lives.forEach((tentacle, life) -> {
            TentacleStory story = TentacleStory.of(TentacleRecord.parse(tentacle, life));
            String text = "  " + tentacle + " ".repeat(width - tentacle.length()) + "  " + story.console();
            line(story.failure() != null ? colour(RED, text) : story.flashed().isEmpty() && story.recoveries() == 0
                    ? text : colour(YELLOW, text));
        });
        line("");
    }

    private void line(String text) {
        // The engine's progress line (micropython.progress) stands on the terminal's last line, the cursor at
        // its end: cleared first, this line takes its place and the progress is redrawn below it within half a
        // second, rather than both ending up on one line.
        out.println(clearsLine ? CLEAR_LINE + text : text);
    }

    private String name(MicroPythonTestId id) {
        return severalVariants ? id.variant() + ": " + id.file() : id.file();
    }

    /** {@code " (why)"} on one line, or nothing: the reason as run-tests.py's lines end (the list console's too). */
    static String reason(String why) {
        if (why == null || why.isBlank()) {
            return "";
        }
        String line = why.strip().replace('\n', ' ');
        // The engine's unittest summary comes in parentheses already: "(unittest: 5 ran)".
        return line.startsWith("(") && line.endsWith(")") ? " " + line : " (" + line + ")";
    }

    private static final String CLEAR_LINE = "\r\u001b[2K";
    private static final String RED = "31";
    private static final String GREEN = "32";
    private static final String YELLOW = "33";
    private static final String CYAN = "36";

    private String colour(String code, String text) {
        return coloured ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** JUnit's own counts of tests (unittest cases included), for the closing line. */
    private static final class JunitTotals {
        int successful;
        int failed;
        int aborted;
        int skipped;

        void count(TestExecutionResult.Status status) {
            switch (status) {
                case SUCCESSFUL -> successful++;
                case FAILED -> failed++;
                case ABORTED -> aborted++;
            }
        }

        @Override
        public String toString() {
            return (successful + failed + aborted + skipped) + " tests: " + successful + " successful, " + failed
                    + " failed, " + aborted + " aborted, " + skipped + " skipped";
        }
    }
}
