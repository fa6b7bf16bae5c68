package dev.mpunit.engine.descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory test files are named relative to: an upstream-style {@code tests/} tree, or a plain
 * directory of test files. Relative paths ({@code basics/list1.py}) are what run-tests.py prints,
 * what its skip tables list, and what the unique ids carry, so ids stay the same on every machine.
 */
public record TestsRoot(Path directory, boolean upstreamLayout) {

    /** Directories run-tests.py chooses from for its standard run, in its order. */
    public static final List<String> STANDARD_DIRECTORIES = List.of(
            "basics", "micropython", "misc", "extmod", "stress", "float", "unicode", "thread",
            "import", "cmdline", "io");

    // Not "extmod" or "micropython": MicroPython's repository root has those too.
    /** run-perfbench.py's harness in {@code perf_bench}: appended to each benchmark, no benchmark itself. */
    public static final String BENCHRUN = "benchrun.py";
    private static final Set<String> MARKERS = Set.of("basics", "feature_check", "run-tests.py");

    public TestsRoot {
        directory = directory.toAbsolutePath().normalize();
    }

    public static boolean isUpstreamLayout(Path directory) {
        return MARKERS.stream().anyMatch(marker -> Files.exists(directory.resolve(marker)));
    }

    /** A directory taken as a root as it is, upstream-style or plain. */
    public static TestsRoot at(Path directory) {
        return new TestsRoot(directory, isUpstreamLayout(directory));
    }

    /** The root a file or directory belongs to: its nearest upstream-style ancestor, else its own directory. */
    public static TestsRoot of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path candidate = absolute; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate) && isUpstreamLayout(candidate)) {
                return new TestsRoot(candidate, true);
            }
        }
        return new TestsRoot(Files.isDirectory(absolute) ? absolute : absolute.getParent(), false);
    }

    public String relativize(Path file) {
        return directory.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    public Path resolve(String relativePath) {
        return directory.resolve(relativePath).normalize();
    }

    /** The test's group, from its top directory; a plain directory's files are standard tests. */
    public Optional<TestGroup> groupOf(String relativePath) {
        int slash = relativePath.indexOf('/');
        if (slash < 0) {
            return upstreamLayout ? Optional.empty() : Optional.of(TestGroup.RUN_TESTS_STANDARD);
        }
        return TestGroup.ofDirectory(relativePath.substring(0, slash));
    }

    /**
     * The test directories a selection of this whole root covers, for the groups asked for:
     * every standard directory (whether a target qualifies is decided at execution), every
     * {@code inlineasm/<arch>} and {@code ports/<port>}, and the directories of other groups.
     */
    public List<Path> testDirectories(Set<TestGroup> groups) throws IOException {
        List<Path> directories = new ArrayList<>();
        if (groups.stream().anyMatch(group -> group.directoriesOf() == TestGroup.RUN_TESTS_STANDARD)) {
            for (String name : STANDARD_DIRECTORIES) {
                directories.add(directory.resolve(name));
            }
            directories.addAll(subdirectories(directory.resolve("inlineasm")));
            directories.addAll(subdirectories(directory.resolve("ports")));
        }
        for (TestGroup group : groups.stream().map(TestGroup::directoriesOf).distinct().toList()) {
            if (group != TestGroup.RUN_TESTS_STANDARD) {
                switch (group) {
                    case RUN_TESTS_EXTMOD_HARDWARE -> directories.add(directory.resolve("extmod_hardware"));
                    case RUN_TESTS_NET_HOSTED -> directories.add(directory.resolve("net_hosted"));
                    case RUN_TESTS_NET_INET -> directories.add(directory.resolve("net_inet"));
                    case RUN_PERFBENCH -> directories.add(directory.resolve("perf_bench"));
                    case RUN_MULTITESTS_MULTINET -> directories.add(directory.resolve("multi_net"));
                    case RUN_MULTITESTS_MULTIBLUETOOTH -> directories.add(directory.resolve("multi_bluetooth"));
                    default -> { }
                }
            }
        }
        return directories.stream().filter(Files::isDirectory).toList();
    }

    /** The folders directly in {@code parent}, sorted; none when it is no folder. */
    public static List<Path> subdirectories(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    /**
     * run-tests.py's glob: the test files at the top level of one directory, not recursive; in
     * {@code perf_bench}, run-perfbench.py's, which leaves out its harness {@code benchrun.py}.
     */
    public static List<Path> testFilesIn(Path directory) throws IOException {
        boolean perfBench = directory.getFileName() != null && directory.getFileName().toString().equals("perf_bench");
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(Files::isRegularFile).filter(TestsRoot::isTestFileName)
                    .filter(file -> !(perfBench && file.getFileName().toString().equals(BENCHRUN)))
                    .sorted().toList();
        }
    }

    /** {@code *.py}, and the {@code *.js} / {@code *.mjs} tests run-tests.py adds for webassembly. */
    public static boolean isTestFileName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".py") || name.endsWith(".mjs") || name.endsWith(".js");
    }
}
