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
 * </ul>
 *
 * <p>stdout and stderr are merged in write order; at the timeout the process and everything it
 * started are killed and the output so far is kept. {@code repl_*} tests, which need a terminal,
 * are not supported.
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
     */
    public record Config(Path micropython, String emit, String micropyPath) {

        public Config {
            Objects.requireNonNull(emit, "emit");
        }

        /** micropython from PATH, bytecode, MICROPYPATH untouched. */
        public static Config defaults() {
            return new Config(null, "bytecode", null);
        }

        public Config withMicropython(Path micropython) {
            return new Config(micropython, emit, micropyPath);
        }

        public Config withEmit(String emit) {
            return new Config(micropython, emit, micropyPath);
        }

        public Config withMicropyPath(String micropyPath) {
            return new Config(micropython, emit, micropyPath);
        }
    }

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
        if (script.special()) {
            command.addAll(cmdlineOptions(file));
            Path above = directory.getParent() != null ? directory.getParent() : directory;
            command.add(above.relativize(file).toString());
            workingDirectory = above;
        } else {
            command.add("-X");
            command.add("emit=" + config.emit());
            command.addAll(script.options());
            command.add(file.toString());
            workingDirectory = directory;
        }
        Map<String, String> environment = config.micropyPath() == null ? Map.of()
                : Map.of("MICROPYPATH", config.micropyPath());
        Processes.Finished finished;
        try {
            finished = Processes.run(command, workingDirectory, environment, script.timeout());
        } catch (IOException e) {
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
     * The options of a special script: from each {@code # cmdline:} line among the comment lines
     * at its top, split at whitespace, as run-tests.py reads them.
     */
    static List<String> cmdlineOptions(Path file) throws TargetException {
        List<String> options = new ArrayList<>();
        byte[] prefix = "# cmdline:".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            for (byte[] line : lines(in.readAllBytes())) {
                if (startsWith(line, prefix)) {
                    String rest = new String(line, prefix.length, line.length - prefix.length, StandardCharsets.UTF_8).strip();
                    if (!rest.isEmpty()) {
                        options.addAll(Arrays.asList(rest.split("\\s+")));
                    }
                } else if (line.length == 0 || line[0] != '#') {
                    break;
                }
            }
        } catch (IOException e) {
            throw new TargetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return options;
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

    @Override
    public void close() {
        // Nothing lives between scripts.
    }

    @Override
    public String toString() {
        return "unix target (" + micropython + ")";
    }
}
