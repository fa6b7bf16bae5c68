package dev.mpunit.reporting;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;

/**
 * The results folder's summary ({@code summary_report.md}, {@code summary_report.html},
 * {@code timeline.svg}, and at the end {@code xfail_template.json}; with what they are made of,
 * {@link SummaryInputs}, so that {@code mpunit report} can make them again): fed by
 * {@link ResultsFolderListener} one call per event, rewritten at most every
 * {@link #REWRITE_INTERVAL} while tests finish (the report walks every outcome, too much to redo
 * per test on a long run) and always at the end, marked unfinished until then.
 */
final class Summary {

    static final String MARKDOWN = "summary_report.md";
    static final String HTML = "summary_report.html";
    static final String TIMELINE = "timeline.svg";
    static final String XFAIL_TEMPLATE = "xfail_template.json";
    static final Duration REWRITE_INTERVAL = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path folder;
    private final Clock clock;
    private final SummarySettings settings;
    private final KnownFailures known;
    private final String error;
    /** The testbed's USB as the engine's run entry told it ({@code micropython.usb-health}); null when not watched. */
    private String usbHealth;
    private List<UsbMessage> usbMessages = List.of();
    /** Each testbed tentacle's record of actions by its label, sorted: the summary's Tentacles section. */
    private final Map<String, String> lives = new TreeMap<>();
    private final Instant start;
    private final Map<UniqueId, Instant> started = new HashMap<>();
    private final List<FileOutcome> outcomes = new ArrayList<>();
    private final JunitCounts junit;
    private Instant lastWrite;
    private final AtomicFiles writer;

    Summary(Path folder, TestPlan plan, Clock clock, AtomicFiles writer) {
        ConfigurationParameters config = plan.getConfigurationParameters();
        this.writer = writer;
        this.junit = new JunitCounts(plan);
        this.folder = folder;
        this.clock = clock;
        this.start = clock.instant();
        this.settings = SummarySettings.from(config);
        KnownFailures loaded = KnownFailures.NONE;
        String problem = null;
        if (settings.xfailFile() != null) {
            try {
                loaded = KnownFailures.load(Path.of(settings.xfailFile()));
            } catch (IllegalArgumentException e) {
                // The tests still run and report; only the summary loses its expected failures, and says so.
                problem = e.getMessage() + "; no failures are counted as expected";
            }
        }
        this.known = loaded;
        this.error = problem;
    }

    SummarySettings settings() {
        return settings;
    }

    /** The run-level problem for {@code context.json}'s {@code error}, or null. */
    String error() {
        return error;
    }

    void started(TestIdentifier test) {
        started.put(test.getUniqueIdObject(), clock.instant());
    }

    /** {@code values}: the test's {@code micropython.*} entries, null when it published none. */
    void finished(TestIdentifier test, TestExecutionResult result, Map<String, String> values) {
        Instant end = clock.instant();
        Instant begin = started.remove(test.getUniqueIdObject());
        junit.finished(test, result);
        UniqueId id = test.getUniqueIdObject();
        if (id.getLastSegment().getType().equals("file") && values != null
                && values.containsKey(ReportEntryKeys.GROUP) && values.containsKey(ReportEntryKeys.VARIANT)) {
            String group = values.get(ReportEntryKeys.GROUP);
            String variant = values.get(ReportEntryKeys.VARIANT);
            String name = ResultsFolderListener.testName(test);
            String verdict = values.get(ReportEntryKeys.VERDICT);
            String runFolder = FileNames.runFolder(group, variant);
            // TestRun writes a failure's .out exactly when the entries carry its output (after this call).
            boolean out = (verdict.equals(Verdicts.FAIL) || verdict.equals(Verdicts.IGNORED) || verdict.equals(Verdicts.XFAIL)
                    || verdict.equals(Verdicts.FLAKY)) && values.containsKey(ReportEntryKeys.OUTPUT);
            String log = runFolder + "/" + (out ? FileNames.testBaseName(name) + ".out" : "testresults.txt");
            outcomes.add(new FileOutcome(group, variant, name, verdict, values.get(ReportEntryKeys.TENTACLE),
                    begin == null ? end : begin, end, log,
                    TestResult.incidents(values.get(ReportEntryKeys.INCIDENTS)), values.get(ReportEntryKeys.PERFBENCH),
                    values.get(ReportEntryKeys.REFERENCE_TENTACLE), values.containsKey(ReportEntryKeys.QUARANTINED)));
        }
        writeIfDue();
    }

    /** A skipped container skips every test below it; those that are files are listed as skipped. */
    void skipped(TestIdentifier test, TestPlan plan) {
        List<TestIdentifier> all = new ArrayList<>();
        all.add(test);
        all.addAll(plan.getDescendants(test));
        for (TestIdentifier each : all) {
            junit.skipped(each);
            UniqueId id = each.getUniqueIdObject();
            Optional<String> group = ResultsFolderListener.segment(id, "group");
            Optional<String> variant = ResultsFolderListener.segment(id, "variant");
            if (id.getLastSegment().getType().equals("file") && group.isPresent() && variant.isPresent()) {
                outcomes.add(new FileOutcome(group.get(), variant.get(), ResultsFolderListener.testName(each), Verdicts.SKIP,
                        null, null, null, FileNames.runFolder(group.get(), variant.get()) + "/testresults.txt",
                        List.of(), null, null, false));
            }
        }
        writeIfDue();
    }

    /** {@code critical: <the reason>}, {@code ok}, …: the header's line on the testbed's USB. */
    void usbHealth(String line, List<UsbMessage> messages) {
        usbHealth = line;
        usbMessages = List.copyOf(messages);
    }

    /** A tentacle's record of actions ({@code micropython.tentacle-life}), published when its worker let it go. */
    void tentacleLife(String tentacle, String life) {
        lives.put(tentacle, life);
    }

    void end() {
        write(clock.instant(), false);
    }

    private void writeIfDue() {
        Instant now = clock.instant();
        if (lastWrite == null || !now.isBefore(lastWrite.plus(REWRITE_INTERVAL))) {
            lastWrite = now;
            try {
                write(null, true);
            } catch (RuntimeException e) {
                // Called before the run's own files are written: a summary that cannot be written (a full
                // disk) must not cost the test's results; the next write, or the one at the end, tries again.
            }
        }
    }

    private void write(Instant end, boolean unfinished) {
        Instant until = end == null ? clock.instant() : end;
        long ran = outcomes.stream().filter(o -> o.tentacle() != null || o.start() != null).count();
        long millis = Duration.between(start, until).toMillis();
        SummaryReport.Header header = new SummaryReport.Header(settings.trigger(), settings.testbed(),
                settings.instance(), time(start), end == null ? null : time(end), millis,
                ran == 0 ? null : millis / ran, settings.refFirmware(), settings.refTests(), error, unfinished,
                junit.totals(), usbHealth);
        List<TentacleRecord> tentacles = new ArrayList<>();
        lives.forEach((tentacle, life) -> tentacles.add(TentacleRecord.parse(tentacle, life)));
        new SummaryInputs(header, outcomes, known, tentacles, usbMessages).write(folder, writer);
    }

    private String time(Instant instant) {
        return LocalDateTime.ofInstant(instant, clock.getZone()).format(TIME);
    }
}
