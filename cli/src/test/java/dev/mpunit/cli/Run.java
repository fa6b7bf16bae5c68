package dev.mpunit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

import picocli.CommandLine;

/** The {@code mpunit} command run in this JVM as {@code main} runs it, its exit code and what it printed. */
record Run(int exitCode, String out, String err) {

    static Run of(String... args) {
        return of(command -> { }, args);
    }

    /** {@code setup} sees the command line before it runs: a test may give a subcommand what it opens. */
    static Run of(Consumer<CommandLine> setup, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Mpunit.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        setup.accept(command);
        int code = Mpunit.execute(command, args);
        return new Run(code, out.toString(), err.toString());
    }
}
