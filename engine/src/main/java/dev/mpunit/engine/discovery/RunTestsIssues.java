package dev.mpunit.engine.discovery;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestFileDescriptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

import dev.mpunit.engine.verdict.CPython;
import dev.mpunit.engine.verdict.RunTestsComparison;

/**
 * A warning, once per tests root at the start of a run, when the root's run-tests.py skips by other
 * tables than the ones the engine carries: its verdicts may then differ from run-tests.py's.
 */
public final class RunTestsIssues {

    /** Under {@code micropython.cache}: the comparison script and the engine's tables, for the user to run. */
    static final String FOLDER = "run-tests-tables";

    private final EngineConfiguration configuration;

    public RunTestsIssues(EngineConfiguration configuration) {
        this.configuration = configuration;
    }

    public void report(TestDescriptor engine, DiscoveryIssueReporter issues) {
        Set<Path> runTests = new TreeSet<>();
        for (TestDescriptor descendant : engine.getDescendants()) {
            if (descendant instanceof TestFileDescriptor file && file.root().upstreamLayout()) {
                Path candidate = file.root().directory().resolve("run-tests.py");
                if (Files.isRegularFile(candidate)) {
                    runTests.add(candidate);
                }
            }
        }
        if (runTests.isEmpty()) {
            return;
        }
        RunTestsComparison comparison = new RunTestsComparison(
                CPython.of(configuration.run().cpython(), configuration.run().cpythonTimeout(), null).command(),
                configuration.run().cacheDirectory().resolve(FOLDER));
        for (Path file : runTests) {
            comparison.check(file).ifPresent(message -> issues.reportIssue(
                    DiscoveryIssue.create(Severity.WARNING, "micropython: " + message)));
        }
    }
}
