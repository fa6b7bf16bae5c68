package dev.mpunit.contract;

import java.util.List;

/**
 * The keys of the report entry the {@code micropython} engine publishes for every test file it
 * runs ({@code docs/report-entries.md}): the whole of what the reporting listeners, Allure and a
 * human reading the console may learn about a test besides JUnit's own events. A key whose value
 * would be blank is left out (JUnit refuses blank values).
 */
public final class ReportEntryKeys {

    /** What every key starts with. */
    public static final String PREFIX = "micropython.";
    /** The test group, e.g. {@code RUN-TESTS_STANDARD}. */
    public static final String GROUP = PREFIX + "group";
    /** The variant the file ran on, e.g. {@code webassembly} or {@code MICROBIT}. */
    public static final String VARIANT = PREFIX + "variant";
    /**
     * The tentacle that ran it: a testbed tentacle's label ({@code mb02-MICROBIT}), else the target
     * instance ({@code webassembly#2}).
     */
    public static final String TENTACLE = PREFIX + "tentacle";
    /** Where that target lives: the node host's command line, the {@code micropython} executable, a serial port. */
    public static final String PORT = PREFIX + "port";
    /**
     * A two-board test's reference tentacle (run-multitests.py's other instance), named as
     * {@link #TENTACLE}; absent for one-board work.
     */
    public static final String REFERENCE_TENTACLE = PREFIX + "reference-tentacle";
    /** Where the reference tentacle's target lives, as {@link #PORT}; absent for one-board work. */
    public static final String REFERENCE_PORT = PREFIX + "reference-port";
    /** The final run's time on the target, in milliseconds, as a decimal integer. */
    public static final String DURATION = PREFIX + "duration";
    /**
     * One of the words of {@link Verdicts}: {@code pass}, {@code fail}, {@code skip}, {@code ignored},
     * {@code flaky} (a file run more than once whose runs disagreed), {@code xfail}.
     */
    public static final String VERDICT = PREFIX + "verdict";
    /** Why: the first differing line, {@code CRASH}, the timeout, the unittest summary, the skip reason. */
    public static final String REASON = PREFIX + "reason";
    /**
     * What run-tests.py adds to its "individual testcases" for a file that ran, as a decimal integer:
     * the expected output's line count, or a unittest file's cases ({@code Ran N}, less the skipped ones
     * when it passed). Absent for a skipped file.
     */
    public static final String TESTCASES = PREFIX + "testcases";
    /**
     * What MicroPython printed, after run-tests.py's normalisation; absent when the verdict is
     * {@code pass}. Too long or not plain text: a file entry {@code output.txt} holds the bytes and
     * this value says where it is.
     */
    public static final String OUTPUT = PREFIX + "output";
    /** The expected output ({@code .exp} or CPython's), as {@link #OUTPUT}; file entry {@code expected.txt}. */
    public static final String EXPECTED = PREFIX + "expected";
    /**
     * What went wrong with the target during the test and what was done about it, one per line;
     * absent when the verdict came from one clean run.
     */
    public static final String INCIDENTS = PREFIX + "incidents";

    /**
     * A file run more than once ({@code micropython.count}, {@code micropython.retry-failed}): which run
     * of it this entry tells, {@code 1}, {@code 2}, …. Each run publishes its own entry, with its own
     * verdict and outputs (passing ones included); the last run's entry is the file's and also carries
     * {@link #ATTEMPTS}. Absent for a file run once.
     */
    public static final String ATTEMPT = PREFIX + "attempt";
    /**
     * In the last entry of a file run more than once: every run's verdict in order, space-separated
     * ({@code fail pass}); {@link #VERDICT} is then {@code flaky} when they disagree.
     */
    public static final String ATTEMPTS = PREFIX + "attempts";
    /**
     * A failure listed by {@code micropython.quarantine}: why it fails no run ({@code listed in
     * quarantine.json for RUN-TESTS_STANDARD basics/x.py on *}). The verdict stays {@code fail} or
     * {@code flaky}; JUnit reports the file aborted with a reason starting {@link Verdicts#QUARANTINED_REASON_PREFIX}.
     */
    public static final String QUARANTINED = PREFIX + "quarantined";

    /**
     * What a two-board test reported with {@code multitest.output_metric()}, one per line as
     * run-multitests.py prints them ({@code <data>}); absent when it reported none.
     */
    public static final String METRICS = PREFIX + "metrics";
    /**
     * RUN-PERFBENCH: run-perfbench.py's {@code N=<n> M=<m> n_average=<a>} the benchmark was run with
     * (present once its N and M were known, whatever the verdict).
     */
    public static final String PERFBENCH_PARAMS = PREFIX + "perfbench.params";
    /**
     * RUN-PERFBENCH, a benchmark that passed: the line run-perfbench.py prints for it,
     * {@code <t_avg> <t_sd%> <s_avg> <s_sd%>}, e.g. {@code 71705.62 0.0048 278.92 0.0048}.
     */
    public static final String PERFBENCH = PREFIX + "perfbench";
    /** RUN-PERFBENCH, passed: the mean time of the runs in microseconds, as in {@link #PERFBENCH} ({@code 71705.62}). */
    public static final String PERFBENCH_TIME = PREFIX + "perfbench.time";
    /** RUN-PERFBENCH, passed: the times' standard deviation in percent of their mean ({@code 0.0048}). */
    public static final String PERFBENCH_TIME_SD = PREFIX + "perfbench.time-sd";
    /** RUN-PERFBENCH, passed: the mean score, {@code 1e6 * norm / time} per run ({@code 278.92}). */
    public static final String PERFBENCH_SCORE = PREFIX + "perfbench.score";
    /** RUN-PERFBENCH, passed: the scores' standard deviation in percent of their mean ({@code 0.0048}). */
    public static final String PERFBENCH_SCORE_SD = PREFIX + "perfbench.score-sd";

    /**
     * Published on the engine (the run), not on a test: one entry per real tentacle of a testbed, with
     * its {@link #TENTACLE}, when its worker let it go. Its ordered record of actions, one per line,
     * {@code <ISO instant> <action>: <detail>}: {@code lock}, {@code power on}, {@code delay},
     * {@code port found}, {@code firmware check}, {@code boot mode}, {@code flash}, {@code power cycle},
     * {@code tests}, {@code power off}, {@code release}, {@code failed}; a hand-connected board's
     * {@code hand-connected} instead of the lock, power and flash steps. Not one of {@link #ALL}, which
     * are a test's.
     */
    public static final String TENTACLE_LIFE = PREFIX + "tentacle-life";

    /** The name of the file entry holding the bytes of {@link #OUTPUT} when they are not inline. */
    public static final String OUTPUT_FILE = "output.txt";
    /** The name of the file entry holding the bytes of {@link #EXPECTED} when they are not inline. */
    public static final String EXPECTED_FILE = "expected.txt";

    /**
     * The verdict of the run an entry of a file run more than once tells: its {@link #VERDICT}, except
     * in the last entry, whose {@link #VERDICT} is the file's and whose run's own is the last word of
     * {@link #ATTEMPTS}.
     */
    public static String attemptVerdict(java.util.Map<String, String> entry) {
        String attempts = entry.get(ATTEMPTS);
        if (attempts == null || attempts.isBlank()) {
            return entry.get(VERDICT);
        }
        String[] words = attempts.strip().split("\\s+");
        return words[words.length - 1];
    }

    /** The name of the file entry holding {@link #OUTPUT}'s bytes of run {@code attempt} of a file run more than once. */
    public static String outputFile(int attempt) {
        return "output.attempt-" + attempt + ".txt";
    }

    /** The name of the file entry holding {@link #EXPECTED}'s bytes of run {@code attempt} of a file run more than once. */
    public static String expectedFile(int attempt) {
        return "expected.attempt-" + attempt + ".txt";
    }

    /** Every key, in the order the engine publishes them. */
    public static final List<String> ALL = List.of(GROUP, VARIANT, TENTACLE, PORT, REFERENCE_TENTACLE,
            REFERENCE_PORT, DURATION, VERDICT, REASON, TESTCASES, OUTPUT, EXPECTED, INCIDENTS, ATTEMPT, ATTEMPTS,
            QUARANTINED, METRICS, PERFBENCH_PARAMS, PERFBENCH,
            PERFBENCH_TIME, PERFBENCH_TIME_SD, PERFBENCH_SCORE, PERFBENCH_SCORE_SD);

    /**
     * On the engine descriptor, once, at the end of a testbed run whose kernel log was watched for USB
     * errors ({@code micropython.usb-health}): {@code ok} (no USB error seen), {@code warning} (some, none
     * critical), {@code critical} (the run stopped handing out tests) or {@code unwatched} (the kernel log
     * could not be read, or its command ended; the reason says why). Absent when the run did not watch.
     */
    public static final String USB_HEALTH = PREFIX + "usb-health";
    /** With {@link #USB_HEALTH}: the one message about it (what stopped, the remedy; why unwatched); absent for {@code ok}. */
    public static final String USB_HEALTH_REASON = PREFIX + "usb-health.reason";
    /**
     * With {@link #USB_HEALTH}: the kernel's USB messages seen, one per line in the order read, each
     * {@code <severity>\t<time>\t<location>\t<device>: <message>} (severity {@code warning} or
     * {@code critical}; time as the log wrote it; location empty for a host controller); absent when none.
     */
    public static final String USB_HEALTH_MESSAGES = PREFIX + "usb-health.messages";

    /** The keys published on the engine descriptor (the run), in the order the engine publishes them. */
    public static final List<String> RUN_KEYS = List.of(USB_HEALTH, USB_HEALTH_REASON, USB_HEALTH_MESSAGES);

    private ReportEntryKeys() {
    }
}
