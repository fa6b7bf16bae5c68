package dev.mpunit.contract;

import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * The campaign a run belongs to ({@value ReportingConfigurationKeys#RESULTS_CAMPAIGN}, {@code --campaign}):
 * the runs of several testbeds started together (a CI matrix, one job per testbed) that the results
 * server shows as one report. Read one way everywhere: the engine refuses a bad id before anything runs,
 * the results folder writes it into {@code context.json}, the server refuses it in a push, and the id
 * goes unescaped into the server's addresses ({@code /campaigns/<id>}).
 */
public final class CampaignId {

    /** As long as a GitHub run id, its attempt and a testbed-free prefix need, and short enough to read. */
    public static final int MAX_LENGTH = 100;
    // Letters, digits and . _ - : only: safe in a URL path, a shell word, a file name and a marker; no leading
    // dot or dash (a hidden name, an option).
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private CampaignId() {
    }

    /**
     * The id as given, stripped.
     *
     * @throws IllegalArgumentException saying what is wrong with it and what to give
     */
    public static String of(String id) {
        String value = id == null ? "" : id.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the campaign id is empty: give the id every testbed of the campaign shares,"
                    + " e.g. ${{ github.run_id }}-${{ github.run_attempt }} in GitHub Actions");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the campaign id '" + value.substring(0, 20) + "…' has " + value.length()
                    + " characters: give at most " + MAX_LENGTH);
        }
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("the campaign id '" + value + "' has characters other than letters, digits"
                    + " and . _ - : (or starts with one of . _ - :): give e.g. ${{ github.run_id }}-${{ github.run_attempt }}"
                    + " or nightly-2026-12-07");
        }
        return value;
    }

    /** Whether the id is one {@link #of} takes. */
    public static boolean valid(String id) {
        return id != null && id.length() <= MAX_LENGTH && SAFE.matcher(id).matches();
    }

    /**
     * The campaign the configuration names, if it names one.
     *
     * @throws IllegalArgumentException naming the key, what is wrong and what to give
     */
    public static Optional<String> configured(ConfigurationParameters parameters) {
        Optional<String> given = parameters.get(ReportingConfigurationKeys.RESULTS_CAMPAIGN).map(String::strip)
                .filter(value -> !value.isEmpty());
        try {
            return given.map(CampaignId::of);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ReportingConfigurationKeys.RESULTS_CAMPAIGN + ": " + e.getMessage(), e);
        }
    }
}
