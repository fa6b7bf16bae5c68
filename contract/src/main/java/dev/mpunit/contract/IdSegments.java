package dev.mpunit.contract;

/**
 * The types of the unique-id segments of the {@code micropython} engine's tree
 * ({@code docs/architecture.md}, "The descriptor tree"), below the engine's own segment, in this
 * order:
 *
 * <pre>
 * [engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:webassembly]/[file:basics%2Flist1.py]/[case:Test.test_x]
 * </pre>
 *
 * Values are content-derived (no counters, no absolute paths), so an id stays the same across runs and
 * machines: IDEs re-run by it, Allure keeps history by it. In the text form JUnit writes {@code /} inside
 * a value as {@code %2F}, {@code %} as {@code %25} and {@code +} as {@code %2B}.
 */
public final class IdSegments {

    /** The type of JUnit's engine segments. */
    public static final String ENGINE = "engine";
    /** The engine's id: the value of its {@link #ENGINE} segment, {@code --include-engine micropython}. */
    public static final String ENGINE_ID = "micropython";
    /** A test group's label, e.g. {@code RUN-TESTS_STANDARD}. */
    public static final String GROUP = "group";
    /** A variant: the build variant or target the group runs on, e.g. {@code webassembly}, {@code MICROBIT}. */
    public static final String VARIANT = "variant";
    /** A test file's path relative to its tests root, with {@code /} between directories, e.g. {@code basics/list1.py}. */
    public static final String FILE = "file";
    /** A unittest case of a file, as its summary names it, e.g. {@code Test.test_rate}. */
    public static final String CASE = "case";

    private IdSegments() {
    }
}
