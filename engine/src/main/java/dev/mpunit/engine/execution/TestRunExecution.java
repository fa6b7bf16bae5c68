package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.GroupKind;
import dev.mpunit.engine.descriptor.MicroPythonEngineDescriptor;

import dev.mpunit.engine.tentacle.Rigs;
import dev.mpunit.engine.tentacle.RunTestbed;
import dev.mpunit.engine.tentacle.Firmwares;
import dev.mpunit.engine.scheduling.Bartender;
import dev.mpunit.engine.tentacle.TentacleRig;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.DurationHistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

import dev.mpunit.hardware.TargetException;

/**
 * One {@code execute()}: workers per variant pull test files from the bartender until none are
 * left; what a cancellation left unrun is reported skipped. An empty tree starts nothing.
 */
public final class TestRunExecution {

    private final ExecutionRequest request;

    public TestRunExecution(ExecutionRequest request) {
        this.request = request;
    }

    public void run() {
        TestDescriptor engine = request.getRootTestDescriptor();
        List<TestFileDescriptor> files = testFiles(engine);
        if (files.isEmpty()) {
            Outcomes.endedBeforeRun(request.getEngineExecutionListener(), engine, TestExecutionResult.successful());
            return;
        }
        // What discovery read and checked: files are only found under a configuration it accepted.
        EngineConfiguration configuration = ((MicroPythonEngineDescriptor) engine).configuration().orElseThrow();
        DurationHistory history = DurationHistory.load(configuration.run().cacheDirectory());
        try (Interruption interruption = Interruption.watch(request.getCancellationToken())) {
            Outcomes outcomes = new Outcomes(request.getEngineExecutionListener(), engine,
                    request.getOutputDirectoryCreator(), configuration.run().inlineOutputLimit(), interruption,
                    configuration.run().count(), configuration.run().retryFailed(), configuration.run().quarantine());
            outcomes.runStarted();
            runFiles(files, configuration, history, outcomes, interruption);
        }
    }

    private void runFiles(List<TestFileDescriptor> files, EngineConfiguration configuration,
            DurationHistory history, Outcomes outcomes, Interruption interruption) {
        try (RunResources resources = new RunResources(configuration, request)) {
            Map<String, Integer> filesPerVariant = new LinkedHashMap<>();
            // How many tentacles a variant's files can keep busy: a two-board file needs a pair, so that a
            // local port opens a second instance to be the reference of even a single such file.
            files.forEach(file -> filesPerVariant.merge(file.variant(),
                    file.group().needsReferenceTentacle() ? 2 : 1, Integer::sum));
            Optional<TargetException> wrongVersion =
                    resources.targets().checkBeforeRun(filesPerVariant.keySet());
            if (wrongVersion.isPresent()) {
                // A setting to correct, the same for every file: said once, for the run.
                outcomes.runFinished(TestExecutionResult.failed(new RunFailure(wrongVersion.get().getMessage(), null)));
                return;
            }
            Optional<RunTestbed> realTentacles;
            try {
                realTentacles = realTentacles(configuration, filesPerVariant);
            } catch (TargetException e) {
                // Another run holds the testbed, or its USB cannot be opened: refused before anything is touched.
                outcomes.runFinished(TestExecutionResult.failed(new RunFailure(e.getMessage(), null)));
                return;
            }
            try {
                runOnTentacles(files, configuration, history, outcomes, interruption, resources, filesPerVariant,
                        realTentacles);
            } finally {
                realTentacles.ifPresent(RunTestbed::close);
            }
        }
        history.save();
        outcomes.runFinished(TestExecutionResult.successful());
        interruption.reported();
    }

    /** The testbed lock and USB when the run drives real tentacles; empty otherwise. */
    private static Optional<RunTestbed> realTentacles(EngineConfiguration configuration,
            Map<String, Integer> filesPerVariant) throws TargetException {
        if (configuration.testbed().inventory().isEmpty()) {
            return Optional.empty();
        }
        boolean real = !Rigs.realTentacles(configuration.testbed().inventory().get(), filesPerVariant).isEmpty();
        return real ? Optional.of(RunTestbed.open(configuration)) : Optional.empty();
    }

    private void runOnTentacles(List<TestFileDescriptor> files, EngineConfiguration configuration,
            DurationHistory history, Outcomes outcomes, Interruption interruption, RunResources resources,
            Map<String, Integer> filesPerVariant, Optional<RunTestbed> realTentacles) {
        List<TentacleRig> rigs = configuration.testbed().inventory().isPresent()
                ? Rigs.fromTestbed(configuration.testbed().inventory().get(), filesPerVariant, resources.targets(),
                        new Firmwares(configuration.testbed().firmwareDirectory()), realTentacles)
                : Rigs.fromTargets(configuration, filesPerVariant, resources.targets());
        rigs = Rigs.bounded(rigs, configuration.run().maxLocalTentacles(), TestRunExecution::warn);
        Bartender bartender = new Bartender(rigs.stream().map(TentacleRig::tentacle).toList(), files, history,
                interruption::cancelled, configuration.run().firstFiles());
        rigs.stream().filter(rig -> rig.firmware() != null)
                .forEach(rig -> bartender.flashed(rig.tentacle(), rig.firmware()));
        Runners runners = new Runners(new RunTestsRunner(configuration, history, resources, interruption),
                new PerfbenchRunner(configuration, history, resources, interruption),
                new MultitestsRunner(resources.cpython().command(), history, interruption,
                        configuration.run().dryRun()));
        // A dry run runs nothing on the testbed: nothing to watch.
        UsbHealth health = UsbHealth.start(configuration.run().dryRun() ? Optional.empty()
                : configuration.testbed().inventory(), configuration.testbed().usbHealth(), realTentacles, why -> {
                    outcomes.stopped(why);
                    bartender.stop();
                }, TestRunExecution::warn);
        FirmwareBuilds builds = null;
        if (configuration.testbed().inventory().isPresent() && configuration.testbed().firmwareBuild().isPresent()) {
            builds = new FirmwareBuilds(configuration, configuration.testbed().inventory().get(), bartender, outcomes);
            builds.start(filesPerVariant);
        }
        Progress progress = Progress.onStderr(configuration.run().progress());
        progress.start(files.size());
        try {
            runWorkers(rigs, bartender, runners, outcomes, resources, progress, interruption);
            if (builds != null) {
                if (interruption.cancelled() || health.stopped()) {
                    builds.cancel();
                }
                builds.awaitEnd();
            }
        } finally {
            progress.finish();
            health.close();
        }
        bartender.drain();
        outcomes.endUnfinished(files);
        health.entry().ifPresent(outcomes::runEntry);
    }

    private void runWorkers(List<TentacleRig> rigs, Bartender bartender, Runners runners, Outcomes outcomes,
            RunResources resources, Progress progress, Interruption interruption) {
        Loans loans = new Loans(interruption::cancelled);
        List<Worker> workers = rigs.stream()
                .map(rig -> new Worker(rig, resources::variant, bartender, loans, runners, outcomes, progress))
                .toList();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(workers.size(), runnable -> {
            Thread thread = new Thread(runnable, "mpunit-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.forEach(threads::execute);
        threads.shutdown();
        try {
            while (!threads.awaitTermination(1, TimeUnit.HOURS)) {
                // Workers end when the bartender has nothing left; targets enforce per-test timeouts.
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            try {
                // Give the workers a moment to end their files before what is left is ended here.
                threads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                // Interrupted twice: end what is left now.
            }
            Thread.currentThread().interrupt();
        }
    }

    /** Said once, on the console whatever the launcher shows: a run that starts less than asked must say so. */
    private static void warn(String message) {
        System.err.println("mpunit: " + message);
        System.err.flush();
    }

    private static List<TestFileDescriptor> testFiles(TestDescriptor engine) {
        List<TestFileDescriptor> files = new ArrayList<>();
        engine.accept(descriptor -> {
            if (descriptor instanceof TestFileDescriptor file) {
                files.add(file);
            }
        });
        return files;
    }
}
