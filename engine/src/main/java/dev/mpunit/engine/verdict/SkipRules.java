package dev.mpunit.engine.verdict;

import java.util.List;
import java.util.Optional;

/**
 * Which tests run-tests.py would not run on a target, and why, in readable
 * words.
 *
 * <p>Two kinds of rules:
 * <ul>
 * <li>{@link #directoryReason}: run-tests.py picks the directories to scan from
 * the target ({@code float/} only with float, {@code thread/} only with
 * threads, ...). A test in a directory it would not pick never runs; mpunit
 * discovers every directory and reports such tests skipped with the reason.
 * Directories run-tests.py only runs on request ({@code extmod_hardware},
 * {@code net_*}, {@code multi_*}, {@code perf_bench}) and unknown ones get no
 * reason here: whether they run is the engine's decision.</li>
 * <li>{@link #runTestsReason}: what {@code run_tests()} and {@code run_one_test()}
 * skip among the tests it does run: the {@code skip_tests} set built from
 * upstream's tables and feature checks, and the name-based feature gates
 * ({@code native_*}, {@code *_endian}, {@code int_big*}, ...).</li>
 * </ul>
 * {@link #reason} applies both. When run-tests.py is given test files
 * explicitly it scans no directories, so only the second kind applies.
 *
 * <p>Not reproduced: upstream's GitHub-Actions-only skip of
 * {@code misc/sys_settrace_features.py} on Windows debug builds (it depends on
 * CI environment variables, not on the target).
 */
public final class SkipRules {

    private SkipRules() {
    }

    /**
     * @param relPath the test relative to the tests root, {@code /}-separated ({@code basics/list1.py})
     * @param target what the feature checks found
     * @param emit the emitter: {@code bytecode} or {@code native}
     * @param viaMpy whether tests are compiled to .mpy first
     * @param hostPlatform the host's {@code sys.platform} ({@link HostPlatform#current()})
     * @return why the test is skipped, empty when it runs
     */
    public static Optional<String> reason(String relPath, TargetProfile target, String emit, boolean viaMpy,
            String hostPlatform) {
        Optional<String> dir = directoryReason(relPath, target);
        return dir.isPresent() ? dir : runTestsReason(relPath, target, emit, viaMpy, hostPlatform);
    }

    /** Why run-tests.py would not scan the test's directory for this target, if so. */
    public static Optional<String> directoryReason(String relPath, TargetProfile target) {
        int slash = relPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : relPath.substring(0, slash);
        String top = dir.contains("/") ? dir.substring(0, dir.indexOf('/')) : dir;
        switch (top) {
            case "float":
                return target.floatPrecision() > 0 ? none() : why("target has no float (float_prec=0)");
            case "unicode":
                return target.unicode() ? none() : why("target has no unicode support");
            case "thread":
                return target.thread() != null ? none() : why("target has no threads");
            case "inlineasm": {
                // Upstream scans "inlineasm/" + the detected arch (nothing detected: "inlineasm/").
                String asm = target.inlineAsmArch();
                String wanted = asm == null ? "inlineasm" : "inlineasm/" + asm;
                if (dir.equals(wanted)) {
                    return none();
                }
                String needs = dir.equals("inlineasm") ? "inline assembler tests for no particular arch"
                        : "the " + dir.substring("inlineasm/".length()) + " inline assembler";
                return why("needs " + needs + ", target has "
                        + (asm == null ? "no inline assembler" : "the " + asm + " inline assembler"));
            }
            case "ports": {
                String port = target.port();
                if (dir.equals("ports/" + port) || dir.startsWith("ports/" + port + "/")) {
                    return none();
                }
                String testPort = dir.equals("ports") ? "" : dir.split("/")[1];
                return why("test is for the " + testPort + " port, target is the " + port + " port");
            }
            case "import":
                return target.isPcPlatform() ? none() : why("needs a PC platform (unix)");
            case "cmdline":
            case "io":
                if (!target.isPcPlatform()) {
                    return why("needs a PC platform (unix)");
                }
                return "minimal".equals(target.build()) ? why("not run on a minimal build") : none();
            default:
                return none();
        }
    }

    /** What run-tests.py itself skips among the tests it runs; see the class comment. */
    public static Optional<String> runTestsReason(String relPath, TargetProfile t, String emit, boolean viaMpy,
            String hostPlatform) {
        // The skip_tests set, one source at a time.
        if (viaMpy && RunTestsTables.VIA_MPY.contains(relPath)) {
            return why("skipped via .mpy by run-tests.py's via-mpy table");
        }
        if (RunTestsTables.EMITTER.getOrDefault(emit, List.of()).contains(relPath)) {
            return why("skipped with the " + emit + " emitter by run-tests.py's emitter table");
        }
        if (RunTestsTables.PLATFORM.getOrDefault(t.platform(), List.of()).contains(relPath)) {
            return why("skipped on " + t.platform() + " by run-tests.py's platform table");
        }
        if (RunTestsTables.ERROR_REPORTING.getOrDefault(t.errorReporting(), List.of()).contains(relPath)) {
            return why("skipped at error reporting level " + t.errorReporting()
                    + " by run-tests.py's error-reporting table");
        }
        if (t.floatPrecision() == 0 && RunTestsTables.REQUIRING_FLOAT.contains(relPath)) {
            return why("target has no float (float_prec=0)");
        }
        if (t.floatPrecision() < 32 && RunTestsTables.FLOAT_BELOW_32.contains(relPath)) {
            return why("needs at least 32-bit float (float_prec=" + t.floatPrecision() + ")");
        }
        if (t.floatPrecision() < 64 && RunTestsTables.FLOAT_BELOW_64.contains(relPath)) {
            return why("needs 64-bit float (float_prec=" + t.floatPrecision() + ")");
        }
        if (!t.unicode() && (RunTestsTables.NO_UNICODE.contains(relPath)
                || (viaMpy && RunTestsTables.NO_UNICODE_VIA_MPY.contains(relPath)))) {
            return why("target has no unicode support");
        }
        if (!t.slice() && RunTestsTables.REQUIRING_SLICE.contains(relPath)) {
            return why("target has no slice support");
        }
        if (!t.complex() && RunTestsTables.NO_COMPLEX.contains(relPath)) {
            return why("target has no complex numbers");
        }
        if (!t.coverage() && RunTestsTables.NO_COVERAGE.contains(relPath)) {
            return why("needs the unix coverage build");
        }
        if ("unsafe".equals(t.thread()) && relPath.startsWith("thread/mutate_")) {
            return why("target's threads are unsafe for mutation tests (thread=unsafe)");
        }
        if (!t.isPcPlatform() && RunTestsTables.NOT_PC.contains(relPath)) {
            return why("needs a PC platform (unix)");
        }
        if (HostPlatform.isWindows(hostPlatform) && RunTestsTables.WINDOWS_HOST.contains(relPath)) {
            return why("skipped on a Windows host: CPython prints paths with backslashes");
        }
        Optional<String> asmFeature = inlineAsmFeatureReason(relPath, t);
        if (asmFeature.isPresent()) {
            return asmFeature;
        }
        if (!t.replEmacs() && relPath.equals(RunTestsTables.REPL_EMACS_TEST)) {
            return why("target's REPL has no emacs keys");
        }
        if (!t.replWordsMove() && relPath.equals(RunTestsTables.REPL_WORDS_MOVE_TEST)) {
            return why("target's REPL has no word movement keys");
        }
        return nameGateReason(relPath, t);
    }

    /**
     * Whether run-tests.py injects {@code target_wiring} for this test
     * ({@code tests_requiring_target_wiring}, matched by suffix as upstream).
     */
    public static boolean requiresTargetWiring(String relPath) {
        return RunTestsTables.REQUIRING_TARGET_WIRING.stream().anyMatch(relPath::endsWith);
    }

    private static Optional<String> inlineAsmFeatureReason(String relPath, TargetProfile t) {
        if ("thumb".equals(t.inlineAsmArch())) {
            for (String feature : RunTestsTables.THUMB_FEATURES) {
                // upstream: glob("inlineasm/thumb/asm_<feature>_*.py")
                String prefix = "inlineasm/thumb/asm_" + feature + "_";
                if (!t.inlineAsmFeatures().contains(feature) && relPath.startsWith(prefix)
                        && relPath.endsWith(".py") && relPath.indexOf('/', prefix.length()) < 0) {
                    return why("target's thumb inline assembler lacks " + feature);
                }
            }
        }
        if ("rv32".equals(t.inlineAsmArch())) {
            for (String ext : RunTestsTables.RV32_EXTENSIONS) {
                if (!t.inlineAsmFeatures().contains(ext) && relPath.equals("inlineasm/rv32/asm_ext_" + ext + ".py")) {
                    return why("target's rv32 inline assembler lacks the " + ext + " extension");
                }
            }
        }
        return none();
    }

    /** run_one_test's gates on the test's name (file name without extension). */
    private static Optional<String> nameGateReason(String relPath, TargetProfile t) {
        String name = testName(relPath);
        if (!t.nativeEmitter() && (name.startsWith("native_") || name.startsWith("viper_"))) {
            return why("target has no native emitter (native_/viper_ test)");
        }
        if (!t.endianMatchesHost() && name.endsWith("_endian")) {
            return why("target's byte order differs from the host's (_endian test)");
        }
        if (!t.intBig() && (name.startsWith("int_big") || name.endsWith("_intbig") || name.startsWith("ffi_int"))) {
            return why("target has no arbitrary-precision integers (int_big test)");
        }
        if (!t.int64() && (name.startsWith("int_64") || name.endsWith("_int64"))) {
            return why("target has no 64-bit integers (int_64 test)");
        }
        if (!t.bytearray() && (name.startsWith("bytearray") || name.endsWith("_bytearray"))) {
            return why("target has no bytearray");
        }
        if (!t.setType() && (name.startsWith("set_") || name.startsWith("frozenset") || name.endsWith("_set"))) {
            return why("target has no set type");
        }
        if (!t.slice() && name.contains("slice")) {
            return why("target has no slice support");
        }
        if (!t.async() && (name.startsWith("async_") || name.startsWith("asyncio_") || name.endsWith("_async"))) {
            return why("target has no async/await");
        }
        if (!t.constKeyword() && name.startsWith("const")) {
            return why("target has no const()");
        }
        if (!t.reverseOps() && name.contains("reverse_op")) {
            return why("target has no reverse operator methods");
        }
        if (!t.fstring() && (name.startsWith("string_fstring") || name.endsWith("_fstring"))) {
            return why("target has no f-strings");
        }
        if (!t.tstring() && (name.startsWith("string_tstring") || name.endsWith("_tstring"))) {
            return why("target has no t-strings");
        }
        if (t.inlineAsmArch() == null && name.startsWith("asm")) {
            return why("target has no inline assembler");
        }
        return none();
    }

    /** Python's {@code os.path.splitext(os.path.basename(p))[0]}. */
    static String testName(String relPath) {
        String base = relPath.substring(relPath.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        // A name that is all dots before the last one (".py", "..py") has no extension.
        boolean leadingDotsOnly = dot >= 0 && base.substring(0, dot).chars().allMatch(c -> c == '.');
        return dot <= 0 || leadingDotsOnly ? base : base.substring(0, dot);
    }

    private static Optional<String> why(String reason) {
        return Optional.of(reason);
    }

    private static Optional<String> none() {
        return Optional.empty();
    }
}
