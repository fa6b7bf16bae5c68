package dev.mpunit.engine.discovery;

import dev.mpunit.engine.configuration.GroupSelection;
import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestsRoot;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.support.descriptor.DirectorySource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * A directory becomes the file selectors of its test files: a whole upstream-style tree gives
 * the directories run-tests.py could choose for the configured groups (whether a target
 * qualifies for {@code float/} or {@code thread/} is decided at execution), any other directory
 * gives its top-level test files, as {@code run-tests.py -d} does.
 */
public final class DirectorySelectorResolver implements SelectorResolver {

    /** Folders of upstream's tests/ that hold no test group: their files are helpers, data or other runners'. */
    private static final Set<String> UPSTREAM_OTHER_FOLDERS = Set.of("assets", "cpydiff", "feature_check",
            "internal_bench", "jni", "multi_espnow", "multi_extmod", "multi_pyb_can", "multi_wlan", "target_wiring",
            "tools", "esp32", "pyb", "pybnative", "wipy", "unix", "qemu", "renesas-ra", "frozen");

    private final EngineConfiguration configuration;
    private final DiscoveryIssueReporter issues;

    public DirectorySelectorResolver(EngineConfiguration configuration, DiscoveryIssueReporter issues) {
        this.configuration = configuration;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Path directory = selector.getPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR,
                            "micropython: test directory " + directory + " does not exist: check the path given to "
                                    + "--select-directory, @SelectDirectories or ./mpunit")
                    .source(DirectorySource.from(directory.toFile())));
            return Resolution.unresolved();
        }
        try {
            Set<FileSelector> files = new LinkedHashSet<>();
            for (Path testDirectory : testDirectories(directory)) {
                for (Path file : TestsRoot.testFilesIn(testDirectory)) {
                    files.add(selectFile(file.toFile()));
                }
            }
            reportLeftOut(directory, files.isEmpty());
            // JUnit wants at least one selector; a directory without tests resolves to nothing, and says so above.
            return files.isEmpty() ? Resolution.unresolved() : Resolution.selectors(files);
        } catch (IOException | UncheckedIOException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR,
                            "micropython: cannot read test directory " + directory + ": " + e.getMessage())
                    .source(DirectorySource.from(directory.toFile())).cause(e));
            return Resolution.unresolved();
        }
    }

    /**
     * Says which test files of the directory no group runs, and when nothing at all is left: test files in
     * the subfolders of a plain directory (which runs only its own files, like {@code run-tests.py -d}),
     * or in a subfolder of a tests root that is no test group's.
     */
    private void reportLeftOut(Path directory, boolean nothingSelected) throws IOException {
        boolean upstream = TestsRoot.isUpstreamLayout(directory);
        List<String> leftOut = new ArrayList<>();
        for (Path subfolder : TestsRoot.subdirectories(directory)) {
            String name = subfolder.getFileName().toString();
            if (upstream && (TestGroup.ofDirectory(name).isPresent() || UPSTREAM_OTHER_FOLDERS.contains(name))) {
                continue;
            }
            int count = TestsRoot.testFilesIn(subfolder).size();
            if (count > 0) {
                leftOut.add(name + "/ (" + count + (count == 1 ? " test file)" : " test files)"));
            }
        }
        String why = upstream
                ? "not the folder of a test group (" + String.join(", ", TestsRoot.STANDARD_DIRECTORIES) + ", …; "
                        + "docs/test-groups.md): select it directly to run it as standard tests"
                : "a plain folder runs only the test files at its own top level, as run-tests.py -d does: select the "
                        + "subfolders themselves, or make the folder a tests root like upstream's tests/ (its "
                        + "subfolders named basics, extmod, …, and a basics/ among them)";
        if (!leftOut.isEmpty()) {
            warn(directory, "the test files in " + directory + "'s " + String.join(", ", leftOut) + " are not run: "
                    + why);
        }
        if (nothingSelected) {
            warn(directory, directory + " holds no test file that runs (*.py, or *.mjs/*.js for webassembly"
                    + (upstream ? ", in the folders of the groups " + GroupSelection.labels(List.copyOf(configuration.selection().groups())) : "")
                    + "): nothing to run from it");
        }
    }

    private void warn(Path directory, String message) {
        issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "micropython: " + message)
                .source(DirectorySource.from(directory.toFile())));
    }

    private List<Path> testDirectories(Path directory) throws IOException {
        if (TestsRoot.isUpstreamLayout(directory)) {
            return new TestsRoot(directory, true).testDirectories(configuration.selection().groups());
        }
        return List.of(directory);
    }
}
