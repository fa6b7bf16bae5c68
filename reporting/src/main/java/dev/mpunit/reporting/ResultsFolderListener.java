package dev.mpunit.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.SecretSettings;
import dev.mpunit.contract.SourceLinks;
import dev.mpunit.contract.Verdicts;

/**
 * Writes a results folder in Octoprobe's layout with run-tests.py's files in it
 * ({@code docs/results-folder.md}) when the configuration parameter
 * {@value ReportingConfigurationKeys#RESULTS_DIR} names one; does nothing otherwise, nor in a dry run
 * ({@value ReportingConfigurationKeys#DRY_RUN}), which runs no test. Files are
 * rewritten while tests finish (a test run's files at most every {@link TestRun#REWRITE_INTERVAL}),
 * marked {@code "unfinished": true} until the plan ends, so an interrupted run still leaves
 * readable results.
 *
 * <p>Reads only launcher events and the {@code micropython.*} report entries
 * ({@code docs/report-entries.md}). Everything it writes goes through one {@link AtomicFiles},
 * which blanks out the run's {@link Secrets}.
 *
 * <p>With {@value ReportingConfigurationKeys#RESULTS_UPLOAD} set it pushes the folder to that
 * results server once the last file is written ({@link ResultsUploader}); a push that fails is
 * said with the command that pushes the folder later, and never fails the run. With
 * {@value ReportingConfigurationKeys#RESULTS_COMMENT_REPO} set it then posts the summary to that pull
 * request ({@link PullRequestComment}), linking the pushed run; neither does a comment that fails.
 */
public final class ResultsFolderListener implements TestExecutionListener {

    /** The configuration parameter naming the results folder. */

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String FILE_SEGMENT = "file";

    private final Clock clock;
    private Path folder;
    private TestPlan testPlan;
    private String timeStart;
    private final Map<String, TestRun> runs = new LinkedHashMap<>();
    private final Map<UniqueId, Map<String, String>> entries = new HashMap<>();
    private final Map<UniqueId, List<Path>> files = new HashMap<>();
    /** Each tentacle's record of actions ({@code micropython.tentacle-life}), in the order they were let go. */
    private final Map<String, String> tentacleLives = new LinkedHashMap<>();
    static final String TENTACLES = "tentacles.json";
    /** The entries of each run of a file run more than once ({@code micropython.attempt}), in order. */
    private final Map<UniqueId, List<Map<String, String>>> attempts = new HashMap<>();
    private Summary summary;
    private Secrets secrets;
    private AtomicFiles writer;
    private BaselineRun baseline;
    private int cancelled;
    private Optional<String> uploadTo = Optional.empty();
    private String uploadTokenVariable;
    private Optional<PullRequestAddress> commentOn = Optional.empty();
    private String commentTokenVariable;
    private String commentMarker;
    /** {@code micropython.results.context=octoprobe}: context.json in Octoprobe's shape. */
    private boolean octoprobeContext;
    private String contextProblem;
    /** The engine's run entry on USB health ({@code micropython.usb-health*}); null when the run did not watch. */
    private Map<String, String> usbHealth;
    private static final String MPUNIT_CONTEXT = "mpunit";
    private static final String OCTOPROBE_CONTEXT = "octoprobe";

    /** For the launcher's service loader. */
    public ResultsFolderListener() {
        this(Clock.systemDefaultZone());
    }

    ResultsFolderListener(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        Optional<String> configured = plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_DIR)
                .filter(s -> !s.isBlank());
        if (configured.isEmpty()) {
            return;
        }
        if (plan.getConfigurationParameters().get(ReportingConfigurationKeys.DRY_RUN).map(String::strip)
                .filter(value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")
                        || value.equalsIgnoreCase("on")).isPresent()) {
            // Nothing ran: a folder of "skipped" files would read as a run that tested nothing.
            return;
        }
        Path wanted = Path.of(configured.get()).toAbsolutePath();
        try {
            Files.createDirectories(wanted);
        } catch (IOException e) {
            // Said once; every later event finds no folder and writes nothing. The micropython engine refuses
            // such a run at discovery, naming the folder: a run without tests has been told why already.
            if (plan.countTestIdentifiers(TestIdentifier::isTest) > 0) {
                System.err.println("mpunit: no results are written: the results folder " + wanted + " ("
                        + ReportingConfigurationKeys.RESULTS_DIR + ") cannot be created: " + e);
            }
            return;
        }
        folder = wanted;
        testPlan = plan;
        timeStart = now();
        secrets = Secrets.of(plan.getConfigurationParameters());
        writer = new AtomicFiles(secrets);
        // Read now: the baseline may be this very folder, about to be overwritten.
        baseline = BaselineRun.read(plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_BASELINE));
        summary = new Summary(folder, plan, clock, writer);
        uploadTo = plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_UPLOAD).map(String::strip)
                .filter(server -> !server.isEmpty());
        uploadTokenVariable = SecretSettings.uploadTokenVariable(plan.getConfigurationParameters());
        try {
            commentOn = PullRequestAddress.configured(plan.getConfigurationParameters());
        } catch (IllegalArgumentException e) {
            // The micropython engine refuses such a run at discovery; another engine's run is told here.
            System.err.println("mpunit: no pull-request comment: " + e.getMessage());
        }
        commentTokenVariable = SecretSettings.commentTokenVariable(plan.getConfigurationParameters());
        commentMarker = plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_COMMENT_MARKER)
                .map(String::strip).filter(marker -> !marker.isEmpty()).orElse(ReportingConfigurationKeys.DEFAULT_COMMENT_MARKER);
        String shape = plan.getConfigurationParameters().get(ReportingConfigurationKeys.RESULTS_CONTEXT)
                .map(String::strip).orElse(MPUNIT_CONTEXT);
        octoprobeContext = shape.equals(OCTOPROBE_CONTEXT);
        if (!octoprobeContext && !shape.equals(MPUNIT_CONTEXT)) {
            contextProblem = ReportingConfigurationKeys.RESULTS_CONTEXT + "=" + shape + " is not known: write "
                    + MPUNIT_CONTEXT + " or " + OCTOPROBE_CONTEXT + " (context.json was written in mpunit's shape)";
            System.err.println("mpunit: " + contextProblem);
        }
        writeContext(null, true);
    }

    @Override
    public synchronized void executionStarted(TestIdentifier test) {
        if (summary != null) {
            summary.started(test);
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        if (folder != null && entry.getKeyValuePairs().containsKey(ReportEntryKeys.USB_HEALTH)) {
            usbHealth = entry.getKeyValuePairs();
            String reason = usbHealth.get(ReportEntryKeys.USB_HEALTH_REASON);
            summary.usbHealth(usbHealth.get(ReportEntryKeys.USB_HEALTH) + (reason == null ? "" : ": " + reason),
                    UsbMessage.parse(usbHealth.get(ReportEntryKeys.USB_HEALTH_MESSAGES)));
            return;
        }
        String life = entry.getKeyValuePairs().get(ReportEntryKeys.TENTACLE_LIFE);
        if (folder != null && life != null) {
            tentacleLives.put(entry.getKeyValuePairs().getOrDefault(ReportEntryKeys.TENTACLE, "?"), life);
            writer.write(folder.resolve(TENTACLES), Json.write(TentacleLives.json(tentacleLives)));
            summary.tentacleLife(entry.getKeyValuePairs().getOrDefault(ReportEntryKeys.TENTACLE, "?"), life);
            return;
        }
        if (folder != null && entry.getKeyValuePairs().containsKey(ReportEntryKeys.VERDICT)) {
            entries.put(test.getUniqueIdObject(), entry.getKeyValuePairs());
            if (entry.getKeyValuePairs().containsKey(ReportEntryKeys.ATTEMPT)) {
                attempts.computeIfAbsent(test.getUniqueIdObject(), id -> new ArrayList<>()).add(entry.getKeyValuePairs());
            }
        }
    }

    @Override
    public synchronized void fileEntryPublished(TestIdentifier test, FileEntry file) {
        if (folder != null) {
            files.computeIfAbsent(test.getUniqueIdObject(), id -> new ArrayList<>()).add(file.getPath());
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (folder == null) {
            return;
        }
        Map<String, String> values = entries.remove(test.getUniqueIdObject());
        List<Path> published = files.remove(test.getUniqueIdObject());
        List<Map<String, String>> runs = attempts.remove(test.getUniqueIdObject());
        summary.finished(test, result, values);
        String abortedBy = result.getStatus() == TestExecutionResult.Status.ABORTED
                ? result.getThrowable().map(Throwable::getMessage).orElse(null) : null;
        if (values == null && cancelledRun(abortedBy)) {
            // Cut short by an interruption: listed like the files the cancellation left unrun.
            listSkipped(test, abortedBy);
            return;
        }
        if (values == null || !values.containsKey(ReportEntryKeys.GROUP) || !values.containsKey(ReportEntryKeys.VARIANT)) {
            return;
        }
        TestRun run = run(values.get(ReportEntryKeys.GROUP), values.get(ReportEntryKeys.VARIANT));
        List<TestResult.Attempt> attemptsOfFile = new ArrayList<>();
        // A flaky file's .out/.exp are those of its last run that failed: what run-tests.py would have kept.
        Map<String, String> shown = values;
        for (Map<String, String> each : runs == null ? List.<Map<String, String>>of() : runs) {
            int number = Integer.parseInt(each.get(ReportEntryKeys.ATTEMPT).strip());
            attemptsOfFile.add(new TestResult.Attempt(number, ReportEntryKeys.attemptVerdict(each),
                    each.get(ReportEntryKeys.REASON), each.get(ReportEntryKeys.TENTACLE),
                    duration(each.get(ReportEntryKeys.DURATION)),
                    content(each.get(ReportEntryKeys.OUTPUT), published, ReportEntryKeys.outputFile(number))));
            if (Verdicts.FAIL.equals(ReportEntryKeys.attemptVerdict(each))) {
                shown = each;
            }
        }
        String outputFile = shown.containsKey(ReportEntryKeys.ATTEMPT)
                ? ReportEntryKeys.outputFile(Integer.parseInt(shown.get(ReportEntryKeys.ATTEMPT).strip()))
                : ReportEntryKeys.OUTPUT_FILE;
        String expectedFile = shown.containsKey(ReportEntryKeys.ATTEMPT)
                ? ReportEntryKeys.expectedFile(Integer.parseInt(shown.get(ReportEntryKeys.ATTEMPT).strip()))
                : ReportEntryKeys.EXPECTED_FILE;
        run.add(new TestResult(testName(test), values.get(ReportEntryKeys.VERDICT), values.get(ReportEntryKeys.REASON),
                values.get(ReportEntryKeys.TENTACLE), values.get(ReportEntryKeys.PORT),
                duration(values.get(ReportEntryKeys.DURATION)),
                content(shown.get(ReportEntryKeys.OUTPUT), published, outputFile),
                content(shown.get(ReportEntryKeys.EXPECTED), published, expectedFile),
                TestResult.incidents(values.get(ReportEntryKeys.INCIDENTS)), values.get(ReportEntryKeys.PERFBENCH),
                attemptsOfFile, values.get(ReportEntryKeys.QUARANTINED),
                result.getStatus() == TestExecutionResult.Status.SUCCESSFUL));
        run.writeIfDue(clock.instant());
    }

    /**
     * Files skipped before they ran carry no report entries; run-tests.py still lists them as
     * skipped, so their group and variant are read from the unique id's segments. A skipped
     * directory or variant skips every file below it.
     */
    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (folder == null) {
            return;
        }
        summary.skipped(test, testPlan);
        List<TestIdentifier> skipped = new ArrayList<>();
        skipped.add(test);
        skipped.addAll(testPlan.getDescendants(test));
        for (TestIdentifier file : skipped) {
            listSkipped(file, reason);
        }
    }

    private void listSkipped(TestIdentifier file, String reason) {
        UniqueId id = file.getUniqueIdObject();
        Optional<String> group = segment(id, "group");
        Optional<String> variant = segment(id, "variant");
        if (!id.getLastSegment().getType().equals(FILE_SEGMENT) || group.isEmpty() || variant.isEmpty()) {
            return;
        }
        TestRun run = run(group.get(), variant.get());
        if (cancelledRun(reason)) {
            cancelled++;
        }
        run.add(TestResult.skippedBeforeRun(testName(file), reason));
        run.writeIfDue(clock.instant());
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (folder == null) {
            return;
        }
        ZonedDateTime end = ZonedDateTime.now(clock);
        String timeEnd = end.format(TIME);
        // A cancelled (fail-fast) run ends, but did not run everything: it stays marked unfinished.
        boolean unfinished = cancelled > 0;
        for (TestRun run : runs.values()) {
            run.write(end, unfinished);
        }
        baseline.compareWith(folder, runs.values().stream().map(TestRun::verdicts).toList(), writer);
        writeContext(timeEnd, unfinished);
        summary.end();
        if (unfinished) {
            // An interrupted run's console shows no more than this: say where what did finish is.
            System.err.println("mpunit: the run was cancelled with " + cancelled + " test files not run to their end;"
                    + " partial results in " + folder);
            System.err.flush();
        }
        Optional<String> runPage = uploadTo.flatMap(server -> push(server, folder, uploadTokenVariable,
                Optional.ofNullable(summary.settings().campaign())));
        Path posted = folder;
        commentOn.ifPresent(pullRequest -> PullRequestComment.afterRun(posted, pullRequest, commentTokenVariable,
                commentMarker, runPage, System.getenv(), ResultsUploader.Backoff.sleeping(PullRequestComment.AT_RUN_END)));
        summary = null;
        // A launcher may execute several plans with one listener: each names its own folder.
        folder = null;
        testPlan = null;
        runs.clear();
        entries.clear();
        files.clear();
        tentacleLives.clear();
        attempts.clear();
        cancelled = 0;
        uploadTo = Optional.empty();
        commentOn = Optional.empty();
        usbHealth = null;
    }

    /**
     * One try: a server that is down must not hold up the end of the run for the half minute the
     * retries of {@code ./mpunit upload} take; the message gives that command.
     *
     * @return the run's page on the server, when it stored the run
     */
    private static Optional<String> push(String server, Path folder, String tokenVariable, Optional<String> campaign) {
        String token = Optional.ofNullable(System.getenv(tokenVariable)).map(String::strip).orElse("");
        ResultsUploader uploader;
        try {
            // The campaign goes with the push too: a context.json in Octoprobe's shape cannot name it.
            uploader = new ResultsUploader(server, token, tokenVariable, campaign);
        } catch (IllegalArgumentException e) {
            System.err.println("mpunit: no upload (" + ReportingConfigurationKeys.RESULTS_UPLOAD + "): " + e.getMessage()
                    + "; the results stay in " + folder + "; push them later with ./mpunit upload " + folder + " --url <server>");
            return Optional.empty();
        }
        if (token.isEmpty()) {
            System.err.println(uploader.failedMessage(folder, "no push token: the environment variable " + tokenVariable
                    + " is not set; the server's ./mpunit serve token create <testbed> prints one"));
            return Optional.empty();
        }
        ResultsUploader.Outcome outcome = uploader.push(folder);
        if (outcome.stored()) {
            System.out.println(uploader.storedMessage(folder, outcome));
        } else {
            System.err.println(uploader.failedMessage(folder, outcome.reason()));
        }
        System.err.flush();
        return outcome.stored() ? Optional.of(outcome.reason()) : Optional.empty();
    }

    private TestRun run(String group, String variant) {
        String name = FileNames.runFolder(group, variant);
        return runs.computeIfAbsent(name, key -> {
            Path runFolder = folder.resolve(key);
            try {
                Files.createDirectories(runFolder);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create " + runFolder, e);
            }
            return new TestRun(group, variant, runFolder, ZonedDateTime.now(clock), writer,
                    SourceLinks.of(summary.settings().refTests()));
        });
    }

    private void writeContext(String timeEnd, boolean unfinished) {
        SummarySettings settings = summary.settings();
        String commandLine = secrets.commandLine(ProcessHandle.current().info().commandLine().orElse(null));
        if (octoprobeContext) {
            writer.write(folder.resolve("context.json"), Json.write(OctoprobeTestGroup.context(settings,
                    ZonedDateTime.parse(timeStart, TIME.withZone(clock.getZone())), ZonedDateTime.now(clock),
                    commandLine, error(), unfinished)));
            return;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        // The fields of Octoprobe's proposal; those nobody configured (which testbed, which firmware) stay null.
        context.put("testbed", settings.testbed());
        context.put("testbed_instance", settings.instance());
        context.put("time_start", timeStart);
        context.put("time_end", timeEnd);
        context.put("ref_firmware", settings.refFirmware());
        context.put("ref_tests", settings.refTests());
        // Where a reader of the folder finds the two commits; null for a ref that gives no link (a local path).
        context.put("ref_firmware_link", SourceLinks.commit(settings.refFirmware()));
        context.put("ref_tests_link", SourceLinks.commit(settings.refTests()));
        context.put("trigger", settings.trigger());
        // The runs of other testbeds pushed with the same id are one report on the results server.
        context.put("campaign", settings.campaign());
        context.put("commandline", commandLine);
        context.put("error", error());
        context.put("unfinished", unfinished);
        context.put("usb_health", usbHealthJson());
        writer.write(folder.resolve("context.json"), Json.write(context));
    }

    /**
     * What the engine saw of the testbed's USB in the kernel log: its state, the one message, and each
     * kernel message as an object; {@code null} when the run did not watch.
     */
    private Map<String, Object> usbHealthJson() {
        if (usbHealth == null) {
            return null;
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("state", usbHealth.get(ReportEntryKeys.USB_HEALTH));
        health.put("reason", usbHealth.get(ReportEntryKeys.USB_HEALTH_REASON));
        List<Map<String, Object>> messages = new ArrayList<>();
        UsbMessage.parse(usbHealth.get(ReportEntryKeys.USB_HEALTH_MESSAGES)).forEach(m -> messages.add(m.toJson()));
        health.put("messages", messages);
        return health;
    }

    /** Run-level problems: a cancellation, a baseline that could not be read. {@code null} when there are none. */
    private String error() {
        List<String> errors = new ArrayList<>();
        if (contextProblem != null) {
            errors.add(contextProblem);
        }
        if (cancelled > 0) {
            errors.add("cancelled: " + cancelled + " test files were not run");
        }
        baseline.error().ifPresent(errors::add);
        if (summary != null && summary.error() != null) {
            errors.add(summary.error());
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    /**
     * The engine's skip reason for files a cancellation left unrun (docs/report-entries.md), or
     * the launcher's for a whole engine it did not start.
     */
    static boolean cancelledRun(String reason) {
        return reason != null && (reason.startsWith(Verdicts.CANCELLED_REASON_PREFIX) || reason.equals("Execution cancelled"));
    }

    /** The relative path ({@code basics/list1.py}): the value of the unique id's last {@code file} segment. */
    static String testName(TestIdentifier test) {
        return segment(test.getUniqueIdObject(), FILE_SEGMENT).orElse(test.getDisplayName());
    }

    static Optional<String> segment(UniqueId id, String type) {
        List<UniqueId.Segment> segments = id.getSegments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).getType().equals(type)) {
                return Optional.of(segments.get(i).getValue());
            }
        }
        return Optional.empty();
    }

    /** A value that names a published file entry stands for that file's content. */
    private static Content content(String value, List<Path> published, String fileName) {
        if (value == null) {
            return null;
        }
        if (published != null) {
            for (Path path : published) {
                if (value.contains(path.toString())) {
                    return Content.inFile(path);
                }
            }
            for (Path path : published) {
                if (path.getFileName().toString().equals(fileName) && value.contains("in file entry")) {
                    return Content.inFile(path);
                }
            }
        }
        return Content.inline(value);
    }

    private static Long duration(String millis) {
        try {
            return millis == null ? null : Long.valueOf(millis.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String now() {
        return LocalDateTime.now(clock).format(TIME);
    }
}
