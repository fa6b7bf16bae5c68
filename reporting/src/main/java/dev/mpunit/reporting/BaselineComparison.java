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
    /** Ours, said with every comparison of benchmarks: upstream prints the numbers only. */
    static final String NOISE_RULE = "a change is beyond noise when it is larger than twice the combined spread of"
            + " the two runs (the +/- run-perfbench.py prints is one standard deviation)";

    /**
     * One group on one variant. {@code presence}: {@code both}, {@code new} (not in the baseline) or
     * {@code gone} (only there). {@code perfbench}: for RUN-PERFBENCH in both, the benchmarks that
     * passed in both, compared; null otherwise.
     */
    record RunDelta(String group, String variant, String presence, List<String> newFailures, List<String> fixed,
            List<String> stillFailing, List<String> newTests, List<String> goneTests, PerfbenchDiff perfbench) {

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
            PerfbenchDiff perfbench = either.group().equals(PERFBENCH) && before != null && after != null
                    ? PerfbenchDiff.of(before.perfbench(), after.perfbench()) : null;
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
            entry.put("perfbench", run.perfbench() == null ? null : perfbenchJson(run.perfbench()));
            list.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", baseline);
        json.put("error", null);
        json.put("totals", totals);
        json.put("runs", list);
        return json;
    }

    private static Map<String, Object> perfbenchJson(PerfbenchDiff diff) {
        List<Object> benchmarks = new ArrayList<>();
        for (PerfbenchDiff.Entry entry : diff.entries()) {
            Map<String, Object> benchmark = new LinkedHashMap<>();
            benchmark.put("name", entry.test());
            change(benchmark, "time", entry.time(), PerfbenchDiff.timeWord(entry.time()));
            change(benchmark, "score", entry.score(), PerfbenchDiff.scoreWord(entry.score()));
            benchmarks.add(benchmark);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", NOISE_RULE);
        json.put("benchmarks", benchmarks);
        return json;
    }

    private static void change(Map<String, Object> json, String figure, PerfbenchDiff.Change change, String word) {
        json.put(figure + "_before", change.before());
        json.put(figure + "_after", change.after());
        json.put(figure + "_diff_percent", change.percent());
        json.put(figure + "_error_percent", change.percentSd());
        json.put(figure, word);
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
                perfbench(lists, run);
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

    /** run-perfbench.py's -m and -s tables as it prints them, then ours: what changed beyond noise. */
    private static void perfbench(StringBuilder md, RunDelta run) {
        PerfbenchDiff diff = run.perfbench();
        if (diff.entries().isEmpty()) {
            md.append("Benchmarks: none passed in both runs, nothing to compare.\n\n");
            return;
        }
        md.append("Benchmarks, as `run-perfbench.py -m` and `-s` compare two runs:\n\n```\n")
                .append(diff.upstream(false, run.name(), "baseline", "this run")).append("```\n\n```\n")
                .append(diff.upstream(true, run.name(), "baseline", "this run")).append("```\n\n")
                .append("Beyond noise (ours: ").append(NOISE_RULE).append("):\n\n");
        boolean any = false;
        for (PerfbenchDiff.Entry entry : diff.entries()) {
            List<String> changes = new ArrayList<>();
            if (entry.time().beyondNoise()) {
                changes.add("time " + PerfbenchDiff.timeWord(entry.time()) + " " + percent(entry.time()));
            }
            if (entry.score().beyondNoise()) {
                changes.add("score " + PerfbenchDiff.scoreWord(entry.score()) + " " + percent(entry.score()));
            }
            if (!changes.isEmpty()) {
                any = true;
                md.append("- `").append(entry.test()).append("`: ").append(String.join(", ", changes)).append('\n');
            }
        }
        md.append(any ? "\n" : "- none\n\n");
    }

    private static String percent(PerfbenchDiff.Change change) {
        String value = dev.mpunit.contract.PerfbenchLine.fixed(change.percent(), 2);
        return (value.startsWith("-") ? value : "+" + value) + "% (+/-"
                + dev.mpunit.contract.PerfbenchLine.fixed(change.percentSd(), 2) + "%)";
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
