package dev.mpunit.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;

/** The exit codes every subcommand gives, and the one-line message of a usage or setup problem. */
final class Cli {

    /** The operation did what was asked. */
    static final int OK = 0;
    /** The operation failed (a flash failed, a file could not be written). */
    static final int FAILED = 1;
    /** Usage or setup: nothing was done; the message on stderr says what to give instead. */
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
