package dev.mpunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
final class DirectorySelectorResolver implements SelectorResolver {

    private final EngineConfiguration configuration;
    private final DiscoveryIssueReporter issues;

    DirectorySelectorResolver(EngineConfiguration configuration, DiscoveryIssueReporter issues) {
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
            // JUnit wants at least one selector; a directory without tests simply resolves to nothing.
            return files.isEmpty() ? Resolution.unresolved() : Resolution.selectors(files);
        } catch (IOException | UncheckedIOException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR,
                            "micropython: cannot read test directory " + directory + ": " + e.getMessage())
                    .source(DirectorySource.from(directory.toFile())).cause(e));
            return Resolution.unresolved();
        }
    }

    private List<Path> testDirectories(Path directory) throws IOException {
        if (TestsRoot.isUpstreamLayout(directory)) {
            return new TestsRoot(directory, true).testDirectories(configuration.groups());
        }
        return List.of(directory);
    }
}
