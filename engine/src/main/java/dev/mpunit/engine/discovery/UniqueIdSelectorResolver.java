package dev.mpunit.engine.discovery;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.GroupDescriptor;
import dev.mpunit.engine.descriptor.TestCaseDescriptor;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.descriptor.TestsRoot;
import dev.mpunit.engine.descriptor.TreeIds;
import dev.mpunit.engine.descriptor.VariantDescriptor;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import dev.mpunit.contract.MicroPythonTestId;

/**
 * Resolves every id the engine produces, so an IDE or Surefire can re-run one group, variant,
 * file or unittest case. A file id carries the path relative to its tests root, not the root
 * itself (ids stay the same on every machine); the root comes from {@code micropython.root},
 * else from the working directory ({@code .}, {@code tests}, {@code *}{@code /tests}).
 */
public final class UniqueIdSelectorResolver implements SelectorResolver {

    private final EngineConfiguration configuration;
    private final DiscoveryIssueReporter issues;
    private final TreeIds ids;

    public UniqueIdSelectorResolver(EngineConfiguration configuration, DiscoveryIssueReporter issues, TreeIds ids) {
        this.configuration = configuration;
        this.ids = ids;
        this.issues = issues;
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        Optional<MicroPythonTestId> node;
        try {
            node = ids.read(id);
        } catch (IllegalArgumentException e) {
            issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "micropython: " + e.getMessage()));
            return Resolution.unresolved();
        }
        if (node.isEmpty()) {
            return Resolution.unresolved();
        }
        MicroPythonTestId path = node.get();
        if (path.testCase() != null) {
            return resolveCase(id, path, context);
        }
        if (path.file() != null) {
            return resolveFile(id, path, context);
        }
        return path.variant() != null ? resolveVariant(id, path, context) : resolveGroup(id, path, context);
    }

    private Resolution resolveGroup(UniqueId id, MicroPythonTestId path, Context context) {
        Optional<TestGroup> group = TestGroup.fromLabel(path.group());
        if (group.isEmpty()) {
            return unknown(id);
        }
        if (configuration.unsupported(group.get()).isPresent()) {
            issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "micropython: " + group.get().label()
                    + " is not supported yet: " + configuration.unsupported(group.get()).get() + ": " + id + " runs nothing"));
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(new GroupDescriptor(parent.getUniqueId(), group.get())))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> variantSelectors(group.get()))))
                .orElseGet(Resolution::unresolved);
    }

    private Resolution resolveVariant(UniqueId id, MicroPythonTestId path, Context context) {
        Optional<TestGroup> group = TestGroup.fromLabel(path.group());
        if (group.isEmpty() || configuration.unsupported(group.get()).isPresent()) {
            return unknown(id);
        }
        String variant = path.variant();
        return context.addToParent(() -> selectUniqueId(id.removeLastSegment()),
                        parent -> Optional.of(new VariantDescriptor((GroupDescriptor) parent, variant)))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> fileSelectors(group.get(), variant))))
                .orElseGet(Resolution::unresolved);
    }

    private Resolution resolveFile(UniqueId id, MicroPythonTestId path, Context context) {
        Optional<TestFileDescriptor> file = fileOf(id, path, context);
        file.ifPresent(TestFileDescriptor::selectAllCases);
        return file.map(descriptor -> Resolution.match(Match.exact(descriptor))).orElseGet(Resolution::unresolved);
    }

    private Resolution resolveCase(UniqueId id, MicroPythonTestId path, Context context) {
        String caseName = path.testCase();
        return fileOf(id.removeLastSegment(), path, context)
                .map(file -> file.findByUniqueId(id).map(TestDescriptor.class::cast).orElseGet(() -> {
                    TestCaseDescriptor testCase = new TestCaseDescriptor(file, caseName);
                    file.addChild(testCase);
                    return testCase;
                }))
                .map(testCase -> Resolution.match(Match.exact(testCase)))
                .orElseGet(Resolution::unresolved);
    }

    private Optional<TestFileDescriptor> fileOf(UniqueId fileId, MicroPythonTestId path, Context context) {
        String relativePath = path.file();
        Optional<TestsRoot> root = rootContaining(relativePath);
        if (root.isEmpty()) {
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "micropython: cannot find " + relativePath
                    + " for " + fileId + ": set " + ConfigurationKeys.ROOT + " to the tests directory it belongs to"
                    + " (searched " + candidateRoots() + ")"));
            return Optional.empty();
        }
        UniqueId variantId = fileId.removeLastSegment();
        Optional<TestGroup> group = TestGroup.fromLabel(path.group());
        if (group.isEmpty() || configuration.unsupported(group.get()).isPresent()) {
            unknown(fileId);
            return Optional.empty();
        }
        // A .mpy group's ids name the files of the group whose directories it runs again.
        if (!root.get().groupOf(relativePath).equals(group.map(TestGroup::directoriesOf))) {
            unknown(fileId);
            return Optional.empty();
        }
        Path file = root.get().resolve(relativePath);
        boolean unittest = FileSelectorResolver.importsUnittest(file);
        return context.addToParent(() -> selectUniqueId(variantId),
                parent -> Optional.of(TestFileDescriptor.in((VariantDescriptor) parent, root.get(), relativePath, unittest)));
    }

    private Optional<TestsRoot> rootContaining(String relativePath) {
        for (Path candidate : candidateRoots()) {
            Path file = candidate.resolve(relativePath);
            if (Files.isRegularFile(file)) {
                return Optional.of(TestsRoot.at(candidate));
            }
        }
        return Optional.empty();
    }

    private List<Path> candidateRoots() {
        if (!configuration.selection().roots().isEmpty()) {
            return configuration.selection().roots().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        List<Path> candidates = new ArrayList<>();
        candidates.add(workingDirectory);
        candidates.add(workingDirectory.resolve("tests"));
        try (Stream<Path> children = Files.list(workingDirectory)) {
            children.filter(Files::isDirectory).sorted().map(child -> child.resolve("tests"))
                    .filter(Files::isDirectory).forEach(candidates::add);
        } catch (IOException e) {
            // The working directory itself was a candidate; nothing more to search.
        }
        return candidates;
    }

    /** A whole group re-runs as its variants: one per configured target that the variant keys keep. */
    private Set<? extends DiscoverySelector> variantSelectors(TestGroup group) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        configuration.selection().selectedVariants(configuration.variants()).forEach(variant -> selectors.add(ids.selectVariant(group, variant)));
        return selectors;
    }

    /** A whole variant re-runs as every file of its group in the first tests root found (a plain directory is all standard tests). */
    private Set<? extends DiscoverySelector> fileSelectors(TestGroup group, String variant) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (Path rootDirectory : candidateRoots()) {
            if (!Files.isDirectory(rootDirectory)) {
                continue;
            }
            TestsRoot root = TestsRoot.at(rootDirectory);
            try {
                List<Path> directories = root.upstreamLayout() ? root.testDirectories(Set.of(group))
                        : group.directoriesOf() == TestGroup.RUN_TESTS_STANDARD ? List.of(rootDirectory) : List.of();
                for (Path directory : directories) {
                    for (Path file : TestsRoot.testFilesIn(directory)) {
                        selectors.add(selectUniqueId(ids.file(group, variant, root.relativize(file))));
                    }
                }
            } catch (IOException e) {
                issues.reportIssue(DiscoveryIssue.create(Severity.WARNING,
                        "micropython: cannot read " + rootDirectory + ": " + e.getMessage()));
            }
            break;
        }
        return selectors;
    }

    private Resolution unknown(UniqueId id) {
        issues.reportIssue(DiscoveryIssue.create(Severity.WARNING,
                "micropython: " + id + " is not an id this engine produces (or its group cannot run yet)"));
        return Resolution.unresolved();
    }
}
