package dev.mpunit.cli;

/** The exit codes of {@code mpunit test} and {@code list-tests} (docs/command-line.md). */
final class ExitCode {

    /** Every test that ran passed or was skipped. */
    static final int PASSED = 0;
    /** A test failed. */
    static final int FAILED = 1;
    /** Nothing ran: bad usage, a path that does not exist, a configuration error, nothing found. */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
