package dev.mpunit.engine.verdict;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The test lists of run-tests.py (MicroPython HEAD), as data. Each constant
 * names the upstream variable it mirrors, or the spot in {@code run_tests()}
 * where upstream spells the list out inline. Paths are relative to the tests
 * root. Keep them in upstream's order so a diff against upstream is easy.
 */
final class RunTestsTables {

    private RunTestsTables() {
    }

    /** {@code via_mpy_tests_to_skip[True]}: these print their file name, expected to match the .py name. */
    static final List<String> VIA_MPY = List.of(
            "import/import_file.py",
            "io/argv.py",
            "misc/sys_settrace_features.py",
            "misc/sys_settrace_generator.py",
            "misc/sys_settrace_loop.py");

    /** {@code emitter_tests_to_skip}: known to fail with that emitter. */
    static final Map<String, List<String>> EMITTER = Map.of(
            "native", List.of(
                    // need raise_varargs
                    "basics/try_finally_return2.py",
                    "basics/try_reraise.py",
                    "basics/try_reraise2.py",
                    // need checking for unbound locals
                    "basics/annotate_var.py",
                    "basics/del_deref.py",
                    "basics/del_local.py",
                    "basics/scope_implicit.py",
                    "basics/unboundlocal.py",
                    // needs "raise from"
                    "basics/exception_chain.py",
                    // needs the stack-allocated slice optimisation
                    "micropython/heapalloc_slice.py",
                    // needs the scheduler run between bytecodes
                    "micropython/schedule.py",
                    // needs sys.exc_info()
                    "misc/sys_exc_info.py",
                    // need sys.settrace()
                    "misc/sys_settrace_cov.py",
                    "misc/sys_settrace_features.py",
                    "misc/sys_settrace_generator.py",
                    "misc/sys_settrace_loop.py",
                    // bytecode specific
                    "stress/bytecode_limit.py"));

    /** {@code platform_tests_to_skip}: per {@code sys.platform}, hard to detect otherwise. */
    static final Map<String, List<String>> PLATFORM = Map.of(
            "esp8266", List.of(
                    "stress/list_sort.py"),
            "minimal", List.of(
                    "basics/class_inplace_op.py",
                    "basics/subclass_native_init.py",
                    "micropython/opt_level.py"),
            "nrf", List.of(
                    "basics/io_buffered_writer.py",
                    "basics/io_bytesio_cow.py",
                    "basics/io_bytesio_ext.py",
                    "basics/io_bytesio_ext2.py",
                    "basics/io_iobase.py",
                    "basics/io_stringio1.py",
                    "basics/io_stringio_base.py",
                    "basics/io_stringio_with.py",
                    "basics/io_write_ext.py",
                    "basics/memoryview1.py",
                    "extmod/random_basic.py",
                    "micropython/opt_level.py",
                    "misc/non_compliant.py"),
            "renesas-ra", List.of(
                    "extmod/time_time_ns.py"),
            "rp2", List.of(
                    "thread/stress_heap.py",
                    "thread/thread_lock2.py",
                    "thread/thread_lock3.py",
                    "thread/thread_shared2.py"),
            "webassembly", List.of(
                    "basics/string_format_modulo.py",
                    "basics/string_strip.py",
                    "basics/weakref_callback_exception.py",
                    "basics/weakref_ref_collect.py",
                    "basics/weakref_finalize_collect.py",
                    "extmod/asyncio_basic2.py",
                    "extmod/asyncio_cancel_self.py",
                    "extmod/asyncio_current_task.py",
                    "extmod/asyncio_exception.py",
                    "extmod/asyncio_gather_finished_early.py",
                    "extmod/asyncio_get_event_loop.py",
                    "extmod/asyncio_heaplock.py",
                    "extmod/asyncio_loop_stop.py",
                    "extmod/asyncio_new_event_loop.py",
                    "extmod/asyncio_threadsafeflag.py",
                    "extmod/asyncio_wait_for_fwd.py",
                    "extmod/asyncio_event_queue.py",
                    "extmod/asyncio_iterator_event.py",
                    "extmod/asyncio_wait_for_linked_task.py",
                    "extmod/binascii_a2b_base64.py",
                    "extmod/deflate_compress_memory_error.py",
                    "extmod/re_stack_overflow.py",
                    "extmod/re_stack_overflow2.py",
                    "extmod/time_res.py",
                    "extmod/vfs_posix.py",
                    "extmod/vfs_posix_enoent.py",
                    "extmod/vfs_posix_paths.py",
                    "extmod/vfs_userfs.py",
                    "micropython/emg_exc.py",
                    "micropython/extreme_exc.py",
                    "micropython/heapalloc_exc_compressed_emg_exc.py"),
            "WiPy", List.of(
                    "misc/print_exception.py"),
            "zephyr", List.of(
                    "thread/stress_heap.py",
                    "thread/thread_lock3.py"));

    /** {@code error_reporting_tests_to_skip["terse"]}. */
    static final List<String> ERROR_REPORTING_TERSE = List.of(
            "cmdline/repl_paste.py",
            "extmod/vfs_blockdev_invalid.py",
            "micropython/heapalloc_exc_compressed.py",
            "micropython/heapalloc_exc_compressed_emg_exc.py",
            "micropython/opt_level_lineno.py",
            "misc/print_exception.py",
            "misc/sys_settrace_features.py");

    /** {@code error_reporting_tests_to_skip}: "none" is "terse" plus one more. */
    static final Map<String, List<String>> ERROR_REPORTING = Map.of(
            "terse", ERROR_REPORTING_TERSE,
            "none", concat(ERROR_REPORTING_TERSE, List.of("extmod/asyncio_gather_notimpl.py")));

    /** {@code flaky_tests_to_ignore}: test → (reason, host sys.platforms or null for all). */
    static final Map<String, Flaky> FLAKY = Map.of(
            "thread/thread_gc1.py", new Flaky("GC race condition", null),
            "thread/stress_schedule.py", new Flaky("intermittent crash under QEMU", null),
            "thread/stress_recurse.py", new Flaky("stack overflow under emulation", null),
            "thread/stress_heap.py", new Flaky("flaky on macOS", List.of("darwin")),
            "cmdline/repl_lock.py", new Flaky("REPL timing under QEMU", null),
            "cmdline/repl_cont.py", new Flaky("REPL escaping on macOS", List.of("darwin")),
            "extmod/time_time_ns.py", new Flaky("CI runner clock precision", null));

    record Flaky(String reason, List<String> hostPlatforms) {
    }

    /** {@code tests_requiring_float}: use float without testing it; skipped when float_prec == 0. */
    static final List<String> REQUIRING_FLOAT = List.of(
            "extmod/asyncio_basic.py",
            "extmod/asyncio_basic2.py",
            "extmod/asyncio_cancel_task.py",
            "extmod/asyncio_event.py",
            "extmod/asyncio_fair.py",
            "extmod/asyncio_gather.py",
            "extmod/asyncio_gather_notimpl.py",
            "extmod/asyncio_get_event_loop.py",
            "extmod/asyncio_iterator_event.py",
            "extmod/asyncio_lock.py",
            "extmod/asyncio_task_done.py",
            "extmod/asyncio_wait_for.py",
            "extmod/asyncio_wait_for_fwd.py",
            "extmod/asyncio_wait_for_linked_task.py",
            "extmod/asyncio_wait_task.py",
            "extmod/json_dumps_float.py",
            "extmod/json_loads_float.py",
            "extmod/random_extra_float.py",
            "extmod/select_poll_eintr.py",
            "extmod/tls_threads.py",
            "extmod/uctypes_le_float.py",
            "extmod/uctypes_native_float.py",
            "extmod/uctypes_sizeof_float.py",
            "extmod/vfs_rom.py",
            "micropython/const_float.py",
            "misc/rge_sm.py",
            "ports/unix/ffi_float.py",
            "ports/unix/ffi_float2.py");

    /** Inline in {@code run_tests()}: skipped when {@code float_prec < 32}. */
    static final List<String> FLOAT_BELOW_32 = List.of(
            "float/float2int_intbig.py",
            "float/float_struct_e.py",
            "float/bytes_construct.py",
            "float/bytearray_construct.py",
            "float/float_format_ints_power10.py");

    /** Inline in {@code run_tests()}: skipped when {@code float_prec < 64}. */
    static final List<String> FLOAT_BELOW_64 = List.of(
            "float/float_divmod.py",
            "float/float2int_doubleprec_intbig.py",
            "float/float_struct_e_doubleprec.py",
            "float/float_format_ints_doubleprec.py",
            "float/float_parse_doubleprec.py");

    /** Inline in {@code run_tests()}: skipped without unicode. */
    static final List<String> NO_UNICODE = List.of(
            "extmod/json_loads.py");

    /** Inline in {@code run_tests()}: skipped without unicode when also going via .mpy. */
    static final List<String> NO_UNICODE_VIA_MPY = List.of(
            "basics/string_escape.py");

    /** {@code tests_requiring_slice}: use slice without testing it; skipped without slice. */
    static final List<String> REQUIRING_SLICE = List.of(
            "basics/builtin_range.py",
            "basics/bytearray1.py",
            "basics/class_super.py",
            "basics/containment.py",
            "basics/errno1.py",
            "basics/fun_str.py",
            "basics/generator1.py",
            "basics/globals_del.py",
            "basics/memoryview1.py",
            "basics/memoryview_gc.py",
            "basics/object1.py",
            "basics/python34.py",
            "basics/struct_endian.py",
            "extmod/btree1.py",
            "extmod/deflate_decompress.py",
            "extmod/framebuf16.py",
            "extmod/framebuf4.py",
            "extmod/machine1.py",
            "extmod/time_mktime.py",
            "extmod/time_res.py",
            "extmod/tls_sslcontext_ciphers.py",
            "extmod/vfs_blockdev_invalid2.py",
            "extmod/vfs_fat_fileio1.py",
            "extmod/vfs_fat_finaliser.py",
            "extmod/vfs_fat_more.py",
            "extmod/vfs_fat_ramdisk.py",
            "extmod/vfs_fat_ramdisklarge.py",
            "extmod/vfs_lfs.py",
            "extmod/vfs_rom.py",
            "float/string_format_modulo.py",
            "micropython/builtin_execfile.py",
            "micropython/extreme_exc.py",
            "micropython/heapalloc_fail_bytearray.py",
            "micropython/heapalloc_fail_list.py",
            "micropython/heapalloc_fail_memoryview.py",
            "micropython/import_mpy_invalid.py",
            "micropython/import_mpy_native.py",
            "micropython/import_mpy_native_gc.py",
            "micropython/ringio_big.py",
            "misc/non_compliant.py",
            "misc/rge_sm.py");

    /** Inline in {@code run_tests()}: skipped when complex.py did not print "complex". */
    static final List<String> NO_COMPLEX = List.of(
            "float/complex1.py",
            "float/complex1_intbig.py",
            "float/complex1_micropython.py",
            "float/complex_reverse_op.py",
            "float/complex_special_methods.py",
            "float/int_big_float.py",
            "float/true_value.py",
            "float/types.py",
            "float/complex_dunder.py");

    /** Inline in {@code run_tests()}: skipped unless coverage.py printed "coverage". */
    static final List<String> NO_COVERAGE = List.of(
            "cmdline/cmd_parsetree.py",
            "cmdline/repl_sys_ps1_ps2.py",
            "extmod/ssl_poll.py");

    /** Inline in {@code run_tests()}: skipped when the platform is not one of PC_PLATFORMS. */
    static final List<String> NOT_PC = List.of(
            "basics/exception_chain.py",
            "micropython/meminfo.py",
            "unicode/file1.py",
            "unicode/file2.py",
            "unicode/file_invalid.py");

    /** Inline in {@code run_tests()}: skipped on a Windows host (not mingw): CPython prints '\' paths. */
    static final List<String> WINDOWS_HOST = List.of(
            "import/import_file.py");

    /** Inline in {@code run_tests()}: skipped when the REPL emacs / words-move checks fail. */
    static final String REPL_EMACS_TEST = "cmdline/repl_emacs_keys.py";
    static final String REPL_WORDS_MOVE_TEST = "cmdline/repl_words_move.py";

    /** Inline in {@code run_tests()}: thumb features whose tests are {@code inlineasm/thumb/asm_<f>_*.py}. */
    static final List<String> THUMB_FEATURES = List.of("thumb2", "vfp");

    /** {@code RV32_ARCH_FLAGS} keys: extensions whose tests are {@code inlineasm/rv32/asm_ext_<e>.py}. */
    static final List<String> RV32_EXTENSIONS = List.of("zba", "zcmp");

    /** {@code tests_requiring_target_wiring}: matched with {@code endswith}. */
    static final List<String> REQUIRING_TARGET_WIRING = List.of(
            "extmod/machine_spi_rate.py",
            "extmod/machine_uart_irq_txidle.py",
            "extmod/machine_uart_tx.py",
            "extmod_hardware/machine_can_timings.py",
            "extmod_hardware/machine_encoder.py",
            "extmod_hardware/machine_pwm.py",
            "extmod_hardware/machine_uart_irq_break.py",
            "extmod_hardware/machine_uart_irq_rx.py",
            "extmod_hardware/machine_uart_irq_rxidle.py");

    /**
     * The tables one entry a line, {@code TABLE<tab>entry}, as {@code run_tests_tables.py} prints
     * those of a run-tests.py: what {@link RunTestsComparison} compares. The thumb and rv32
     * feature lists are left out: run-tests.py builds those names in loops, not from literals.
     */
    static SortedSet<String> listing() {
        SortedSet<String> lines = new TreeSet<>();
        VIA_MPY.forEach(test -> lines.add("VIA_MPY\tTrue: " + test));
        keyed(lines, "EMITTER", EMITTER);
        keyed(lines, "PLATFORM", PLATFORM);
        keyed(lines, "ERROR_REPORTING", ERROR_REPORTING);
        FLAKY.forEach((test, flaky) -> lines.add("FLAKY\t" + test + ": " + flaky.reason() + " ("
                + (flaky.hostPlatforms() == null ? "all" : String.join(",", flaky.hostPlatforms())) + ")"));
        Map.ofEntries(Map.entry("REQUIRING_FLOAT", REQUIRING_FLOAT), Map.entry("FLOAT_BELOW_32", FLOAT_BELOW_32),
                Map.entry("FLOAT_BELOW_64", FLOAT_BELOW_64), Map.entry("NO_UNICODE", NO_UNICODE),
                Map.entry("NO_UNICODE_VIA_MPY", NO_UNICODE_VIA_MPY), Map.entry("REQUIRING_SLICE", REQUIRING_SLICE),
                Map.entry("NO_COMPLEX", NO_COMPLEX), Map.entry("NO_COVERAGE", NO_COVERAGE), Map.entry("NOT_PC", NOT_PC),
                Map.entry("WINDOWS_HOST", WINDOWS_HOST), Map.entry("REPL", List.of(REPL_EMACS_TEST, REPL_WORDS_MOVE_TEST)),
                Map.entry("REQUIRING_TARGET_WIRING", REQUIRING_TARGET_WIRING))
                .forEach((table, tests) -> tests.forEach(test -> lines.add(table + "\t" + test)));
        return lines;
    }

    private static void keyed(SortedSet<String> lines, String table, Map<String, List<String>> content) {
        content.forEach((key, tests) -> tests.forEach(test -> lines.add(table + "\t" + key + ": " + test)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
