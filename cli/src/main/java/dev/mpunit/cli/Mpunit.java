package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.mpunit.hardware.NearestName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code mpunit} command: MicroPython tests run by the JUnit Platform launcher in this process,
 * with the {@code micropython} engine and mpunit's reporting listeners, in the words of run-tests.py
 * (its console) and Octoprobe's mptest (its subcommands and selection options).
 */
@Command(name = "mpunit", mixinStandardHelpOptions = true, versionProvider = Mpunit.Version.class,
        usageHelpAutoWidth = true,
        description = {"Runs MicroPython tests on webassembly, the unix port, emulated boards and testbeds of tentacles.",
                "test is the default subcommand: mpunit <directory or file ...> [options] runs them;"
                        + " without a path it runs ${sys:mpunit.default-tests:-nothing (give a path)}."},
        subcommands = {TestCommand.class, ListTestsCommand.class, UploadCommand.class, CommentCommand.class, ReportCommand.class,
                ListTentaclesCommand.class, FlashCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit examples/tests", "  mpunit test ../micropython/tests --target unix --jobs 4",
                "  mpunit list-tests ../micropython/tests", "  mpunit test --help",
                "%nExit codes: 0 no test failed, 1 a test failed, 2 usage or setup (the message says what to do)."})
public final class Mpunit {

    /** Where {@code ./mpunit} says the source tree's example tests are, the default selection there. */
    static final String DEFAULT_TESTS_PROPERTY = "mpunit.default-tests";
    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private Mpunit() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** The command as {@link #main} runs it, its exit code returned and its own lines written to these two. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = commandLine();
        line.setOut(out);
        line.setErr(err);
        return execute(line, args);
    }

    /** {@code line} (from {@link #commandLine()}) run on {@code args}, {@code test} when no subcommand is named. */
    static int execute(CommandLine line, String[] args) {
        return line.execute(withDefaultSubcommand(args, line.getSubcommands().keySet()));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Mpunit());
        line.setParameterExceptionHandler(Mpunit::usageError);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            e.printStackTrace(command.getErr());
            command.getErr().println("mpunit: " + e + ": nothing more ran; the lines above say where");
            return Cli.USAGE;
        });
        return line;
    }

    /**
     * {@code test} is the default: {@code mpunit examples/tests}, {@code mpunit --target unix tests} and
     * a bare {@code mpunit} are {@code mpunit test …}. A misspelt subcommand reaches {@code test} as a
     * path that does not exist, and is answered there with the subcommand it is nearest to.
     */
    static String[] withDefaultSubcommand(String[] args, Set<String> subcommands) {
        if (args.length > 0 && (subcommands.contains(args[0]) || OWN_OPTIONS.contains(args[0]))) {
            return args;
        }
        List<String> routed = new ArrayList<>(List.of("test"));
        routed.addAll(List.of(args));
        return routed.toArray(String[]::new);
    }

    /** One line on stderr saying what is wrong and what to give, then exit 2 (upload: its own code). */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            if (word.startsWith("-") && word.length() > 1) {
                String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                message = "unknown option " + name
                        + NearestName.among(name, command.getCommandSpec().optionsMap().keySet())
                                .map(nearest -> " (did you mean " + nearest + "?)").orElse("")
                        + ": " + qualifiedName(command) + " --help lists the options";
            } else {
                message = "unexpected " + word + ": " + qualifiedName(command) + " --help says what it takes";
            }
        }
        PrintWriter err = command.getErr();
        err.println("mpunit: " + message);
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** The source tree's examples/tests when started by {@code ./mpunit}; the distribution has none. */
    static Optional<Path> defaultTests() {
        return Optional.ofNullable(System.getProperty(DEFAULT_TESTS_PROPERTY)).filter(s -> !s.isBlank()).map(Path::of);
    }

    static String version() {
        return Optional.ofNullable(Mpunit.class.getPackage().getImplementationVersion()).orElse("(built from source)");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mpunit " + version()};
        }
    }
}
