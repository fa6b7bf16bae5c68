package dev.mpunit.contract;

import java.util.List;

/**
 * The configuration parameters the reporting listeners read ({@code docs/configuration.md}). The
 * engine knows them too: it refuses a misspelt {@code micropython.*} key before anything runs, and
 * checks at discovery that the results folder can be written.
 */
public final class ReportingConfigurationKeys {

    /** The folder results are written into as tests finish ({@code docs/results-folder.md}); unset: none. */
    public static final String RESULTS_DIR = "micropython.results.dir";
    /**
     * An earlier results folder (or run-tests.py's) to compare with: {@code baseline.md} and
     * {@code baseline.json} list new failures and fixed tests.
     */
    public static final String RESULTS_BASELINE = "micropython.results.baseline";
    /**
     * Why the run happened ({@code PR #123}, {@code nightly}): the summary's header,
     * {@code context.json}'s {@code trigger}.
     */
    public static final String RESULTS_TRIGGER = "micropython.results.trigger";
    /**
     * The firmware's source ({@code url@ref}, as Octoprobe writes it): the summary's header,
     * {@code context.json}'s {@code ref_firmware}.
     */
    public static final String RESULTS_REF_FIRMWARE = "micropython.results.ref-firmware";
    /**
     * The tests' source ({@code url@ref}): the summary's header, {@code context.json}'s
     * {@code ref_tests}.
     */
    public static final String RESULTS_REF_TESTS = "micropython.results.ref-tests";
    /**
     * A known-failures file ({@code {"<group>": {"<test>": ["<variant>" or "*", …]}}}): listed
     * failures count as {@code xfail} in the summary; JUnit's results are not changed.
     */
    public static final String RESULTS_XFAIL = "micropython.results.xfail";
    /**
     * The results server ({@code https://results.example.org}) the results folder is pushed to at the end
     * of the run ({@code docs/results-upload.md}); unset: nothing is pushed.
     */
    public static final String RESULTS_UPLOAD = "micropython.results.upload";
    /**
     * The environment variable holding the testbed's push token; default {@link #DEFAULT_UPLOAD_TOKEN_ENV}.
     * Its value is a secret like those named in {@link #SECRETS}; this key's own value, a name, is not.
     */
    public static final String RESULTS_UPLOAD_TOKEN_ENV = "micropython.results.upload.token-env";
    /** Where the push token is read from unless {@link #RESULTS_UPLOAD_TOKEN_ENV} names another variable. */
    public static final String DEFAULT_UPLOAD_TOKEN_ENV = "MPUNIT_UPLOAD_TOKEN";
    /**
     * The campaign the run belongs to: the runs of several testbeds started together (a CI matrix, one job
     * per testbed) that the results server shows as one report ({@code docs/results-upload.md#campaigns});
     * {@code context.json}'s {@code campaign}. Letters, digits and {@code . _ - :}, at most
     * {@value CampaignId#MAX_LENGTH} characters ({@link CampaignId}). Unset: the run is on its own.
     */
    public static final String RESULTS_CAMPAIGN = "micropython.results.campaign";
    /**
     * The GitHub repository ({@code owner/name}) whose pull request gets the summary as a comment at
     * the end of the run ({@code docs/pull-request-comment.md}); with {@link #RESULTS_COMMENT_PR}. Unset: no comment.
     */
    public static final String RESULTS_COMMENT_REPO = "micropython.results.comment.repo";
    /** The pull request's number in {@link #RESULTS_COMMENT_REPO}. */
    public static final String RESULTS_COMMENT_PR = "micropython.results.comment.pr";
    /** GitHub's REST API; default {@link #DEFAULT_COMMENT_API_URL} (a GitHub Enterprise server: {@code https://<host>/api/v3}). */
    public static final String RESULTS_COMMENT_API_URL = "micropython.results.comment.api-url";
    /** GitHub's REST API at github.com. */
    public static final String DEFAULT_COMMENT_API_URL = "https://api.github.com";
    /**
     * The environment variable holding the GitHub token the comment is posted with; default
     * {@link #DEFAULT_COMMENT_TOKEN_ENV}. Its value is a secret; this key's own value, a name, is not.
     */
    public static final String RESULTS_COMMENT_TOKEN_ENV = "micropython.results.comment.token-env";
    /** What GitHub Actions gives a job its token in (when the workflow passes it on). */
    public static final String DEFAULT_COMMENT_TOKEN_ENV = "GITHUB_TOKEN";
    /**
     * What tells this comment from others on the pull request: the comment carries
     * {@code <!-- mpunit:<marker> -->} and is updated in place by the next run with the same marker;
     * default {@link #DEFAULT_COMMENT_MARKER}.
     */
    public static final String RESULTS_COMMENT_MARKER = "micropython.results.comment.marker";
    /** One comment per pull request unless runs name markers of their own. */
    public static final String DEFAULT_COMMENT_MARKER = "summary";
    /**
     * Comma-separated names of environment variables, system properties or configuration
     * parameters whose values are written as {@code ***} in the results folder (so are the values of keys
     * containing {@code pass}, {@code secret} or {@code token}); default {@link #DEFAULT_SECRETS}.
     */
    public static final String SECRETS = "micropython.secrets";
    /** What upstream's testbed passes WLAN tests their credentials in. */
    public static final String DEFAULT_SECRETS = "WLAN_SSID,WLAN_PASS";
    /**
     * The engine's testbed inventory: the engine takes its tentacles from it, the summary's header
     * its {@code testbed} and {@code instance} names.
     */
    public static final String TESTBED = "micropython.testbed";
    /**
     * {@code run-tests}: the console prints one line per test file in run-tests.py's words, the failures'
     * diffs and the counts ({@code ./mpunit} gives it); {@code list}: per test group and variant, the files
     * a dry run found and those it skipped, and why ({@link #DRY_RUN}); unset: the reporting listeners print
     * nothing.
     */
    public static final String CONSOLE = "micropython.console";

    /**
     * {@code true}: the engine goes as far as running each file (targets started, feature checks, skip
     * rules) and then reports it instead, skipped with the verdict {@link Verdicts#FOUND} or its skip
     * reason; the results folder listener writes nothing, since nothing ran. Default {@code false}.
     */
    public static final String DRY_RUN = "micropython.dry-run";

    /**
     * Whose shape the results folder's {@code context.json} has: {@code mpunit} (the default: {@code testbed},
     * {@code unfinished}, nulls) or {@code octoprobe} (exactly Octoprobe's fields, which its report code
     * needs: it refuses a key it does not know, so one file cannot have both).
     */
    public static final String RESULTS_CONTEXT = "micropython.results.context";

    /** Every key above. */
    public static final List<String> ALL = List.of(RESULTS_DIR, RESULTS_BASELINE, RESULTS_TRIGGER, RESULTS_REF_FIRMWARE,
            RESULTS_REF_TESTS, RESULTS_XFAIL, RESULTS_UPLOAD, RESULTS_UPLOAD_TOKEN_ENV, RESULTS_CAMPAIGN,
            RESULTS_COMMENT_REPO, RESULTS_COMMENT_PR, RESULTS_COMMENT_API_URL, RESULTS_COMMENT_TOKEN_ENV,
            RESULTS_COMMENT_MARKER, SECRETS, TESTBED, CONSOLE, DRY_RUN, RESULTS_CONTEXT);

    private ReportingConfigurationKeys() {
    }
}
