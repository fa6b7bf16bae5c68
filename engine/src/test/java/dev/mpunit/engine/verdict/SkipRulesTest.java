package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkipRulesTest {

    private static final TargetProfile WASM = Profiles.webassembly();
    private static final TargetProfile UNIX = Profiles.withInfo("linux x64 0 standard GIL 64 True detailed");

    private static Optional<String> wasm(String relPath) {
        return SkipRules.reason(relPath, WASM, "bytecode", false, "linux");
    }

    private static Optional<String> on(TargetProfile t, String relPath) {
        return SkipRules.reason(relPath, t, "bytecode", false, "linux");
    }

    @Test
    void ordinaryTestsRun() {
        assertThat(wasm("basics/list1.py")).isEmpty();
        assertThat(wasm("float/float1.py")).isEmpty();
        assertThat(wasm("unicode/unicode.py")).isEmpty();
        assertThat(wasm("extmod/json_loads.py")).isEmpty();
    }

    @Test
    void platformTableForEveryListedPlatform() {
        assertThat(wasm("basics/string_strip.py")).contains("skipped on webassembly by run-tests.py's platform table");
        assertThat(wasm("extmod/asyncio_heaplock.py")).contains("skipped on webassembly by run-tests.py's platform table");
        assertThat(on(Profiles.withInfo("esp8266 xtensa 0 GENERIC None 30 True normal"), "stress/list_sort.py"))
                .contains("skipped on esp8266 by run-tests.py's platform table");
        assertThat(on(Profiles.withInfo("minimal None 0 minimal None 0 False terse"), "basics/class_inplace_op.py"))
                .contains("skipped on minimal by run-tests.py's platform table");
        assertThat(on(Profiles.withInfo("nrf armv7em 0 x None 32 True normal"), "basics/memoryview1.py")).isPresent();
        assertThat(on(Profiles.withInfo("renesas-ra armv7em 0 x None 32 True normal"), "extmod/time_time_ns.py")).isPresent();
        assertThat(on(Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 True normal"), "thread/thread_lock2.py")).isPresent();
        assertThat(on(Profiles.withInfo("WiPy armv7m 0 WIPY GIL 30 False normal"), "misc/print_exception.py")).isPresent();
        assertThat(on(Profiles.withInfo("zephyr armv7m 0 z GIL 32 True normal"), "thread/thread_lock3.py")).isPresent();
        assertThat(on(UNIX, "basics/string_strip.py")).isEmpty();
    }

    @Test
    void emitterTable() {
        assertThat(SkipRules.reason("basics/try_reraise.py", UNIX, "native", false, "linux"))
                .contains("skipped with the native emitter by run-tests.py's emitter table");
        assertThat(SkipRules.reason("basics/try_reraise.py", UNIX, "bytecode", false, "linux")).isEmpty();
    }

    @Test
    void errorReportingTables() {
        TargetProfile terse = Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 True terse");
        TargetProfile none = Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 True none");
        assertThat(on(terse, "misc/print_exception.py"))
                .contains("skipped at error reporting level terse by run-tests.py's error-reporting table");
        assertThat(on(terse, "extmod/asyncio_gather_notimpl.py")).isEmpty();
        assertThat(on(none, "extmod/asyncio_gather_notimpl.py")).contains(
                "skipped at error reporting level none by run-tests.py's error-reporting table");
        assertThat(on(none, "misc/print_exception.py")).isPresent();
    }

    @Test
    void aTestsTreeBeforeV128AsksNoErrorReportingAndSkipsNothingByIt() {
        // v1.27.0's target_info.py prints seven fields; its run-tests.py had no error-reporting table.
        TargetProfile v127 = Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 True");
        assertThat(v127.errorReporting()).isEmpty();
        assertThat(v127.unicode()).isTrue();
        assertThat(on(v127, "misc/print_exception.py")).isEmpty();
    }

    @Test
    void floatRules() {
        TargetProfile noFloat = Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 0 True normal");
        TargetProfile fp30 = Profiles.withInfo("esp8266 xtensa 0 GENERIC None 30 True normal");
        TargetProfile fp32 = Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 True normal");
        assertThat(on(noFloat, "float/float1.py")).contains("target has no float (float_prec=0)");
        assertThat(on(noFloat, "extmod/json_dumps_float.py")).contains("target has no float (float_prec=0)");
        assertThat(on(fp30, "float/float_struct_e.py")).contains("needs at least 32-bit float (float_prec=30)");
        assertThat(on(fp32, "float/float_struct_e.py")).isEmpty();
        assertThat(on(fp32, "float/float_divmod.py")).contains("needs 64-bit float (float_prec=32)");
        assertThat(on(fp30, "float/float_divmod.py")).isPresent();
        assertThat(on(UNIX, "float/float_divmod.py")).isEmpty();
    }

    @Test
    void unicodeSliceComplexCoverage() {
        TargetProfile noUnicode = Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 False normal");
        assertThat(on(noUnicode, "unicode/unicode.py")).contains("target has no unicode support");
        assertThat(on(noUnicode, "extmod/json_loads.py")).contains("target has no unicode support");
        assertThat(on(noUnicode, "basics/string_escape.py")).isEmpty();
        assertThat(SkipRules.reason("basics/string_escape.py", noUnicode, "bytecode", true, "linux"))
                .contains("target has no unicode support");

        TargetProfile noSlice = Profiles.with("slice.py", "no\n");
        assertThat(on(noSlice, "basics/builtin_range.py")).contains("target has no slice support");
        assertThat(on(noSlice, "basics/list_slice.py")).contains("target has no slice support");
        assertThat(wasm("basics/builtin_range.py")).isEmpty();

        TargetProfile noComplex = Profiles.with("complex.py", "no\n");
        assertThat(on(noComplex, "float/complex1.py")).contains("target has no complex numbers");
        assertThat(on(noComplex, "float/types.py")).contains("target has no complex numbers");

        assertThat(wasm("extmod/ssl_poll.py")).contains("needs the unix coverage build");
        assertThat(on(UNIX, "cmdline/cmd_parsetree.py")).contains("needs the unix coverage build");
        assertThat(on(Profiles.with("coverage.py", "coverage\n"), "extmod/ssl_poll.py")).isEmpty();
    }

    @Test
    void unsafeThreadsSkipMutationTests() {
        TargetProfile unsafe = Profiles.withInfo("esp32 xtensawin 0 ESP32 unsafe 32 True normal");
        assertThat(on(unsafe, "thread/mutate_list.py"))
                .contains("target's threads are unsafe for mutation tests (thread=unsafe)");
        assertThat(on(unsafe, "thread/thread_lock1.py")).isEmpty();
        assertThat(on(Profiles.withInfo("rp2 armv6m 0 RPI_PICO GIL 32 True normal"), "thread/mutate_list.py")).isEmpty();
    }

    @Test
    void nonPcTargetsSkipLocalFileTests() {
        assertThat(wasm("micropython/meminfo.py")).contains("needs a PC platform (unix)");
        assertThat(wasm("unicode/file1.py")).contains("needs a PC platform (unix)");
        assertThat(on(UNIX, "micropython/meminfo.py")).isEmpty();
    }

    @Test
    void viaMpyAndWindowsHost() {
        assertThat(SkipRules.reason("misc/sys_settrace_loop.py", UNIX, "bytecode", true, "linux"))
                .contains("skipped via .mpy by run-tests.py's via-mpy table");
        assertThat(SkipRules.reason("misc/sys_settrace_loop.py", UNIX, "bytecode", false, "linux")).isEmpty();
        assertThat(SkipRules.reason("import/import_file.py", UNIX, "bytecode", false, "win32"))
                .contains("skipped on a Windows host: CPython prints paths with backslashes");
        assertThat(SkipRules.reason("import/import_file.py", UNIX, "bytecode", false, "linux")).isEmpty();
    }

    @Test
    void nameGates() {
        assertThat(wasm("micropython/native_const.py")).contains("target has no native emitter (native_/viper_ test)");
        assertThat(wasm("micropython/viper_misc.py")).isPresent();
        assertThat(on(Profiles.with("native_check.py", "native\n"), "micropython/viper_misc.py")).isEmpty();
        assertThat(SkipRules.reason("basics/struct_endian.py", FeatureChecksBig.BIG_TARGET, "bytecode", false, "linux"))
                .contains("target's byte order differs from the host's (_endian test)");
        TargetProfile small = Profiles.with("int_big.py", "");
        assertThat(on(small, "basics/int_big1.py")).contains("target has no arbitrary-precision integers (int_big test)");
        assertThat(on(small, "basics/struct_intbig.py")).isPresent();
        // the directory rule speaks first
        assertThat(on(small, "ports/unix/ffi_int.py")).contains("test is for the unix port, target is the webassembly port");
        assertThat(SkipRules.runTestsReason("ports/unix/ffi_int.py", small, "bytecode", false, "linux"))
                .contains("target has no arbitrary-precision integers (int_big test)");
        assertThat(on(Profiles.with("int_64.py", ""), "basics/int_64_basics.py")).contains("target has no 64-bit integers (int_64 test)");
        assertThat(on(Profiles.with("bytearray.py", "no\n"), "basics/bytearray_add.py")).contains("target has no bytearray");
        TargetProfile noSet = Profiles.with("set_check.py", "");
        assertThat(on(noSet, "basics/set_add.py")).contains("target has no set type");
        assertThat(on(noSet, "basics/frozenset1.py")).isPresent();
        assertThat(on(noSet, "basics/builtin_set.py")).isPresent();
        TargetProfile noAsync = Profiles.with("async_check.py", "");
        assertThat(on(noAsync, "basics/async_def.py")).contains("target has no async/await");
        assertThat(on(noAsync, "extmod/asyncio_basic.py")).isPresent();
        assertThat(on(noAsync, "basics/gen_async.py")).isPresent();
        assertThat(on(Profiles.with("const.py", ""), "micropython/const2.py")).contains("target has no const()");
        assertThat(on(Profiles.with("reverse_ops.py", "TypeError\n"), "basics/class_reverse_op.py"))
                .contains("target has no reverse operator methods");
        assertThat(on(Profiles.with("fstring.py", ""), "basics/string_fstring.py")).contains("target has no f-strings");
        assertThat(on(Profiles.with("fstring.py", ""), "basics/x_fstring.py")).isPresent();
        assertThat(wasm("basics/string_tstring_basic.py")).contains("target has no t-strings");
        assertThat(wasm("basics/asm_fake.py")).contains("target has no inline assembler");
    }

    @Test
    void inlineAssemblerFeatures() {
        TargetProfile thumb = Profiles.with("inlineasm.py", "thumb\n");
        assertThat(on(thumb, "inlineasm/thumb/asm_thumb2_bcc.py")).contains("target's thumb inline assembler lacks thumb2");
        assertThat(on(thumb, "inlineasm/thumb/asm_vfp_basic.py")).contains("target's thumb inline assembler lacks vfp");
        assertThat(on(thumb, "inlineasm/thumb/asmargs.py")).isEmpty();
        TargetProfile thumb2 = Profiles.with("inlineasm.py", "thumb,vfp,thumb2\n");
        assertThat(on(thumb2, "inlineasm/thumb/asm_thumb2_bcc.py")).isEmpty();
        TargetProfile rv32 = Profiles.with("inlineasm.py", "rv32,zba\n");
        assertThat(on(rv32, "inlineasm/rv32/asm_ext_zcmp.py")).contains("target's rv32 inline assembler lacks the zcmp extension");
        assertThat(on(rv32, "inlineasm/rv32/asm_ext_zba.py")).isEmpty();
    }

    @Test
    void replKeyChecks() {
        assertThat(on(UNIX, "cmdline/repl_emacs_keys.py")).contains("target's REPL has no emacs keys");
        assertThat(on(UNIX, "cmdline/repl_words_move.py")).contains("target's REPL has no word movement keys");
        TargetProfile keys = FeatureChecksBig.withRepl();
        assertThat(on(keys, "cmdline/repl_emacs_keys.py")).isEmpty();
        assertThat(on(keys, "cmdline/repl_words_move.py")).isEmpty();
    }

    @Test
    void directoriesRunTestsWouldNotScan() {
        TargetProfile noFloat = Profiles.withInfo("minimal None 0 minimal None 0 False terse");
        assertThat(SkipRules.directoryReason("float/float1.py", noFloat)).contains("target has no float (float_prec=0)");
        assertThat(SkipRules.directoryReason("unicode/unicode.py", noFloat)).contains("target has no unicode support");
        assertThat(SkipRules.directoryReason("thread/thread_lock1.py", WASM)).contains("target has no threads");
        assertThat(SkipRules.directoryReason("inlineasm/thumb/asmargs.py", WASM))
                .contains("needs the thumb inline assembler, target has no inline assembler");
        assertThat(SkipRules.directoryReason("inlineasm/thumb/asmargs.py", Profiles.with("inlineasm.py", "rv32\n")))
                .contains("needs the thumb inline assembler, target has the rv32 inline assembler");
        assertThat(SkipRules.directoryReason("inlineasm/rv32/asmargs.py", Profiles.with("inlineasm.py", "rv32\n"))).isEmpty();
        assertThat(SkipRules.directoryReason("ports/unix/ffi_float.py", WASM))
                .contains("test is for the unix port, target is the webassembly port");
        assertThat(SkipRules.directoryReason("ports/webassembly/heap_expand.py", WASM)).isEmpty();
        assertThat(SkipRules.directoryReason("ports/stm32/adc.py", Profiles.withInfo("pyboard armv7emsp 0 PYBV11 GIL 32 True normal")))
                .isEmpty();
        assertThat(SkipRules.directoryReason("ports/unix/ffi_float.py", UNIX)).isEmpty();
        assertThat(SkipRules.directoryReason("import/import1a.py", WASM)).contains("needs a PC platform (unix)");
        assertThat(SkipRules.directoryReason("cmdline/cmd_verbose.py", WASM)).contains("needs a PC platform (unix)");
        assertThat(SkipRules.directoryReason("io/argv.py", UNIX)).isEmpty();
        assertThat(SkipRules.directoryReason("io/argv.py", Profiles.withInfo("linux x64 0 minimal None 0 False terse")))
                .contains("not run on a minimal build");
        assertThat(SkipRules.directoryReason("import/import1a.py", Profiles.withInfo("linux x64 0 minimal None 0 False terse")))
                .isEmpty();
    }

    @Test
    void onRequestDirectoriesAreLeftToTheEngine() {
        for (String p : new String[] {"extmod_hardware/machine_pwm.py", "net_inet/tls_text_errors.py",
                "net_hosted/connect_nonblock.py", "multi_net/tcp_data.py", "perf_bench/core_yield_from.py",
                "mytests/whatever.py", "top_level.py"}) {
            assertThat(SkipRules.directoryReason(p, WASM)).as(p).isEmpty();
        }
    }

    @Test
    void explicitlyGivenFilesSkipOnlyByRunTestsRules() {
        assertThat(SkipRules.runTestsReason("thread/thread_lock1.py", WASM, "bytecode", false, "linux")).isEmpty();
        assertThat(SkipRules.runTestsReason("basics/string_strip.py", WASM, "bytecode", false, "linux")).isPresent();
    }

    @Test
    void targetWiringTestsMatchBySuffix() {
        assertThat(SkipRules.requiresTargetWiring("extmod/machine_uart_tx.py")).isTrue();
        assertThat(SkipRules.requiresTargetWiring("extmod_hardware/machine_pwm.py")).isTrue();
        assertThat(SkipRules.requiresTargetWiring("extmod/machine1.py")).isFalse();
    }

    @Test
    void testNamesAreBaseNamesWithoutExtension() {
        assertThat(SkipRules.testName("basics/int_big1.py")).isEqualTo("int_big1");
        assertThat(SkipRules.testName("ports/webassembly/x.mjs")).isEqualTo("x");
        assertThat(SkipRules.testName("a/.hidden")).isEqualTo(".hidden");
        assertThat(SkipRules.testName("a/b.c.py")).isEqualTo("b.c");
    }
}
