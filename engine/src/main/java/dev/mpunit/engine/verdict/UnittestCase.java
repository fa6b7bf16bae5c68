package dev.mpunit.engine.verdict;

import java.util.Objects;

/**
 * One test method as MicroPython's unittest (micropython-lib) reported it:
 * {@code test_x (__main__.TestY) ... ok}.
 *
 * @param suite what the runner printed in parentheses, e.g. {@code __main__.TestY}
 *        ({@code __main__} alone for a module-level test function)
 * @param className the last dotted part of {@code suite}, e.g. {@code TestY}
 * @param methodName the test method, e.g. {@code test_x}; a {@code runTest}
 *        test case (printed as {@code <TestY object at 3fe0>}) is named
 *        {@code runTest} so that ids stay stable across runs
 * @param status the case's final status
 * @param detail for FAIL and ERROR the traceback section(s) the runner printed
 *        after the summary separator (one per failing subtest, joined by a blank
 *        line), or a note when none was found; for SKIPPED the skip reason; for
 *        PASS the reasons of skipped subtests, if any; never null
 * @param output what the case itself printed between its name and its status
 *        (setUp, the test, tearDown), never null
 */
public record UnittestCase(String suite, String className, String methodName, Status status, String detail,
        String output) {

    /** The status words the runner prints: {@code ok}, {@code FAIL}, {@code ERROR}, {@code skipped: reason}. */
    public enum Status {
        PASS, FAIL, ERROR, SKIPPED
    }

    public UnittestCase {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(output, "output");
    }

    /** Whether the case failed or raised: it carries a failure of its own. */
    public boolean failed() {
        return status == Status.FAIL || status == Status.ERROR;
    }

    /** {@code TestY.test_x}: unique within one test file, stable across runs. */
    public String id() {
        return className + "." + methodName;
    }
}
