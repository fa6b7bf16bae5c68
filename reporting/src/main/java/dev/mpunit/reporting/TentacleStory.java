package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happened to a tentacle in a run that matters to whoever looks after the testbed, told from
 * its record of actions: the variants it ran, what the firmware check found, what was flashed, how
 * often its board was power-cycled to recover, and the failure that took it out. The record itself
 * ({@code tentacles.json}) has every step with its time; this is the console's line and the
 * summary's row.
 *
 * @param firmwareCheck each check's outcome in short, {@code differs, matches after flashing}; {@code none
 *        (hand-connected)} for a board connected by hand, empty when nothing was checked
 * @param flashed the variants flashed onto the board, in order
 * @param recoveries power cycles of the recovery ladder (not those into a new firmware)
 * @param failure the first {@code failed} step's message, or null
 * @param console the console's line: {@code flashed MICROBIT (firmware differed: …)}, {@code as found}, …
 */
record TentacleStory(String tentacle, List<String> variants, String firmwareCheck, List<String> flashed,
        int recoveries, String failure, boolean handConnected, String console) {

    static TentacleStory of(TentacleRecord record) {
        Set<String> variants = new LinkedHashSet<>();
        Set<String> checks = new LinkedHashSet<>();
        List<String> flashed = new ArrayList<>();
        List<String> told = new ArrayList<>();
        int recoveries = 0;
        String failure = null;
        boolean handConnected = false;
        String lastCheck = "";
        for (TentacleRecord.Step step : record.steps()) {
            String detail = step.detail();
            switch (step.action()) {
                case "hand-connected" -> handConnected = true;
                case "tests" -> variants.add(detail);
                case "firmware check" -> {
                    checks.add(checkWord(detail));
                    // A tentacle taken out before its tests was still opened for the variant it checked.
                    checkedVariant(detail).ifPresent(variants::add);
                    lastCheck = detail;
                }
                case "flash" -> {
                    int from = detail.indexOf(" from ");
                    String variant = from < 0 ? detail : detail.substring(0, from);
                    flashed.add(variant);
                    told.add("flashed " + variant + " (" + flashWhy(variant, lastCheck) + ")");
                }
                case "power cycle" -> recoveries += detail.contains("to recover") ? 1 : 0;
                case "failed" -> failure = failure == null ? detail : failure;
                default -> {
                    // lock, power on, delay, port found, boot mode, power off, release: every run has them.
                }
            }
        }
        if (handConnected) {
            told.add(0, "hand-connected: not powered or flashed");
        }
        if (recoveries > 0) {
            told.add("power-cycled " + recoveries + "× to recover");
        }
        if (failure != null) {
            told.add("failed: " + failure);
        }
        String check = handConnected && checks.isEmpty() ? "none (hand-connected)" : String.join(", ", checks);
        if (told.isEmpty()) {
            told.add(check.isEmpty() ? "as found" : "as found (firmware check: " + check + ")");
        }
        return new TentacleStory(record.tentacle(), List.copyOf(variants), check, List.copyOf(flashed), recoveries,
                failure, handConnected, String.join("; ", told));
    }

    /** The summary's result column: the failure, else how the tentacle ended. */
    String result() {
        if (failure != null) {
            return "failed: " + failure;
        }
        return handConnected ? "ran as connected" : "released";
    }

    /** The engine's {@code firmware check} detail in a word or three. */
    private static String checkWord(String detail) {
        if (detail.startsWith("matches ")) {
            return detail.contains(" after flashing") ? "matches after flashing" : "matches";
        }
        if (detail.startsWith("still differs ")) {
            return "still differs after flashing";
        }
        if (detail.startsWith("differs ")) {
            return "differs";
        }
        if (detail.startsWith("skipped")) {
            return "skipped";
        }
        if (detail.startsWith("not checked")) {
            return "not checked (flash=force)";
        }
        return detail;
    }

    private static final Pattern CHECKED = Pattern.compile("^(?:matches|differs from|still differs from) ([^ :]+)");

    private static Optional<String> checkedVariant(String detail) {
        Matcher matcher = CHECKED.matcher(detail);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Why a flash happened: the check before it ({@code differs from X: <reason>}), or that it was forced. */
    private static String flashWhy(String variant, String check) {
        String differs = "differs from " + variant + ": ";
        if (check.startsWith(differs)) {
            return "firmware differed: " + check.substring(differs.length());
        }
        return check.startsWith("not checked") ? "micropython.flash=force" : "firmware not checked";
    }
}
