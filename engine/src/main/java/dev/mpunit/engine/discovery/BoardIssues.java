package dev.mpunit.engine.discovery;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestsRoot;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

import dev.mpunit.hardware.testbed.BoardNames;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * Warnings about an inventory's board names that no MicroPython port knows: the name still becomes a
 * variant (a new board may be newer than the names known here), but a typo is named with its nearest
 * known board. A tests root inside a MicroPython checkout is checked against that checkout's own
 * {@code ports/*}{@code /boards/}, anything else against the names written down from upstream.
 */
public final class BoardIssues {

    private final EngineConfiguration configuration;

    public BoardIssues(EngineConfiguration configuration) {
        this.configuration = configuration;
    }

    public void report(EngineDiscoveryRequest request, DiscoveryIssueReporter issues) {
        if (configuration.testbed().inventory().isEmpty()) {
            return;
        }
        BoardNames known = checkout(request).orElseGet(BoardNames::upstream);
        Set<String> boards = new LinkedHashSet<>();
        configuration.testbed().inventory().get().tentacles().stream().map(TentacleSpec::board).forEach(boards::add);
        for (String board : boards) {
            known.unknown(board).ifPresent(message -> issues.reportIssue(DiscoveryIssue.create(Severity.WARNING,
                    "micropython: " + ConfigurationKeys.TESTBED + "=" + configuration.testbed().inventory().get().source()
                            + ": " + message)));
        }
    }

    /** The checkout the first selected tests root sits in ({@code <checkout>/tests}), if it is one. */
    private static Optional<BoardNames> checkout(EngineDiscoveryRequest request) {
        return Stream.concat(
                        request.getSelectorsByType(DirectorySelector.class).stream().map(DirectorySelector::getPath),
                        request.getSelectorsByType(FileSelector.class).stream().map(FileSelector::getPath))
                .map(path -> TestsRoot.of(path).directory().getParent())
                .filter(parent -> parent != null)
                .map(BoardNames::inCheckout)
                .flatMap(Optional::stream)
                .findFirst();
    }
}
