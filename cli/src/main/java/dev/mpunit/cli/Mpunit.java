package dev.mpunit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mpunit} command: MicroPython tests run by the JUnit Platform launcher in this process,
 * with the {@code micropython} engine and mpunit's reporting listeners, in the words of run-tests.py
 * (its console) and Octoprobe's mptest (its subcommands and selection options).
 */
@Command(name = "mpunit", mixinStandardHelpOptions = true,
        description = "Runs MicroPython tests on webassembly, the unix port, emulated boards and testbeds of tentacles.",
        subcommands = {ReportCommand.class, ListTentaclesCommand.class, FlashCommand.class})
public final class Mpunit {

    private Mpunit() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Mpunit()).execute(args));
    }
}
