package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.mpunit.contract.Verdicts;

/**
 * This run against a previous one, test run by test run ({@code group@variant}): what broke,
 * what was fixed, what still fails, which tests came and went. Pure: the folders are read
 * elsewhere.
 */
record BaselineComparison(String baseline, List<RunDelta> runs) {

    static final String PERFBENCH = "RUN-PERFBENCH";
    /** Said instead of numbers: the files hold verdicts only, and a delta must not be made up. */
    static final String NO_PERFBENCH_NUMBERS =
            "not compared: the results files carry no perfbench numbers yet, only pass/fail verdicts";

    /** One group on one variant. {@code presence}: {@code both}, {@code new} (not in the baseline) or {@code gone} (only there). */
    record RunDelta(String group, String variant, String presence, List<String> newFailures, List<String> fixed,
            List<String> stillFailing, List<String> newTests, List<String> goneTests, String perfbench) {

        String name() {
            return FileNames.runFolder(group, variant);
        }
    }

    static BaselineComparison compare(String baseline, FolderResults then, FolderResults now) {
        TreeSet<String> keys = new TreeSet<>(then.runs().keySet());
        keys.addAll(now.runs().keySet());
        List<RunDelta> runs = new ArrayList<>();
        for (String key : keys) {
            FolderResults.Run before = then.runs().get(key);
            FolderResults.Run after = now.runs().get(key);
            FolderResults.Run either = after != null ? after : before;
            Map<String, String> was = before == null ? Map.of() : before.results();
            Map<String, String> is = after == null ? Map.of() : after.results();
            List<String> newFailures = new ArrayList<>();
            List<String> fixed = new ArrayList<>();
            List<String> stillFailing = new ArrayList<>();
            List<String> newTests = new ArrayList<>();
            List<String> goneTests = new ArrayList<>();
            TreeSet<String> names = new TreeSet<>(was.keySet());
            names.addAll(is.keySet());
            for (String name : names) {
                String then1 = was.get(name);
                String now1 = is.get(name);
                if (then1 == null) {
                    newTests.add(name);
                }
                if (now1 == null) {
                    goneTests.add(name);
                }
                boolean failedThen = Verdicts.FAIL.equals(then1);
                boolean failsNow = Verdicts.FAIL.equals(now1);
                if (failsNow && failedThen) {
                    stillFailing.add(name);
                } else if (failsNow && (then1 == null || Verdicts.PASS.equals(then1))) {
                    newFailures.add(name);
                } else if (failedThen && Verdicts.PASS.equals(now1)) {
                    fixed.add(name);
                }
            }
            String presence = before == null ? "new" : after == null ? "gone" : "both";
            String perfbench = either.group().equals(PERFBENCH) ? NO_PERFBENCH_NUMBERS : null;
            runs.add(new RunDelta(either.group(), either.variant(), presence, newFailures, fixed, stillFailing,
                    newTests, goneTests, perfbench));
        }
        return new BaselineComparison(baseline, runs);
    }

    /** baseline.json: the schema is in docs/results-folder.md. */
    Map<String, Object> json() {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("new_failures", runs.stream().mapToLong(r -> r.newFailures().size()).sum());
        totals.put("fixed", runs.stream().mapToLong(r -> r.fixed().size()).sum());
        totals.put("still_failing", runs.stream().mapToLong(r -> r.stillFailing().size()).sum());
        totals.put("new_tests", runs.stream().mapToLong(r -> r.newTests().size()).sum());
        totals.put("gone_tests", runs.stream().mapToLong(r -> r.goneTests().size()).sum());
        List<Object> list = new ArrayList<>();
        for (RunDelta run : runs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("run", run.name());
            entry.put("group", run.group());
            entry.put("variant", run.variant());
            entry.put("presence", run.presence());
            entry.put("new_failures", run.newFailures());
            entry.put("fixed", run.fixed());
            entry.put("still_failing", run.stillFailing());
            entry.put("new_tests", run.newTests());
            entry.put("gone_tests", run.goneTests());
            entry.put("perfbench", run.perfbench());
            list.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", baseline);
        json.put("error", null);
        json.put("totals", totals);
        json.put("runs", list);
        return json;
    }

    static Map<String, Object> errorJson(String baseline, String error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", baseline);
        json.put("error", error);
        json.put("totals", null);
        json.put("runs", List.of());
        return json;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Compared with the baseline\n\n");
        md.append("Baseline: `").append(baseline).append("`\n\n");
        md.append("| run | new failures | fixed | still failing | new tests | gone tests |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (RunDelta run : runs) {
            String presence = run.presence().equals("both") ? "" : " (" + run.presence() + ")";
            md.append("| ").append(run.name()).append(presence).append(" | ").append(run.newFailures().size())
                    .append(" | ").append(run.fixed().size()).append(" | ").append(run.stillFailing().size())
                    .append(" | ").append(run.newTests().size()).append(" | ").append(run.goneTests().size())
                    .append(" |\n");
        }
        for (RunDelta run : runs) {
            StringBuilder lists = new StringBuilder();
            names(lists, "New failures", run.newFailures());
            names(lists, "Fixed", run.fixed());
            names(lists, "Still failing", run.stillFailing());
            names(lists, "New tests", run.newTests());
            names(lists, "Gone tests", run.goneTests());
            if (run.perfbench() != null) {
                lists.append("Perfbench: ").append(run.perfbench()).append("\n\n");
            }
            if (!lists.isEmpty()) {
                md.append("\n## ").append(run.name()).append("\n\n").append(lists);
            }
        }
        return md.toString();
    }

    static String errorMarkdown(String baseline, String error) {
        return "# Compared with the baseline\n\nBaseline: `" + baseline + "`\n\nNot compared: " + error + "\n";
    }

    private static void names(StringBuilder md, String title, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        md.append(title).append(":\n\n");
        names.forEach(name -> md.append("- `").append(name).append("`\n"));
        md.append('\n');
    }
}
