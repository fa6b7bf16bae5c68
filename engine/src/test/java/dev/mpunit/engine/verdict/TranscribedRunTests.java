package dev.mpunit.engine.verdict;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run-tests.py written in upstream's shape (module-level tables, inline {@code skip_tests.add}
 * under conditions in {@code run_tests()}) from the engine's own {@link RunTestsTables}: upstream's
 * file itself is not part of this repository. {@link #newer()} changes it as upstream's newer trees are.
 */
public final class TranscribedRunTests {

    private TranscribedRunTests() {
    }

    /** What upstream's newer trees changed: two native-emitter entries, one error-reporting entry gone. */
    public static String newer() {
        String source = source();
        String changed = source
                .replace("        \"stress/bytecode_limit.py\",\n",
                        "        \"stress/bytecode_limit.py\",\n        \"basics/gen_yield_from_close.py\",\n"
                                + "        \"misc/features.py\",\n")
                .replace("        \"micropython/opt_level_lineno.py\",\n", "");
        if (changed.equals(source)) {
            throw new IllegalStateException("the transcribed run-tests.py no longer has the entries changed here");
        }
        return changed;
    }

    /** A run-tests.py in upstream's shape whose tables are the engine's. */
    public static String source() {
        List<String> terse = RunTestsTables.ERROR_REPORTING.get("terse");
        List<String> noneExtra = RunTestsTables.ERROR_REPORTING.get("none").stream()
                .filter(test -> !terse.contains(test)).toList();
        StringBuilder py = new StringBuilder("import os\n\n");
        py.append("via_mpy_tests_to_skip = {\n    True: ").append(tuple(RunTestsTables.VIA_MPY)).append(",\n}\n");
        py.append("emitter_tests_to_skip = ").append(dict(RunTestsTables.EMITTER)).append("\n");
        py.append("platform_tests_to_skip = ").append(dict(RunTestsTables.PLATFORM)).append("\n");
        py.append("error_reporting_tests_to_skip = {\n    \"terse\": ").append(tuple(terse)).append(",\n}\n");
        py.append("error_reporting_tests_to_skip[\"none\"] = error_reporting_tests_to_skip[\"terse\"] + ")
                .append(tuple(noneExtra)).append("\n");
        py.append("flaky_tests_to_ignore = {\n");
        RunTestsTables.FLAKY.forEach((test, flaky) -> py.append("    ").append(quote(test)).append(": (")
                .append(quote(flaky.reason())).append(", ").append(flaky.hostPlatforms() == null ? "None"
                        : tuple(flaky.hostPlatforms())).append("),\n"));
        py.append("}\n");
        py.append("tests_requiring_float = ").append(tuple(RunTestsTables.REQUIRING_FLOAT)).append("\n");
        py.append("tests_requiring_slice = ").append(tuple(RunTestsTables.REQUIRING_SLICE)).append("\n");
        py.append("tests_requiring_target_wiring = ").append(tuple(RunTestsTables.REQUIRING_TARGET_WIRING)).append("\n");
        py.append("\ndef run_tests(pyb, tests, args, result_dir):\n    skip_tests = set()\n    if True:\n");
        py.append("        t = run_feature_check(pyb, args, \"repl_emacs_check.py\")\n");
        inline(py, "        ", "\"True\" not in str(t, \"ascii\")", List.of(RunTestsTables.REPL_EMACS_TEST));
        py.append("        t = run_feature_check(pyb, args, \"repl_words_move_check.py\")\n");
        inline(py, "        ", "\"True\" not in str(t, \"ascii\")", List.of(RunTestsTables.REPL_WORDS_MOVE_TEST));
        py.append("    if os.getenv(\"GITHUB_ACTIONS\") == \"true\":\n");
        inline(py, "        ", "os.getenv(\"RUNNER_OS\") == \"Windows\" and os.getenv(\"CI_BUILD_CONFIGURATION\") == \"Debug\"",
                List.of("misc/sys_settrace_features.py"));
        py.append("    if args.float_prec == 0:\n        skip_tests.update(tests_requiring_float)\n");
        inline(py, "    ", "args.float_prec < 32", RunTestsTables.FLOAT_BELOW_32);
        inline(py, "    ", "args.float_prec < 64", RunTestsTables.FLOAT_BELOW_64);
        py.append("    if not args.unicode:\n");
        inline(py, "        ", "args.via_mpy", RunTestsTables.NO_UNICODE_VIA_MPY);
        RunTestsTables.NO_UNICODE.forEach(test -> py.append("        skip_tests.add(").append(quote(test)).append(")\n"));
        inline(py, "    ", "not has_complex", RunTestsTables.NO_COMPLEX);
        inline(py, "    ", "not has_coverage", RunTestsTables.NO_COVERAGE);
        inline(py, "    ", "args.platform not in PC_PLATFORMS", RunTestsTables.NOT_PC);
        py.append("    if os.name == \"nt\":\n");
        inline(py, "        ", "not sysconfig.get_platform().startswith(\"mingw\")", RunTestsTables.WINDOWS_HOST);
        return py.toString();
    }

    private static void inline(StringBuilder py, String indent, String condition, List<String> tests) {
        py.append(indent).append("if ").append(condition).append(":\n");
        tests.forEach(test -> py.append(indent).append("    skip_tests.add(").append(quote(test)).append(")\n"));
    }

    private static String dict(Map<String, List<String>> table) {
        return table.entrySet().stream().map(e -> "    " + quote(e.getKey()) + ": " + tuple(e.getValue()) + ",\n")
                .collect(Collectors.joining("", "{\n", "}"));
    }

    private static String tuple(List<String> tests) {
        return tests.stream().map(test -> "        " + quote(test) + ",\n").collect(Collectors.joining("", "(\n", "    )"));
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
