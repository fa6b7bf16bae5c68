package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-script time of upstream's way ({@code node micropython.mjs file}, a process per script)
 * against {@link WebAssemblyTarget}'s host (a fresh instance per script in one node).
 *
 * <pre>
 * mvn -pl hardware test-compile exec:java                              # 100 small generated scripts
 * mvn -pl hardware test-compile exec:java -Dexec.args="/path/to/micropython/tests 300"
 * java -cp hardware/target/classes:hardware/target/test-classes \
 *     dev.mpunit.hardware.local.WebAssemblyHostBenchmark [tests-dir [N]]
 * </pre>
 *
 * ({@code mvn -o} cannot resolve the {@code exec:} prefix without the plugin group's metadata in
 * the local repository; {@code org.codehaus.mojo:exec-maven-plugin:3.5.0:java} instead of
 * {@code exec:java} works offline.)
 *
 * With a tests directory the first N files of basics, micropython, misc, extmod, stress, float
 * and unicode are used (sorted as run-tests.py sorts them), else N generated scripts.
 */
public final class WebAssemblyHostBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private WebAssemblyHostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Path> files = args.length > 0
                ? WebAssemblyIdentityCheck.testFiles(Path.of(args[0]).toAbsolutePath(), WebAssemblyIdentityCheck.DEFAULT_DIRECTORIES)
                : generated(count);
        files = files.subList(0, Math.min(count, files.size()));
        WebAssemblyInstallation installation = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults());
        System.out.printf("%s%n%d scripts%n", installation, files.size());

        long processNanos = 0;
        for (Path file : files) {
            processNanos += Processes.run(
                    List.of(installation.node(), installation.micropythonMjs().toString(), file.toString()),
                    file.getParent(), Map.of(), TIMEOUT).duration().toNanos();
        }

        long hostNanos;
        long firstNanos;
        try (WebAssemblyTarget target = new WebAssemblyTarget(installation)) {
            long start = System.nanoTime();
            target.execute(Script.of(files.get(0), TIMEOUT)); // includes starting the host
            firstNanos = System.nanoTime() - start;
            hostNanos = 0;
            for (Path file : files) {
                Execution execution = target.execute(Script.of(file, TIMEOUT));
                hostNanos += execution.duration().toNanos();
            }
        }

        double process = processNanos / 1e6 / files.size();
        double host = hostNanos / 1e6 / files.size();
        System.out.printf("process per script: %8.1f ms/script%n", process);
        System.out.printf("host:               %8.1f ms/script (first script, starting the host: %.0f ms)%n", host,
                firstNanos / 1e6);
        System.out.printf("ratio:              %8.1f x%n", process / host);
    }

    private static List<Path> generated(int count) throws Exception {
        Path directory = Files.createTempDirectory("mpunit-benchmark-");
        directory.toFile().deleteOnExit();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = directory.resolve(String.format("script%03d.py", i));
            Files.writeString(file, """
                    l = [x * x for x in range(%d)]
                    print(sum(l), len(l))
                    d = {str(k): k for k in range(20)}
                    print(sorted(d)[:3])
                    """.formatted(10 + i));
            file.toFile().deleteOnExit();
            files.add(file);
        }
        return files;
    }
}
