package dev.mpunit.engine;

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

import dev.mpunit.contract.Verdicts;
import dev.mpunit.hardware.TargetException;

/**
 * One {@code execute()}: workers per variant pull test files from the bartender until none are
 * left; what a cancellation left unrun is reported skipped. An empty tree starts nothing.
 */
final class TestRunExecution {

    private final ExecutionRequest request;

    TestRunExecution(ExecutionRequest request) {
        this.request = request;
    }

    void run() {
        TestDescriptor engine = request.getRootTestDescriptor();
        TreeListener listener = new TreeListener(request.getEngineExecutionListener(), engine);
        List<TestFileDescriptor> files = testFiles(engine);
        listener.started(engine);
        if (files.isEmpty()) {
            listener.finished(engine, TestExecutionResult.successful());
            return;
        }
        EngineConfiguration configuration;
        try {
            configuration = EngineConfiguration.from(request.getConfigurationParameters());
        } catch (IllegalArgumentException e) {
            listener.finished(engine, TestExecutionResult.failed(e));
            return;
        }
        DurationHistory history = DurationHistory.load(configuration.cacheDirectory());
        try (Interruption interruption = Interruption.watch(request.getCancellationToken())) {
            runFiles(engine, files, configuration, history, listener, interruption);
        }
    }

    private void runFiles(TestDescriptor engine, List<TestFileDescriptor> files, EngineConfiguration configuration,
            DurationHistory history, TreeListener listener, Interruption interruption) {
        try (RunResources resources = new RunResources(configuration, request)) {
            Map<String, Integer> filesPerVariant = new LinkedHashMap<>();
            files.forEach(file -> filesPerVariant.merge(file.variant(), 1, Integer::sum));
            Optional<TargetException> wrongVersion =
                    resources.targets().checkBeforeRun(filesPerVariant.keySet());
            if (wrongVersion.isPresent()) {
                // A setting to correct, the same for every file: said once, for the run.
                listener.finished(engine, TestExecutionResult.failed(
                        new RunFailure(wrongVersion.get().getMessage(), null)));
                return;
            }
            List<TentacleRig> rigs = configuration.testbed().isPresent()
                    ? Rigs.fromTestbed(configuration.testbed().get(), filesPerVariant, resources.targets(),
                            new Firmwares(configuration.firmwareDirectory()))
                    : Rigs.fromTargets(configuration, filesPerVariant, resources.targets());
            rigs = Rigs.bounded(rigs, configuration.maxLocalTentacles(), TestRunExecution::warn);
            Bartender bartender = new Bartender(rigs.stream().map(TentacleRig::tentacle).toList(), files, history,
                    interruption::cancelled);
            rigs.stream().filter(rig -> rig.firmware() != null)
                    .forEach(rig -> bartender.flashed(rig.tentacle(), rig.firmware()));
            TestFileRun fileRun = new TestFileRun(configuration, listener, history, resources, interruption);
            FirmwareBuilds builds = null;
            if (configuration.testbed().isPresent() && configuration.firmwareBuild().isPresent()) {
                builds = new FirmwareBuilds(configuration, configuration.testbed().get(), bartender, listener);
                builds.start(filesPerVariant);
            }
            Progress progress = Progress.onStderr(configuration.progress());
            progress.start(files.size());
            try {
                runWorkers(rigs, bartender, fileRun, resources, progress);
                if (builds != null) {
                    if (interruption.cancelled()) {
                        builds.cancel();
                    }
                    builds.awaitEnd();
                }
            } finally {
                progress.finish();
            }
            bartender.drain();
            endUnfinished(files, listener, resources, interruption);
        }
        history.save();
        listener.finished(engine, TestExecutionResult.successful());
        interruption.reported();
    }

    private void runWorkers(List<TentacleRig> rigs, Bartender bartender, TestFileRun fileRun,
            RunResources resources, Progress progress) {
        List<Worker> workers = rigs.stream()
                .map(rig -> new Worker(rig, resources, bartender, fileRun, progress)).toList();
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

    /**
     * No discovered test ends without a verdict: what was never handed out (a cancellation) is
     * skipped, what a worker started but could not finish (its thread was interrupted or died)
     * fails with that reason.
     */
    private void endUnfinished(List<TestFileDescriptor> files, TreeListener listener, RunResources resources,
            Interruption interruption) {
        boolean cancelled = interruption.cancelled();
        String notRun = interruption.requested() ? Interruption.NOT_RUN
                : cancelled ? Verdicts.CANCELLED_REASON_PREFIX + " (fail-fast)"
                : "not run: no worker of its variant was left to run it";
        for (TestFileDescriptor file : files) {
            if (listener.isDone(file)) {
                continue;
            }
            List<String> lostBoards = resources.variant(file.variant()).lostBoards();
            if (!cancelled && !lostBoards.isEmpty()) {
                // Selected but unrunnable: every board of the variant was lost. That is a failure to see.
                listener.started(file);
                listener.finishedSkippingOpenChildren(file, TestExecutionResult.failed(new RunFailure(
                        "not run: every tentacle of " + file.variant() + " was lost: " + String.join("; ", lostBoards),
                        null)), notRun);
                continue;
            }
            if (!listener.isStarted(file)) {
                listener.skipped(file, notRun);
                continue;
            }
            if (interruption.requested()) {
                listener.finishedSkippingOpenChildren(file, TestExecutionResult.aborted(
                        new RunFailure(Interruption.NOT_RUN + " while this test ran", null)), notRun);
                continue;
            }
            listener.finishedSkippingOpenChildren(file, TestExecutionResult.failed(new RunFailure(
                    file.relativePath() + " was started but its worker stopped before it ended", null)), notRun);
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
