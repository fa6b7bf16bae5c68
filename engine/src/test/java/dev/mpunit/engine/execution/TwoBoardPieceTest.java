package dev.mpunit.engine.execution;

import dev.mpunit.engine.FakeTargetProvider;
import dev.mpunit.engine.descriptor.GroupDescriptor;
import dev.mpunit.engine.descriptor.GroupKind;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.descriptor.TestsRoot;
import dev.mpunit.engine.descriptor.VariantDescriptor;
import dev.mpunit.engine.scheduling.Assignment;
import dev.mpunit.engine.scheduling.Bartender;
import dev.mpunit.engine.scheduling.DurationHistory;
import dev.mpunit.engine.scheduling.Piece;
import dev.mpunit.engine.scheduling.Tentacle;
import dev.mpunit.engine.tentacle.TargetFactory;
import dev.mpunit.engine.tentacle.TentacleRig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.testkit.engine.ExecutionRecorder;

import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.TargetException;

/**
 * Two-board work through the runner seam, below the engine's runner table (the engine has no
 * two-board runner yet): workers and the bartender on fake targets, with a test runner for
 * run-multitests groups that runs a file on the board under test and its {@code _ref.py} sibling on
 * the reference. The reference's worker lends its lease for the piece only; a lost reference ends
 * the piece naming it and frees the board; a lost board releases the reference; a cancelled run
 * ends the waits.
 */
class TwoBoardPieceTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tests;
    @TempDir
    Path outputs;

    private final FakeTargetProvider fakes = new FakeTargetProvider();
    private final CancellationToken cancellation = CancellationToken.create();
    private final Interruption interruption = Interruption.watch(cancellation);
    /** Where the two workers of a piece meet; the cancellation reaches it through the interruption. */
    private final Loans loans = new Loans(interruption::cancelled);
    private final EngineDescriptor engine = new EngineDescriptor(UniqueId.forEngine("micropython"), "MicroPython");
    private final Map<TestGroup, GroupDescriptor> groups = new HashMap<>();
    private final ExecutionRecorder events = new ExecutionRecorder();
    private final Outcomes outcomes = new Outcomes(events, engine, outputDirectories(), 100_000, interruption);
    /** What happened, in order, across the workers' threads. */
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> opened = Collections.synchronizedList(new ArrayList<>());
    private final List<PieceRun> pieces = Collections.synchronizedList(new ArrayList<>());
    /** What ended a worker's thread unforeseen; nothing, but where a test makes one die. */
    private final List<Throwable> deaths = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Lease> ownLeases = Collections.synchronizedMap(new HashMap<>());
    /** When set, the two-board runner makes sure the lender still waits for its lease while the piece runs. */
    private volatile boolean watchLender;

    /** What the two-board runner was handed. */
    private record PieceRun(String file, Lease board, Lease reference, String boardOutput, String referenceOutput) {
    }

    private final Tentacle board = new Tentacle("t-board", List.of("BOARD"), Set.of("WLAN", "MCU_ONLY"), false);
    private final Tentacle reference = new Tentacle("t-ref", List.of("REF", "OTHER"), Set.of("WLAN", "MCU_ONLY"), true);

    @AfterEach
    void endWatch() {
        interruption.close();
        assertThat(deaths).as("workers that died").isEmpty();
    }

    @Test
    void theReferenceLendsItsOwnTargetForThePieceOnlyAndGoesOnWithItsOwnWork() throws Exception {
        TestFileDescriptor pair = pair("print board side", "print reference side");
        TestFileDescriptor own = file(TestGroup.RUN_TESTS_STANDARD, "REF", "basics/own.py", "print own");
        Bartender bartender = bartender(pair, own);
        watchLender = true;

        // The board asks first and, with nothing else to run, reserves the busy reference: the
        // reference's worker then takes the piece before its own file.
        Thread boardWorker = startWhenWaiting(bartender, board, worker(bartender, board, opening(board)));
        Thread referenceWorker = start(worker(bartender, reference, opening(reference)));
        ended(boardWorker, referenceWorker);

        assertThat(pieces).hasSize(1);
        PieceRun piece = pieces.get(0);
        assertThat(piece.board().tentacle()).isEqualTo(board);
        assertThat(piece.board().variant().name()).isEqualTo("BOARD");
        assertThat(piece.reference().tentacle()).isEqualTo(reference);
        assertThat(piece.reference().variant().name()).as("the reference's variant runtime").isEqualTo("REF");
        assertThat(piece.reference().target().variant()).as("opened for its reference variant").isEqualTo("REF");
        assertThat(piece.reference().port()).isEqualTo("fake:t-ref (REF)");
        assertThat(piece.boardOutput()).isEqualTo("board side\n");
        assertThat(piece.referenceOutput()).isEqualTo("reference side\n");
        // The reference's target is its own, opened once: lent for the piece, then used for its own file.
        assertThat(opened).containsExactlyInAnyOrder("t-board:BOARD", "t-ref:REF");
        assertThat(ownLeases.get("basics/own.py").port()).isEqualTo(piece.reference().port());
        assertThat(log).containsExactly("piece starts multi_net/pair.py", "t-ref waits for its lease",
                "piece ends multi_net/pair.py", "t-ref runs basics/own.py");
        assertThat(result(pair).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(result(own).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void aLostReferenceEndsThePieceNamingItAndTheBoardGoesOn() throws Exception {
        TestFileDescriptor pair = pair("print board side", "lost");
        TestFileDescriptor after = file(TestGroup.RUN_TESTS_STANDARD, "BOARD", "basics/after.py", "print after");
        Bartender bartender = bartender(pair, after);

        // The reference waits idle first, so the board takes the two-board piece before its own file.
        Thread referenceWorker = startWhenWaiting(bartender, reference,
                worker(bartender, reference, opening(reference)));
        Thread boardWorker = start(worker(bartender, board, opening(board)));
        ended(boardWorker, referenceWorker);

        assertThat(result(pair).getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(result(pair).getThrowable().orElseThrow()).hasMessage("the reference tentacle t-ref was lost:"
                + " the link fake:t-ref (REF) was lost running pair_ref.py");
        assertThat(log).containsExactly("piece starts multi_net/pair.py", "piece ends multi_net/pair.py",
                "t-board runs basics/after.py");
        assertThat(result(after).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(bartender.next(reference)).as("the lost reference gets nothing more").isEmpty();
    }

    @Test
    void aReferenceThatCannotBeOpenedEndsThePieceNamingItAndTheBoardGoesOn() throws Exception {
        TestFileDescriptor pair = pair("print board side", "print reference side");
        TestFileDescriptor after = file(TestGroup.RUN_TESTS_STANDARD, "BOARD", "basics/after.py", "print after");
        Bartender bartender = bartender(pair, after);
        TargetFactory unreachable = variant -> {
            throw new TargetException("no raw REPL on /dev/ttyACM9 after 3 attempts");
        };

        Thread referenceWorker = startWhenWaiting(bartender, reference, worker(bartender, reference, unreachable));
        Thread boardWorker = start(worker(bartender, board, opening(board)));
        ended(boardWorker, referenceWorker);

        assertThat(pieces).as("the runner never ran without its reference").isEmpty();
        assertThat(result(pair).getThrowable().orElseThrow()).hasMessage("the reference tentacle t-ref could not"
                + " be opened for REF: no raw REPL on /dev/ttyACM9 after 3 attempts");
        assertThat(log).containsExactly("t-board runs basics/after.py");
        assertThat(result(after).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void aLostBoardReleasesTheReferenceWhichGoesOnWithItsOwnWork() throws Exception {
        TestFileDescriptor pair = pair("lost", "print reference side");
        TestFileDescriptor own = file(TestGroup.RUN_TESTS_STANDARD, "REF", "basics/own.py", "print own");
        Bartender bartender = bartender(pair, own);

        Thread boardWorker = startWhenWaiting(bartender, board, worker(bartender, board, opening(board)));
        Thread referenceWorker = start(worker(bartender, reference, opening(reference)));
        ended(boardWorker, referenceWorker);
        bartender.drain();
        outcomes.endUnfinished(List.of(pair, own));

        assertThat(log).containsExactly("piece starts multi_net/pair.py", "piece ends multi_net/pair.py",
                "t-ref runs basics/own.py");
        assertThat(result(own).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        // The piece went back to the bartender with the board; no board of its variant was left.
        assertThat(result(pair).getThrowable().orElseThrow()).hasMessage("not run: every tentacle of BOARD was lost:"
                + " t-board: the link fake:t-board (BOARD) was lost running pair.py");
    }

    @Test
    void aReferenceWhoseWorkerDiesLeavesNoBoardWaitingForIt() throws Exception {
        TestFileDescriptor pair = pair("print board side", "print reference side");
        TestFileDescriptor own = file(TestGroup.RUN_TESTS_STANDARD, "REF", "basics/own.py", "print own");
        Bartender bartender = bartender(pair, own);
        CountDownLatch mayFail = new CountDownLatch(1);
        CountDownLatch referenceHoldsItsFile = new CountDownLatch(1);
        // What the run shares fails unforeseen for the reference's own file (the engine's feature
        // checks could not be written, say): its worker dies holding that file.
        Function<String, VariantRuntime> failing = name -> {
            referenceHoldsItsFile.countDown();
            try {
                mayFail.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException(new IOException("no space left on device"));
        };

        // The reference takes its own file first; the board, with nothing else, reserves it and waits.
        Thread referenceWorker = start(new Worker(new TentacleRig(reference, opening(reference), null, true), failing,
                bartender, loans, runners(), outcomes, Progress.onStderr(Progress.Mode.OFF)));
        // Only then the board: asking first, it would take the pair and the reference would lend.
        assertThat(referenceHoldsItsFile.await(30, TimeUnit.SECONDS)).as("the reference took its own file").isTrue();
        Thread boardWorker = startWhenWaiting(bartender, board, worker(bartender, board, opening(board)));
        mayFail.countDown();
        ended(boardWorker, referenceWorker);
        bartender.drain();
        outcomes.endUnfinished(List.of(pair, own));

        assertThat(deaths).singleElement().satisfies(death -> assertThat(death).hasRootCauseMessage(
                "no space left on device"));
        deaths.clear();
        assertThat(pieces).isEmpty();
        assertThat(skipReason(pair)).isEqualTo("not run: no worker of its variant was left to run it");
        assertThat(skipReason(own)).isEqualTo("not run: no worker of its variant was left to run it");
    }

    @Test
    void aCancelledRunEndsABoardWaitingForItsReferenceAndTheLenderGoesOn() throws Exception {
        TestFileDescriptor pair = pair("print board side", "print reference side");
        Bartender bartender = bartender(pair);
        CountDownLatch referenceOpening = new CountDownLatch(1);
        CountDownLatch mayOpen = new CountDownLatch(1);
        TargetFactory slowFlash = variant -> {
            referenceOpening.countDown();
            try {
                mayOpen.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return opening(reference).open(variant);
        };
        CompletableFuture<Tentacle> boardWaits = new CompletableFuture<>();
        loans.onWaiting(waiter -> {
            if (waiter.equals(board)) {
                boardWaits.complete(waiter);
            }
        });

        Thread referenceWorker = startWhenWaiting(bartender, reference, worker(bartender, reference, slowFlash));
        Thread boardWorker = start(worker(bartender, board, opening(board)));
        boardWaits.get(30, TimeUnit.SECONDS);
        assertThat(referenceOpening.await(30, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel();
        boardWorker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(boardWorker.isAlive()).as("the board's worker stopped waiting for its reference").isFalse();
        mayOpen.countDown();
        referenceWorker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(referenceWorker.isAlive()).as("the lender did not wait for a board that gave up").isFalse();
        bartender.drain();
        outcomes.endUnfinished(List.of(pair));

        assertThat(pieces).isEmpty();
        assertThat(skipReason(pair)).isEqualTo("not run: the test run was cancelled (fail-fast)");
    }

    @Test
    void aCancelledRunEndsALenderWhoseBoardNeverCame() throws Exception {
        TestFileDescriptor pair = file(TestGroup.RUN_MULTITESTS_MULTINET, "BOARD", "multi_net/pair.py",
                "print board side");
        // The piece as the bartender hands it to both sides (its test run does not matter here).
        Assignment<TestFileDescriptor> assignment = new Assignment<>(new Piece<>(pair, null, 1), board, false,
                Optional.of(reference), false);
        CompletableFuture<Tentacle> lenderWaits = new CompletableFuture<>();
        loans.onWaiting(waiter -> {
            if (waiter.equals(reference)) {
                lenderWaits.complete(waiter);
            }
        });
        Lease lease = new Lease(reference, "fake:t-ref (REF)", fakes.instance("REF", "t-ref"),
                new VariantRuntime("REF", false, tests));

        CompletableFuture<Optional<BoardLostException>> lending = CompletableFuture.supplyAsync(
                () -> loans.lend(assignment, lease));
        CompletableFuture.anyOf(lenderWaits, lending).get(30, TimeUnit.SECONDS);
        assertThat(lending).as("the lender waits for its board").isNotDone();
        cancellation.cancel();
        assertThat(lending.get(30, TimeUnit.SECONDS)).as("ended by the cancellation, nothing lost").isEmpty();
        Loans.Borrowing late = loans.borrowing(assignment);
        assertThat(late.borrow(board)).as("a board coming late gets nothing").isInstanceOf(Loans.GaveUp.class);
        late.giveBack();
        assertThat(loans.pending()).as("both sides ended: the loan is forgotten").isZero();
    }

    private Bartender bartender(TestFileDescriptor... files) {
        // No history in an empty folder: every file counts the same.
        return new Bartender(List.of(board, reference), List.of(files), DurationHistory.load(outputs),
                interruption::cancelled);
    }

    private Worker worker(Bartender bartender, Tentacle tentacle, TargetFactory target) {
        Map<String, VariantRuntime> variants = new HashMap<>();
        return new Worker(new TentacleRig(tentacle, target, null, true),
                name -> variants.computeIfAbsent(name, variant -> new VariantRuntime(variant, false, tests)),
                bartender, loans, runners(), outcomes, Progress.onStderr(Progress.Mode.OFF));
    }

    /** The test's runners: a two-board runner for run-multitests groups, a one-board one for run-tests groups. */
    private Runners runners() {
        return new Runners(Map.<GroupKind, Runner>of(GroupKind.RUN_MULTITESTS, this::runPiece, GroupKind.RUN_TESTS,
                this::runOwn));
    }

    /** The test's two-board runner: the file on the board, its {@code _ref.py} sibling on the reference. */
    private Outcome runPiece(TestFileDescriptor file, Lease lease, Optional<Lease> referenceLease, Runnable started)
            throws BoardLostException {
        Lease other = referenceLease.orElseThrow(() -> new AssertionError("a two-board piece without its reference"));
        started.run();
        log.add("piece starts " + file.relativePath());
        try {
            String boardOutput = execute(lease, file.file());
            String referenceOutput = execute(other, referenceScript(file));
            if (watchLender) {
                lenderWaitsNow();
            }
            pieces.add(new PieceRun(file.relativePath(), lease, other, boardOutput, referenceOutput));
            return passed(boardOutput + referenceOutput);
        } finally {
            log.add("piece ends " + file.relativePath());
        }
    }

    /** Returns once the reference's worker is seen waiting for its lease to come back (it looks again every 200 ms). */
    private void lenderWaitsNow() {
        CompletableFuture<Tentacle> waits = new CompletableFuture<>();
        loans.onWaiting(waiter -> {
            if (waiter.equals(reference)) {
                waits.complete(waiter);
            }
        });
        try {
            waits.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the reference's worker did not wait for its lease during the piece", e);
        }
        loans.onWaiting(waiter -> { });
        log.add(reference.id() + " waits for its lease");
    }

    /** The test's one-board runner: the file on the tentacle's own target. */
    private Outcome runOwn(TestFileDescriptor file, Lease lease, Optional<Lease> referenceLease, Runnable started)
            throws BoardLostException {
        assertThat(referenceLease).isEmpty();
        started.run();
        log.add(lease.name() + " runs " + file.relativePath());
        ownLeases.put(file.relativePath(), lease);
        return passed(execute(lease, file.file()));
    }

    private static String execute(Lease lease, Path script) throws BoardLostException {
        try {
            Execution execution = lease.target().execute(new Script(script, SCRIPT_TIMEOUT, false, List.of()));
            return new String(execution.output(), StandardCharsets.UTF_8);
        } catch (BoardLostException e) {
            throw e;
        } catch (TargetException e) {
            throw new AssertionError(e);
        }
    }

    private static Outcome passed(String output) {
        return new Outcome.Judged(new Verdict(Verdict.Kind.PASS, "", "", null,
                output.getBytes(StandardCharsets.UTF_8), null, 0, 1), Duration.ZERO, List.of());
    }

    private TargetFactory opening(Tentacle tentacle) {
        return variant -> {
            opened.add(tentacle.id() + ":" + variant);
            return fakes.instance(variant, tentacle.id());
        };
    }

    /** Starts the worker and returns once it waits in the bartender: whatever starts next comes after. */
    private Thread startWhenWaiting(Bartender bartender, Tentacle tentacle, Worker worker) throws Exception {
        CompletableFuture<Tentacle> waits = new CompletableFuture<>();
        bartender.onWaiting(waiter -> {
            if (waiter.equals(tentacle)) {
                waits.complete(waiter);
            }
        });
        Thread thread = start(worker);
        waits.get(30, TimeUnit.SECONDS);
        bartender.onWaiting(waiter -> { });
        return thread;
    }

    private Thread start(Worker worker) {
        Thread thread = new Thread(worker, "test-worker");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((dead, death) -> deaths.add(death));
        thread.start();
        return thread;
    }

    private void ended(Thread... workers) throws InterruptedException {
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(worker.isAlive()).as("a worker still runs: something waits for ever").isFalse();
        }
        assertThat(loans.pending()).as("loans of pieces whose sides have both ended").isZero();
    }

    private TestFileDescriptor file(TestGroup group, String variant, String relativePath, String... directives)
            throws IOException {
        GroupDescriptor groupDescriptor = groups.computeIfAbsent(group, key -> {
            GroupDescriptor descriptor = new GroupDescriptor(engine.getUniqueId(), key);
            engine.addChild(descriptor);
            return descriptor;
        });
        VariantDescriptor variantDescriptor = groupDescriptor.getChildren().stream()
                .filter(child -> child.getDisplayName().equals(variant)).map(VariantDescriptor.class::cast)
                .findFirst().orElseGet(() -> {
                    VariantDescriptor descriptor = new VariantDescriptor(groupDescriptor, variant);
                    groupDescriptor.addChild(descriptor);
                    return descriptor;
                });
        write(tests.resolve(relativePath), directives);
        TestFileDescriptor file = new TestFileDescriptor(variantDescriptor, new TestsRoot(tests, true), relativePath,
                false);
        variantDescriptor.addChild(file);
        return file;
    }

    /** A two-board file of the board's variant, and what its {@code _ref.py} sibling does on the reference. */
    private TestFileDescriptor pair(String boardSide, String referenceSide) throws IOException {
        TestFileDescriptor pair = file(TestGroup.RUN_MULTITESTS_MULTINET, "BOARD", "multi_net/pair.py", boardSide);
        write(referenceScript(pair), referenceSide);
        return pair;
    }

    private static Path referenceScript(TestFileDescriptor file) {
        return file.file().resolveSibling(file.file().getFileName().toString().replace(".py", "_ref.py"));
    }

    private static void write(Path path, String... directives) throws IOException {
        Files.createDirectories(path.getParent());
        StringBuilder text = new StringBuilder();
        for (String directive : directives) {
            text.append("# fake: ").append(directive).append('\n');
        }
        Files.writeString(path, text);
    }

    private TestExecutionResult result(TestDescriptor file) {
        return events.getExecutionResults().allEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().equals(file)).findFirst()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .orElseThrow(() -> new AssertionError(file.getDisplayName() + " did not finish"));
    }

    private String skipReason(TestDescriptor file) {
        return events.getExecutionResults().allEvents().skipped().stream()
                .filter(event -> event.getTestDescriptor().equals(file)).findFirst()
                .map(event -> event.getRequiredPayload(String.class))
                .orElseThrow(() -> new AssertionError(file.getDisplayName() + " was not skipped"));
    }

    private OutputDirectoryCreator outputDirectories() {
        return new OutputDirectoryCreator() {
            @Override
            public Path getRootDirectory() {
                return outputs;
            }

            @Override
            public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                return Files.createDirectories(outputs.resolve(Integer.toHexString(descriptor.hashCode())));
            }
        };
    }
}
