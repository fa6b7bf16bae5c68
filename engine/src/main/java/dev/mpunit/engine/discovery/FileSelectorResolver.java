package dev.mpunit.engine.discovery;

import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.VariantDescriptor;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.descriptor.TestsRoot;
import dev.mpunit.engine.descriptor.TreeIds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import dev.mpunit.engine.verdict.Filters;

/**
 * One test file becomes one descriptor per selected variant, under its group (from its
 * directory) and variant. Files the include/exclude filters or the group keys reject are left
 * out, as run-tests.py leaves them out of its results.
 */
public final class FileSelectorResolver implements SelectorResolver {

    private static final Pattern IMPORTS_UNITTEST =
            Pattern.compile("^\\s*(import\\s+unittest|from\\s+unittest\\s+import)", Pattern.MULTILINE);

    private final EngineConfiguration configuration;
    private final Filters filters;
    private final DiscoveryIssueReporter issues;
    private final TreeIds ids;
    private final LeftOut leftOut;

    public FileSelectorResolver(EngineConfiguration configuration, Filters filters, DiscoveryIssueReporter issues, TreeIds ids,
            LeftOut leftOut) {
        this.configuration = configuration;
        this.leftOut = leftOut;
        this.ids = ids;
        this.filters = filters;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            report(Severity.ERROR, "test file " + file + " does not exist: check the path given to --select-file", file);
            return Resolution.unresolved();
        }
        if (!TestsRoot.isTestFileName(file)) {
            report(Severity.WARNING, file + " is not a MicroPython test file (*.py, or *.mjs/*.js for webassembly): "
                    + "select the test itself, not its .exp or a data file", file);
            return Resolution.unresolved();
        }
        TestsRoot root = TestsRoot.of(file);
        String relativePath = root.relativize(file);
        Optional<TestGroup> group = root.groupOf(relativePath);
        if (group.isEmpty()) {
            report(Severity.WARNING, relativePath + " is not in a test directory of " + root.directory()
                    + " (basics, extmod, float, …): it is not run", file);
            return Resolution.unresolved();
        }
        List<TestGroup> groups = groupsRunning(group.get());
        if (groups.isEmpty()) {
            // Left out on purpose (a skip or FUT key): no warning about a group nobody wants.
            leftOut.byGroupKeys();
            return Resolution.unresolved();
        }
        Optional<String> lacking = configuration.unsupported(groups.get(0));
        if (groups.size() == 1 && lacking.isPresent()) {
            if (configuration.selection().groups().contains(groups.get(0))) {
                // Asked for by the group keys: SelectionIssues says once what the group lacks.
                return Resolution.unresolved();
            }
            report(Severity.WARNING, relativePath + " belongs to " + groups.get(0).label()
                    + ", which this version of the micropython engine cannot run yet (" + lacking.get() + "): it is not run",
                    file);
            return Resolution.unresolved();
        }
        if (!filters.accepts(relativePath)) {
            leftOut.byFilters();
            return Resolution.unresolved();
        }
        boolean unittest = importsUnittest(file);
        Set<Match> matches = new LinkedHashSet<>();
        for (TestGroup running : groups) {
            if (configuration.unsupported(running).isPresent()) {
                continue;
            }
            for (String variant : configuration.selection().selectedVariants(configuration.variants())) {
                context.addToParent(() -> ids.selectVariant(running, variant),
                                parent -> Optional.of(TestFileDescriptor.in((VariantDescriptor) parent, root, relativePath,
                                        unittest)))
                        .ifPresent(descriptor -> {
                            descriptor.selectAllCases();
                            matches.add(Match.exact(descriptor));
                        });
            }
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    /** Whether the file may report unittest cases; decided statically, so discovery never runs a target. */
    static boolean importsUnittest(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return IMPORTS_UNITTEST.matcher(text).find();
        } catch (IOException e) {
            // An unreadable file is reported when it runs; discovery stays static.
            return false;
        }
    }

    /**
     * The groups a file of {@code group}'s directories runs in: those of the covered groups that run
     * its directories ({@code RUN-TESTS_STANDARD}, and its .mpy groups when they are asked for); a file
     * selected by hand outside them runs in its own group. Groups a skip or FUT key leaves out are not.
     */
    private List<TestGroup> groupsRunning(TestGroup group) {
        List<TestGroup> covered = configuration.selection().groups().stream()
                .filter(candidate -> candidate.directoriesOf() == group).sorted().toList();
        List<TestGroup> groups = covered.isEmpty() ? List.of(group) : covered;
        return groups.stream().filter(configuration.selection()::groupAdmitted).toList();
    }

    private void report(Severity severity, String message, Path file) {
        issues.reportIssue(DiscoveryIssue.builder(severity, "micropython: " + message)
                .source(FileSource.from(file.toFile())));
    }
}
