package dev.mpunit.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The exit codes every subcommand gives (docs/command-line.md), and the one-line message of a usage or
 * setup problem. {@code upload} keeps the push's own (0 stored, 1 refused, 2 the server not reached).
 */
final class Cli {

    /** The operation did what was asked; for {@code test}, every test that ran passed or was skipped. */
    static final int OK = 0;
    /** The operation failed: a test failed, a flash failed, a file could not be written. */
    static final int FAILED = 1;
    /**
     * Usage or setup: nothing was done (a path that does not exist, a configuration error, nothing
     * found); the message on stderr says what to give instead.
     */
    static final int USAGE = 2;

    private Cli() {
    }

    /** Says {@code message} on stderr as {@code mpunit <subcommand>: …} and returns {@link #USAGE}. */
    static int usage(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return USAGE;
    }
}
