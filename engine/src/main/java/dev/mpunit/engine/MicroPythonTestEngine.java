package dev.mpunit.engine;

import dev.mpunit.engine.configuration.KnownKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.MicroPythonEngineDescriptor;
import dev.mpunit.engine.descriptor.TreeIds;
import dev.mpunit.engine.discovery.BoardIssues;
import dev.mpunit.engine.discovery.DirectorySelectorResolver;
import dev.mpunit.engine.discovery.FileSelectorResolver;
import dev.mpunit.engine.discovery.LeftOut;
import dev.mpunit.engine.discovery.ResultsFolder;
import dev.mpunit.engine.discovery.RunTestsIssues;
import dev.mpunit.engine.discovery.SelectionIssues;
import dev.mpunit.engine.discovery.UniqueIdSelectorResolver;
import dev.mpunit.engine.execution.TestRunExecution;
import dev.mpunit.engine.tentacle.TargetKinds;

import java.util.Optional;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

import dev.mpunit.contract.IdSegments;
import dev.mpunit.engine.verdict.Filters;

/**
 * The {@code micropython} TestEngine: MicroPython test files as JUnit tests, judged as upstream
 * {@code tests/run-tests.py} judges them, run on local builds, emulated boards and tentacles.
 *
 * <p>Discovery only reads the file system. Execution hands test files to workers, one per target
 * instance, as they free up (see {@code docs/architecture.md}).
 */
public final class MicroPythonTestEngine implements TestEngine {

    /** The engine id, as in {@code @IncludeEngines("micropython")} and {@code [engine:micropython]}. */
    public static final String ID = IdSegments.ENGINE_ID;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.mpunit");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("mpunit-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
                DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        EngineConfiguration configuration;
        Filters filters;
        try {
            TargetKinds kinds = TargetKinds.found();
            KnownKeys.requireKnown(request.getConfigurationParameters(), kinds.keys());
            configuration = EngineConfiguration.from(request.getConfigurationParameters(), kinds);
            ResultsFolder.requireWritable(configuration.results());
            ResultsFolder.requirePushable(configuration.results());
            ResultsFolder.requireCommentable(request.getConfigurationParameters(), configuration.results());
            ResultsFolder.requireCampaign(request.getConfigurationParameters());
            filters = Filters.parse(configuration.selection().include(), configuration.selection().exclude(),
                    configuration.selection().filter());
        } catch (IllegalArgumentException e) {
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "micropython: " + e.getMessage()));
            return new MicroPythonEngineDescriptor(uniqueId, null);
        }
        MicroPythonEngineDescriptor engine = new MicroPythonEngineDescriptor(uniqueId, configuration);
        new SelectionIssues(configuration).report(issues);
        new BoardIssues(configuration).report(request, issues);
        TreeIds ids = new TreeIds(uniqueId);
        LeftOut leftOut = new LeftOut();
        EngineDiscoveryRequestResolver.<MicroPythonEngineDescriptor>builder()
                .addSelectorResolver(context -> new DirectorySelectorResolver(configuration, context.getIssueReporter()))
                .addSelectorResolver(context -> new FileSelectorResolver(configuration, filters, context.getIssueReporter(),
                        ids, leftOut))
                .addSelectorResolver(context -> new UniqueIdSelectorResolver(configuration, context.getIssueReporter(), ids))
                .build()
                .resolve(request, engine, issues);
        new RunTestsIssues(configuration).report(engine, issues);
        if (engine.getChildren().isEmpty() && asksForMicroPython(request, ids)) {
            String reasons = leftOut.reasons();
            issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "micropython: no test selected, nothing runs"
                    + (reasons.isEmpty() ? " (the messages above say why)" : ": " + reasons)));
        }
        return engine;
    }

    /**
     * Whether the request selects anything of this engine's: a class or package selected in an IDE
     * reaches every engine, and this one has nothing to say about it.
     */
    private static boolean asksForMicroPython(EngineDiscoveryRequest request, TreeIds ids) {
        return !request.getSelectorsByType(DirectorySelector.class).isEmpty()
                || !request.getSelectorsByType(FileSelector.class).isEmpty()
                || request.getSelectorsByType(UniqueIdSelector.class).stream()
                        .anyMatch(selector -> ids.below(selector.getUniqueId()));
    }

    @Override
    public void execute(ExecutionRequest request) {
        new TestRunExecution(request).run();
    }
}
