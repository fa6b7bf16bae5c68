package dev.mpunit.reporting;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mpunit.contract.Verdicts;

/**
 * A test run's {@code context_testgroup.json}, the per-run file Octoprobe's testbed writes now and its
 * report code reads ({@code context_test.json} is the earlier name, still written beside it). Octoprobe
 * builds its test group object from every key of the file and refuses a key it does not know, so this
 * file holds exactly Octoprobe's fields, in its words: nothing of mpunit's own goes here.
 */
final class OctoprobeTestGroup {

    /** Octoprobe's times now: {@code 2026-12-06_20-38-12+0100} (its reader parses them with {@code %z}). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ssZ");
    /** Octoprobe's {@code msg_error} until a test group ends; {@code ""} once it did. */
    static final String NEVER_FINISHED = "Test never finished...";
    /**
     * The last part of Octoprobe's test id, which of its runs of a test group this was ({@code a}, then
     * {@code b}, … when it runs a group again); mpunit runs each test run once.
     */
    private static final String FIRST_RUN = "a";

    private OctoprobeTestGroup() {
    }

    /**
     * Octoprobe's test id: {@code <group>@<serial>-<board variant>,a}, its {@code LABEL@serial-BOARD-VARIANT,a}
     * ({@code RUN-TESTS_STANDARD@2731-RPI_PICO2-RISCV,a}). The earlier one put {@code ,a} after the label
     * ({@code RUN-TESTS_STANDARD,a@2731-RPI_PICO2-RISCV}).
     */
    static String testId(String group, String tentacleVariant) {
        return group + "@" + tentacleVariant + "," + FIRST_RUN;
    }

    /**
     * Octoprobe's {@code tentacle_variant}, {@code <serial>-<board variant>}: its readers take the board
     * variant as what follows the first {@code -}, so the serial has none. A testbed tentacle's label
     * ({@code 2731-RPI_PICO2}) gives its short serial when the variant is of its board; another worker
     * ({@code qemu-microbit#3}) is its whole name with {@code - @ ,} made {@code _}; a run where no file ran
     * has {@code none}.
     */
    static String tentacleVariant(Collection<String> tentacles, String variant) {
        String tentacle = tentacles.stream().findFirst().orElse("none");
        int dash = tentacle.indexOf('-');
        String serial = dash > 0 && variant.startsWith(tentacle.substring(dash + 1)) ? tentacle.substring(0, dash)
                : tentacle;
        return serial.replaceAll("[-@,]", "_") + "-" + variant;
    }

    /**
     * The file's fields, as Octoprobe's writer fills them; {@code end} null while the run goes on.
     *
     * @param folder the test run's folder name, relative to the results folder
     */
    static Map<String, Object> of(String group, String folder, Collection<String> tentacles,
            Collection<String> ports, String variant, ZonedDateTime start, ZonedDateTime end, boolean unfinished,
            Collection<TestResult> results) {
        String tentacleVariant = tentacleVariant(tentacles, variant);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("directory_relative", folder);
        json.put("testgroup", group);
        json.put("testid", testId(group, tentacleVariant));
        json.put("tentacle_variant", tentacleVariant);
        // A role (-instance0) only for Octoprobe's two-board groups, where each tentacle has its own run.
        json.put("tentacle_variant_role", tentacleVariant);
        // Octoprobe's is the run-tests.py command; mpunit runs none.
        json.put("commandline", "");
        json.put("tentacle_mcu", String.join(",", ports));
        json.put("tentacle_reference", "");
        json.put("time_start", start.format(TIME));
        json.put("time_end", end == null ? "" : end.format(TIME));
        // Octoprobe links each group's log; testresults.txt is what this folder has of one.
        json.put("log_output", folder + "/testresults.txt");
        List<Object> outcomes = new ArrayList<>();
        for (TestResult result : results) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("name", result.name());
            outcome.put("outcome", outcome(result));
            String text = result.perfbench() != null ? result.perfbench() : result.text();
            outcome.put("text", text == null ? "" : text);
            outcomes.add(outcome);
        }
        json.put("outcomes", outcomes);
        json.put("msg_error", unfinished ? NEVER_FINISHED : "");
        json.put("msg_skipped", "");
        return json;
    }

    /**
     * {@code context.json} in Octoprobe's shape ({@code micropython.results.context=octoprobe}): exactly the
     * fields of its run context, which its report code makes from every key and refuses one it does not know,
     * and needs {@code ref_firmware_metadata}, {@code ref_tests_metadata}, {@code directories} and
     * {@code git_ref} in; strings are {@code ""} when unknown, as Octoprobe writes them. Like Octoprobe's
     * writer, {@code time_end} is the time of the write and {@code error} says {@code Test never finished...}
     * until the run has ended; a cancelled run's end says it too, before why.
     */
    static Map<String, Object> context(SummarySettings settings, ZonedDateTime start, ZonedDateTime now,
            String commandLine, String error, boolean unfinished) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("testbed_name", blank(settings.testbed()));
        json.put("testbed_instance", blank(settings.instance()));
        json.put("time_start", start.format(TIME));
        json.put("time_end", now.format(TIME));
        json.put("ref_firmware", blank(settings.refFirmware()));
        // Octoprobe's git metadata (commit, describe) of checkouts it made; mpunit makes none.
        json.put("ref_firmware_metadata", null);
        json.put("ref_tests", blank(settings.refTests()));
        json.put("ref_tests_metadata", null);
        json.put("trigger", blank(settings.trigger()));
        json.put("commandline", blank(commandLine));
        json.put("log_output", "");
        json.put("log_directory", "");
        json.put("error", unfinished ? error == null ? NEVER_FINISHED : NEVER_FINISHED + " " + error : blank(error));
        // Octoprobe's local folders by tag and its git refs by tag: its report makes links of the refs, and
        // accepts only its own url@branch spelling, so none are given rather than one it cannot read.
        json.put("directories", Map.of());
        json.put("git_ref", Map.of());
        return json;
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    /**
     * Octoprobe's four words: run-tests.py's {@code ignored} (a known-flaky failure) is {@code skipped}, as
     * Octoprobe itself maps it; a flaky file is what JUnit was told.
     */
    private static String outcome(TestResult result) {
        return switch (result.runTestsResult()) {
            case Verdicts.PASS -> "passed";
            case Verdicts.FAIL -> "failed";
            case Verdicts.XFAIL -> "xfailed";
            default -> "skipped";
        };
    }
}
