package dev.mpunit.engine.verdict;

import java.io.IOException;

/**
 * CPython is needed for a test's expected output but could not be started.
 * Upstream run-tests.py dies with the same problem; the engine may stop the
 * run or fail the tests that need CPython.
 */
public final class CPythonNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The fixed start of the message: tells the user which setting fixes it. */
    public static final String MESSAGE = "CPython not found: set micropython.cpython";

    public CPythonNotFoundException(String tried, Throwable cause) {
        super(MESSAGE + " (tried " + tried + ")", cause);
    }
}
