package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Execution.Ending;
import dev.mpunit.hardware.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A tool, not a test: runs every {@code *.py} of a MicroPython {@code tests} directory both as
 * upstream does ({@code node micropython.mjs file}, cwd = the file's directory) and through
 * {@link WebAssemblyTarget}, and reports every file whose output bytes or ending differ.
 *
 * <pre>
 * mvn -pl hardware test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.mpunit.hardware.local.WebAssemblyIdentityCheck \
 *     -Dexec.args="/path/to/micropython/tests [report-dir] [dir,dir,...]"
 * </pre>
 *
 * Both outputs of each differing file are written to the report directory (default
 * {@code target/identity}) as {@code <dir>_<file>.process} and {@code .host}.
 */
public final class WebAssemblyIdentityCheck {

    static final List<String> DEFAULT_DIRECTORIES =
            List.of("basics", "micropython", "misc", "extmod", "stress", "float", "unicode");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private WebAssemblyIdentityCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: WebAssemblyIdentityCheck <tests-dir> [report-dir] [dir,dir,...]");
            System.exit(2);
        }
        Path tests = Path.of(args[0]).toAbsolutePath().normalize();
        Path report = Path.of(args.length > 1 ? args[1] : "target/identity");
        List<String> directories = args.length > 2 ? Arrays.asList(args[2].split(",")) : DEFAULT_DIRECTORIES;
        Files.createDirectories(report);

        WebAssemblyInstallation installation = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults());
        System.out.println(installation);
        List<Path> files = testFiles(tests, directories);
        int identical = 0;
        List<String> different = new ArrayList<>();
        long processNanos = 0;
        long hostNanos = 0;
        int timedOut = 0;
        try (WebAssemblyTarget target = new WebAssemblyTarget(installation)) {
            for (Path file : files) {
                String name = tests.relativize(file).toString();
                Processes.Finished process = Processes.run(
                        List.of(installation.node(), installation.micropythonMjs().toString(), file.toString()),
                        file.getParent(), Map.of(), TIMEOUT);
                Ending processEnding = process.timedOut() ? Ending.TIMED_OUT
                        : process.exitCode() == 0 ? Ending.COMPLETED : Ending.CRASHED;
                Execution host = target.execute(Script.of(file, TIMEOUT));
                if (processEnding == Ending.TIMED_OUT || host.ending() == Ending.TIMED_OUT) {
                    // Both wait out the whole timeout: that says nothing about speed.
                    System.out.printf("timeout %-45s process %s, host %s%n", name, processEnding, host.ending());
                    timedOut++;
                } else {
                    processNanos += process.duration().toNanos();
                    hostNanos += host.duration().toNanos();
                }
                if (Arrays.equals(process.output(), host.output()) && processEnding == host.ending()) {
                    identical++;
                    continue;
                }
                String line = String.format("DIFF %-45s process %s %d bytes, host %s %d bytes, first difference at byte %d",
                        name, processEnding, process.output().length, host.ending(), host.output().length,
                        Arrays.mismatch(process.output(), host.output()));
                System.out.println(line);
                different.add(line);
                String stem = name.replace('/', '_');
                Files.write(report.resolve(stem + ".process"), process.output());
                Files.write(report.resolve(stem + ".host"), host.output());
            }
        }
        int timed = files.size() - timedOut;
        String summary = String.format("%d files: %d identical, %d different, %d timed out;"
                + " the others took process %.1f ms/file, host %.1f ms/file",
                files.size(), identical, different.size(), timedOut, processNanos / 1e6 / timed, hostNanos / 1e6 / timed);
        System.out.println(summary);
        List<String> lines = new ArrayList<>(different);
        lines.add(summary);
        Files.write(report.resolve("summary.txt"), lines, StandardCharsets.UTF_8);
    }

    /** {@code <dir>/*.py} for each directory, sorted by relative path as run-tests.py does. */
    static List<Path> testFiles(Path tests, List<String> directories) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String directory : directories) {
            Path dir = tests.resolve(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().endsWith(".py") && Files.isRegularFile(p)).forEach(files::add);
            }
        }
        files.sort((a, b) -> tests.relativize(a).toString().compareTo(tests.relativize(b).toString()));
        return files;
    }
}
