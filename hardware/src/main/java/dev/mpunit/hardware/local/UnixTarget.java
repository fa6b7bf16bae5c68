package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Execution.Ending;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MicroPython's unix port: a {@code micropython} executable, one process per script, exactly as
 * run-tests.py runs it on a PC.
 *
 * <ul>
 *   <li>A normal script runs as {@code micropython -X emit=<emit> [options] <absolute file>} in the
 *       file's directory. A non-zero exit is {@link Ending#CRASHED} with the output kept.
 *   <li>A {@linkplain Script#special() special} script (feature checks, {@code cmdline/}) runs as
 *       {@code micropython <options from its "# cmdline:" lines> <dir>/<file>} in the directory
 *       above the file's (the {@code tests} directory, where run-tests.py runs them from: a
 *       {@code -m cmdline.x} option needs that). A non-zero exit is {@link Ending#CRASHED} with
 *       empty output: upstream keeps nothing but "CRASH" then. Upstream gives these no timeout;
 *       here the script's timeout applies.
 *   <li>A special script named {@code repl_*} is typed into {@code micropython <options>} on a
 *       pty, line by line, and the terminal's transcript is its output, as run-tests.py does: a
 *       small Python bridge ({@code repl-pty.py}, run by {@link Config#python()}) holds the pty,
 *       since Java cannot. A {@code # sigint:} line in its header makes the pty the controlling
 *       terminal, so that a {@code {\x03}} line raises SIGINT.
 * </ul>
 *
 * <p>stdout and stderr are merged in write order; at the timeout the process and everything it
 * started are killed and the output so far is kept.
 */
public final class UnixTarget implements Target {

    public static final String VARIANT = "unix";

    /**
     * @param micropython the executable ({@code micropython.unix.micropython}), or {@code null} to
     *     look for {@code micropython} on PATH
     * @param emit the emitter for normal scripts: {@code bytecode}, {@code native}, {@code viper}
     * @param micropyPath the {@code MICROPYPATH} to run with, or {@code null} to leave the
     *     environment as it is. run-tests.py sets
     *     {@code .frozen:<tests>/../extmod:<tests>/../lib/micropython-lib/python-stdlib/unittest}.
     * @param python the Python 3 command that holds the pty of {@code repl_*} tests
     *     ({@code micropython.cpython}); run only when such a test runs
     */
    public record Config(Path micropython, String emit, String micropyPath, String python) {

        public Config {
            Objects.requireNonNull(emit, "emit");
            Objects.requireNonNull(python, "python");
        }

        /** With {@code python3} for the pty of {@code repl_*} tests. */
        public Config(Path micropython, String emit, String micropyPath) {
            this(micropython, emit, micropyPath, DEFAULT_PYTHON);
        }

        /** micropython from PATH, bytecode, MICROPYPATH untouched. */
        public static Config defaults() {
            return new Config(null, "bytecode", null);
        }

        public Config withMicropython(Path micropython) {
            return new Config(micropython, emit, micropyPath, python);
        }

        public Config withEmit(String emit) {
            return new Config(micropython, emit, micropyPath, python);
        }

        public Config withMicropyPath(String micropyPath) {
            return new Config(micropython, emit, micropyPath, python);
        }

        public Config withPython(String python) {
            return new Config(micropython, emit, micropyPath, python);
        }
    }

    /** The Python interpreter used for the pty of {@code repl_*} tests when none is configured. */
    public static final String DEFAULT_PYTHON = "python3";
    private static final String REPL_PTY = "repl-pty.py";

    private final Path micropython;
    private final Config config;

    private UnixTarget(Path micropython, Config config) {
        this.micropython = micropython;
        this.config = config;
    }

    /**
     * Finds the executable.
     *
     * @throws TargetException when the configured path is not an executable file, or none is
     *     configured and PATH has no {@code micropython}
     */
    public static UnixTarget open(Config config) throws TargetException {
        return open(config, System.getenv("PATH"));
    }

    static UnixTarget open(Config config, String searchPath) throws TargetException {
        if (config.micropython() != null) {
            Path configured = config.micropython().toAbsolutePath().normalize();
            if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
                throw new TargetException("micropython not found: " + configured + " is not an executable file;"
                        + " set micropython.unix.micropython to ports/unix/build-standard/micropython or put it on PATH");
            }
            return new UnixTarget(configured, config);
        }
        if (searchPath != null) {
            for (String directory : searchPath.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, "micropython");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new UnixTarget(candidate.toAbsolutePath().normalize(), config);
                }
            }
        }
        throw new TargetException("micropython not found: set micropython.unix.micropython or put it on PATH"
                + " (build it in ports/unix with make)");
    }

    /** The executable this target runs. */
    public Path micropython() {
        return micropython;
    }

    @Override
    public String variant() {
        return VARIANT;
    }

    @Override
    public String port() {
        return micropython.toString();
    }

    @Override
    public Execution execute(Script script) throws TargetException {
        Path file = script.file().toAbsolutePath().normalize();
        Path directory = file.getParent();
        List<String> command = new ArrayList<>();
        command.add(micropython.toString());
        Path workingDirectory;
        boolean repl = script.special() && file.getFileName().toString().startsWith("repl_");
        if (script.special()) {
            Header header = header(file);
            command.addAll(header.options());
            Path above = directory.getParent() != null ? directory.getParent() : directory;
            if (repl) {
                // The file is typed into the REPL, not given to micropython.
                List<String> bridge = new ArrayList<>(List.of(config.python(), "-c", replPtyScript()));
                if (header.sigint()) {
                    bridge.add("--sigint");
                }
                bridge.add(file.toString());
                command.addAll(0, bridge);
            } else {
                command.add(above.relativize(file).toString());
            }
            workingDirectory = above;
        } else {
            command = interpreter(script);
            command.add(file.toString());
            workingDirectory = directory;
        }
        return run(command, workingDirectory, script, repl, file, null);
    }

    /** {@code micropython -X emit=<emit> [options]}: how a script that is not special starts. */
    private List<String> interpreter(Script script) {
        List<String> command = new ArrayList<>(List.of(micropython.toString(), "-X", "emit=" + config.emit()));
        command.addAll(script.options());
        return command;
    }

    /**
     * run-tests.py's {@code --via-mpy} on the unix port: the test compiled to a {@code .mpy} beside it,
     * run as a module ({@code micropython -X emit=… -m <module>}) in the test's directory.
     */
    @Override
    public Execution executeCompiled(Script script, byte[] mpy) throws TargetException {
        Path file = script.file().toAbsolutePath().normalize();
        String module = "mpunit_mpy_" + Long.toHexString(System.nanoTime()) + "_" + Thread.currentThread().getId();
        Path compiled = file.resolveSibling(module + ".mpy");
        try {
            Files.write(compiled, mpy);
        } catch (IOException e) {
            throw new TargetException("cannot write " + compiled + " (run-tests.py writes the .mpy beside the test"
                    + " too): " + e.getMessage(), e);
        }
        try {
            List<String> command = interpreter(script);
            command.addAll(List.of("-m", module));
            return run(command, file.getParent(), script, false, file, null);
        } finally {
            try {
                Files.deleteIfExists(compiled);
            } catch (IOException e) {
                // Left beside the test; the next run writes another name.
            }
        }
    }

    /** @param input a file the process reads on stdin; null: end of file at once */
    private Execution run(List<String> command, Path workingDirectory, Script script, boolean repl, Path file,
            Path input) throws TargetException {
        Map<String, String> environment = config.micropyPath() == null ? Map.of()
                : Map.of("MICROPYPATH", config.micropyPath());
        Processes.Finished finished;
        try {
            finished = Processes.run(command, workingDirectory, environment, script.timeout(), input);
        } catch (IOException e) {
            if (repl) {
                throw new TargetException("cannot start " + config.python() + " to hold the pty of " + file.getFileName()
                        + ": " + e.getMessage() + "; install python3 or set micropython.cpython", e);
            }
            throw new TargetException("cannot start " + micropython + ": " + e.getMessage()
                    + "; set micropython.unix.micropython to a working micropython", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while running " + file, e);
        }
        if (finished.timedOut()) {
            return new Execution(finished.output(), Ending.TIMED_OUT, finished.duration());
        }
        if (finished.exitCode() != 0) {
            byte[] output = script.special() ? new byte[0] : finished.output();
            return new Execution(output, Ending.CRASHED, finished.duration());
        }
        return new Execution(finished.output(), Ending.COMPLETED, finished.duration());
    }

    /**
     * {@code micropython -X emit=<emit> [options]} with the script's text on stdin, in its
     * directory, as run-perfbench.py runs a benchmark. A non-zero exit is {@link Ending#CRASHED}
     * with the output kept.
     */
    @Override
    public Execution executeAsInput(Script script) throws TargetException {
        Path file = script.file().toAbsolutePath().normalize();
        return run(interpreter(script), file.getParent(), script, false, file, file);
    }

    /**
     * What the comment lines at the top of a special script ask for, as run-tests.py reads them.
     *
     * @param options from each {@code # cmdline:} line, split at whitespace
     * @param sigint whether a {@code # sigint:} line is there
     */
    record Header(List<String> options, boolean sigint) {
    }

    static Header header(Path file) throws TargetException {
        List<String> options = new ArrayList<>();
        boolean sigint = false;
        byte[] prefix = "# cmdline:".getBytes(StandardCharsets.US_ASCII);
        byte[] sigintPrefix = "# sigint:".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            for (byte[] line : lines(in.readAllBytes())) {
                if (startsWith(line, prefix)) {
                    String rest = new String(line, prefix.length, line.length - prefix.length, StandardCharsets.UTF_8).strip();
                    if (!rest.isEmpty()) {
                        options.addAll(Arrays.asList(rest.split("\\s+")));
                    }
                } else if (startsWith(line, sigintPrefix)) {
                    sigint = true;
                } else if (line.length == 0 || line[0] != '#') {
                    break;
                }
            }
        } catch (IOException e) {
            throw new TargetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Header(List.copyOf(options), sigint);
    }

    /** The options of a special script's {@code # cmdline:} lines. */
    static List<String> cmdlineOptions(Path file) throws TargetException {
        return header(file).options();
    }

    private static String replPtyScript() throws TargetException {
        try (InputStream in = UnixTarget.class.getResourceAsStream(REPL_PTY)) {
            if (in == null) {
                throw new TargetException(REPL_PTY + " is missing from the mpunit-hardware jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TargetException("cannot read " + REPL_PTY + " from the mpunit-hardware jar: " + e.getMessage(), e);
        }
    }

    /** Lines without their "\n", like iterating over a Python binary file minus the line end. */
    private static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (i > start || i < content.length) {
                    lines.add(Arrays.copyOfRange(content, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        return line.length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Instances of two-board tests as run-multitests.py starts them: {@code micropython -c <script>}. */
    @Override
    public java.util.Optional<dev.mpunit.hardware.Interactive> interactive() {
        return java.util.Optional.of(new ProcessInteractive(List.of(micropython.toString())));
    }

    @Override
    public void close() {
        // Nothing lives between scripts.
    }

    @Override
    public String toString() {
        return "unix target (" + micropython + ")";
    }
}
