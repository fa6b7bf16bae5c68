package dev.mpunit.engine.descriptor;

/**
 * The semantics a test group is run with: upstream's three test scripts. The execution phase has
 * one runner per kind.
 */
public enum GroupKind {
    /** run-tests.py: each file run once and judged against its expected output. */
    RUN_TESTS,
    /** run-perfbench.py: each benchmark timed with the board's N M arguments. */
    RUN_PERFBENCH,
    /** run-multitests.py: each file run on a tentacle and a reference tentacle together. */
    RUN_MULTITESTS
}
