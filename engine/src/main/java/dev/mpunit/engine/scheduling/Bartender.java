package dev.mpunit.engine.scheduling;

import dev.mpunit.engine.descriptor.TestFileDescriptor;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.platform.engine.CancellationToken;

/**
 * Hands out work to tentacles as they free up (docs/architecture.md, "Execution order"), one worker
 * thread per tentacle: whenever a worker asks, it gets the most valuable piece its tentacle can run
 * now ({@link WorkPlan} decides which), never discovery order. A worker with nothing to run now
 * waits while work it could take may still appear: a file given back by a lost tentacle, a firmware
 * still building, a reference tentacle still busy.
 */
public final class Bartender {

    private final WorkPlan<TestFileDescriptor> plan;
    private final BooleanSupplier cancelled;
    private final Set<Tentacle> idle = new HashSet<>();
    /** No more work is handed out (the testbed's USB failed): what is left is drained by the caller. */
    private boolean stopped;
    /** Told, under the bartender's lock, each time a worker starts to wait for work (tests synchronise on it). */
    private volatile Consumer<Tentacle> waiting = tentacle -> { };

    public Bartender(List<Tentacle> tentacles, List<TestFileDescriptor> files, DurationHistory history,
            CancellationToken cancellation) {
        this(tentacles, files, history, cancellation::isCancellationRequested);
    }

    /** @param cancelled whether the run was cancelled: by the launcher (fail-fast) or by an interruption */
    public Bartender(List<Tentacle> tentacles, List<TestFileDescriptor> files, DurationHistory history,
            BooleanSupplier cancelled) {
        this(tentacles, files, history, cancelled, Set.of());
    }

    /** @param firstFiles files (relative to their tests root) handed out before all others: a change's own tests */
    public Bartender(List<Tentacle> tentacles, List<TestFileDescriptor> files, DurationHistory history,
            BooleanSupplier cancelled, Set<String> firstFiles) {
        this.cancelled = cancelled;
        Comparator<TestFileDescriptor> tieBreak = Comparator
                .comparingLong((TestFileDescriptor file) -> -size(file))
                .thenComparing(TestFileDescriptor::relativePath);
        this.plan = new WorkPlan<>(tentacles, files.stream()
                .map(file -> new Piece<>(file, TestRuns.of(file), expectedMillis(history, file)))
                .toList(), tieBreak, file -> firstFiles.contains(file.relativePath()));
    }

    /** Earlier runs' durations when there are any; else every file counts the same, so file counts decide. */
    private static long expectedMillis(DurationHistory history, TestFileDescriptor file) {
        long expected = history.expectedMillis(file);
        return expected > 0 ? expected : 1000;
    }

    /** The tentacle already runs this variant's firmware: its first piece of it needs no flash. */
    public synchronized void flashed(Tentacle tentacle, String variant) {
        plan.flashed(tentacle, variant);
    }

    /** The variant's firmware is being built: only its own work waits. */
    public synchronized void building(String variant) {
        plan.building(variant);
    }

    public synchronized void built(String variant) {
        plan.built(variant);
        notifyAll();
    }

    /** The variant's firmware could not be built: its files are not handed out; the caller ends them. */
    public synchronized List<TestFileDescriptor> buildFailed(String variant) {
        List<TestFileDescriptor> withdrawn = plan.withdraw(variant).stream().map(Piece::item).toList();
        notifyAll();
        return withdrawn;
    }

    /**
     * Hands out nothing more from now on, as a cancellation does: the pieces running end as they
     * end; the caller ends those never handed out ({@link #drain}). Workers waiting for work are woken.
     */
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private boolean halted() {
        return stopped || cancelled.getAsBoolean();
    }

    /**
     * The next piece for this tentacle; empty when nothing is left it could run, the run was
     * cancelled (fail-fast stops handing out work) or {@linkplain #stop() stopped}.
     */
    public synchronized Optional<Assignment<TestFileDescriptor>> next(Tentacle tentacle) {
        idle.add(tentacle);
        try {
            while (!halted()) {
                Optional<Assignment<TestFileDescriptor>> picked = plan.pick(tentacle, idle::contains);
                if (picked.isPresent()) {
                    notifyAll();
                    while (!plan.started(picked.get())) {
                        // A two-board piece starts when its reference takes it up.
                        if (halted() || !waitAWhile(tentacle)) {
                            return Optional.empty();
                        }
                    }
                    if (plan.calledOff(picked.get())) {
                        continue;
                    }
                    return picked;
                }
                if (plan.finishedFor(tentacle) || !waitAWhile(tentacle)) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } finally {
            idle.remove(tentacle);
        }
    }

    /** Tests: who starts waiting for work, told before the lock is let go, so that whatever the test does next comes after. */
    public void onWaiting(Consumer<Tentacle> listener) {
        this.waiting = listener;
    }

    /** False when the worker's thread was interrupted: it stops asking. */
    private boolean waitAWhile(Tentacle tentacle) {
        waiting.accept(tentacle);
        try {
            // Cancellation has no callback: look again now and then.
            wait(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A piece handed out has ended (whatever its verdict). */
    public synchronized void done(Assignment<TestFileDescriptor> assignment) {
        plan.done(assignment.piece());
        notifyAll();
    }

    /**
     * A piece handed out has ended and its file runs again ({@code micropython.count},
     * {@code micropython.retry-failed}): it goes back into the plan at once, in the same step, so no
     * tentacle sees the plan finished in between.
     *
     * @param elsewhere a retry after a failure: another tentacle of the variant gets it when there is one
     */
    public synchronized void again(Assignment<TestFileDescriptor> assignment, boolean elsewhere) {
        plan.done(assignment.piece());
        plan.again(assignment.piece(), elsewhere ? assignment.tentacle() : null);
        notifyAll();
    }

    /**
     * The tentacle could not run the piece and is out for the rest of the run: the piece goes to the
     * next able tentacle, ahead of pieces of the same value.
     */
    public synchronized void lost(Tentacle tentacle, Assignment<TestFileDescriptor> unfinished) {
        plan.giveBack(unfinished.piece());
        plan.lost(tentacle);
        notifyAll();
    }

    /**
     * The tentacle is out for the rest of the run with no piece of its own in hand (it served as the
     * reference of a two-board piece, which its board's worker ends): two-board pieces that waited
     * for it go back.
     */
    public synchronized void lost(Tentacle tentacle) {
        plan.lost(tentacle);
        notifyAll();
    }

    /** What was never handed out (cancelled, or nobody was left to run it): ended by the caller. */
    public synchronized List<TestFileDescriptor> drain() {
        return plan.drain().stream().map(Piece::item).toList();
    }

    private static long size(TestFileDescriptor file) {
        return file.file().toFile().length();
    }
}
