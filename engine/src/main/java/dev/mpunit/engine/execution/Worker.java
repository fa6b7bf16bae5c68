package dev.mpunit.engine.execution;

import dev.mpunit.engine.tentacle.Firmwares;

import dev.mpunit.engine.scheduling.Tentacle;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.Assignment;
import dev.mpunit.engine.scheduling.Bartender;
import dev.mpunit.engine.tentacle.TentacleRig;

import java.util.Optional;
import java.util.function.Function;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * Owns one tentacle: asks the bartender for work whenever it is free, hands each piece and a lease
 * of its tentacle to the runner of the piece's group, and gives what comes back to the outcome
 * sink, on its own thread. Opens its target on the first piece of work only. A tentacle that cannot
 * be opened, or is lost for good after recovery, is taken out: the piece it held goes back to the
 * bartender for the others.
 *
 * <p>Two-board pieces: the bartender hands the piece to both tentacles. The reference's worker
 * lends its lease ({@link Loans}) for the piece and goes on with its own work after; the board's
 * worker runs the piece with both leases.
 */
final class Worker implements Runnable {

    private final TentacleRig rig;
    private final Function<String, VariantRuntime> variants;
    private final Bartender bartender;
    private final Loans loans;
    private final Runners runners;
    private final Outcomes outcomes;
    private final Progress progress;
    /** The target open on the tentacle, and the variant it runs: kept from one piece to the next. */
    private Target target;
    private String targetVariant;

    /** @param variants the run's variant runtimes by name, shared by every worker */
    Worker(TentacleRig rig, Function<String, VariantRuntime> variants, Bartender bartender, Loans loans,
            Runners runners, Outcomes outcomes, Progress progress) {
        this.rig = rig;
        this.variants = variants;
        this.bartender = bartender;
        this.loans = loans;
        this.runners = runners;
        this.outcomes = outcomes;
        this.progress = progress;
    }

    /** The worker's id in reports ({@code micropython.tentacle}). */
    private String name() {
        return rig.tentacle().id();
    }

    @Override
    public void run() {
        boolean leftInOrder = false;
        try {
            Optional<Assignment<TestFileDescriptor>> next;
            while ((next = bartender.next(rig.tentacle())).isPresent()) {
                Assignment<TestFileDescriptor> assignment = next.get();
                boolean goOn = assignment.tentacle() == rig.tentacle() ? runOne(assignment) : lend(assignment);
                if (!goOn) {
                    break;
                }
            }
            leftInOrder = true;
        } finally {
            if (!leftInOrder) {
                // Something unforeseen ended this worker: a two-board piece that reserved this tentacle
                // as its reference must not wait for it.
                bartender.lost(rig.tentacle());
            }
            if (target != null) {
                target.close();
            }
            release();
        }
    }

    /** The tentacle is let go (a real one powered off); its record of actions goes into the run's report. */
    private void release() {
        try {
            rig.target().release().ifPresent(record -> outcomes.tentacleLife(rig.tentacle(), record));
        } catch (RuntimeException e) {
            outcomes.tentacleLife(rig.tentacle(), "releasing the tentacle failed: " + e);
        }
    }

    /** False when the tentacle was lost: the piece went back to the bartender. */
    private boolean runOne(Assignment<TestFileDescriptor> assignment) {
        TestFileDescriptor file = assignment.piece().item();
        Optional<Loans.Borrowing> borrowing = assignment.reference().map(reference -> loans.borrowing(assignment));
        boolean settled = false;
        try {
            progress.testStarted(name(), file.relativePath());
            Attempts.Next next = run(file, borrowing);
            settled = true;
            if (next == Attempts.Next.DONE) {
                bartender.done(assignment);
                progress.testFinished(name(), file.relativePath(), outcomes.failed(file));
            } else if (next != null) {
                // It runs again (micropython.count, micropython.retry-failed); a retry on another tentacle.
                bartender.again(assignment, next == Attempts.Next.ELSEWHERE);
                progress.testGivenBack(name(), file.relativePath());
            } else {
                bartender.done(assignment);
                progress.testGivenBack(name(), file.relativePath());
            }
            return true;
        } catch (BoardLostException e) {
            outcomes.lost(rig.tentacle(), file, e);
            settled = true;
            bartender.lost(rig.tentacle(), assignment);
            progress.testGivenBack(name(), file.relativePath());
            return false;
        } finally {
            // Whatever happened, the reference goes on (given back already when the runner ended).
            borrowing.ifPresent(Loans.Borrowing::giveBack);
            if (!settled) {
                // Something unforeseen ended this worker: the piece must not stay held, or the
                // tentacles waiting for it would wait for ever. It is ended as unfinished later.
                bartender.done(assignment);
            }
        }
    }

    /**
     * Whether the file ended or runs again; null when it was not run and did not end here: the run was
     * cancelled before its reference came.
     */
    private Attempts.Next run(TestFileDescriptor file, Optional<Loans.Borrowing> borrowing) throws BoardLostException {
        VariantRuntime variant = variants.apply(file.variant());
        Lease lease = null;
        Optional<Loans.Lent> reference = Optional.empty();
        Outcome outcome;
        try {
            lease = new Lease(rig.tentacle(), open(variant).port(), target, variant);
            if (borrowing.isPresent()) {
                Loans.Borrowed borrowed = borrowing.get().borrow(rig.tentacle());
                if (borrowed instanceof Loans.Refused refused) {
                    return outcomes.record(file, lease, new Outcome.Failed(new RunFailure(refused.reason(), null)));
                }
                if (borrowed instanceof Loans.GaveUp) {
                    // Cancelled before the reference came: the file was not run; the run's end reports it.
                    return null;
                }
                reference = Optional.of((Loans.Lent) borrowed);
            }
            try {
                outcome = runners.of(file.group()).run(file, lease, reference.map(Loans.Lent::lease),
                        () -> outcomes.started(file));
            } finally {
                // The reference is held only while the piece runs.
                borrowing.ifPresent(Loans.Borrowing::giveBack);
            }
        } catch (BoardLostException e) {
            if (reference.isEmpty() || !reference.get().lostReference(e)) {
                throw e;
            }
            // The reference's board is gone, not this one: the piece ends here, this tentacle goes on.
            Tentacle lost = reference.get().lease().tentacle();
            outcome = new Outcome.Failed(new RunFailure("the reference tentacle " + lost.id() + " was lost: "
                    + e.getMessage(), e));
        } catch (TargetException e) {
            // The variant's firmware is not there: that file fails, the tentacle stays in for its other variants.
            outcome = new Outcome.Failed(new RunFailure(e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            outcome = new Outcome.Failed(e);
        }
        try {
            return outcomes.record(file, lease, outcome);
        } catch (RuntimeException | Error e) {
            return outcomes.record(file, lease, new Outcome.Failed(e));
        }
    }

    /**
     * The reference side of a two-board piece: opens this tentacle's target for its reference
     * variant and lends the lease to the board's worker until the piece ends. False when this
     * tentacle is out: its target could not be opened, or its board was lost during the piece.
     */
    private boolean lend(Assignment<TestFileDescriptor> assignment) {
        Tentacle tentacle = rig.tentacle();
        String variantName = tentacle.referenceVariant();
        Lease lease;
        try {
            VariantRuntime variant = variants.apply(variantName);
            lease = new Lease(tentacle, open(variant).port(), target, variant);
        } catch (TargetException | RuntimeException | Error e) {
            loans.refuse(assignment, "the reference tentacle " + tentacle.id() + " could not be opened for "
                    + variantName + ": " + e.getMessage());
            if (!(e instanceof BoardLostException lost)) {
                // A firmware file that is not there: that piece fails, the tentacle stays in for the rest.
                return true;
            }
            referenceLost(lost);
            return false;
        }
        Optional<BoardLostException> lost = loans.lend(assignment, lease);
        if (lost.isPresent()) {
            referenceLost(lost.get());
            return false;
        }
        return true;
    }

    /** This tentacle is out; it held no file of its own, so nothing goes back. */
    private void referenceLost(BoardLostException why) {
        outcomes.lost(rig.tentacle(), why);
        bartender.lost(rig.tentacle());
    }

    /**
     * The tentacle's target, running the given variant: a tentacle that changes variant is closed
     * and opened again (flashed on the way). A target that cannot be opened takes its tentacle out;
     * the reason stays with its variants. A variant's firmware that is not there fails that file
     * only ({@link Firmwares.Missing}).
     */
    private Target open(VariantRuntime variant) throws TargetException {
        if (target != null && !variant.name().equals(targetVariant)) {
            Target old = target;
            target = null;
            old.close();
        }
        if (target == null) {
            try {
                targetVariant = variant.name();
                target = rig.target().open(targetVariant);
            } catch (BoardLostException | Firmwares.Missing e) {
                throw e;
            } catch (TargetException e) {
                throw new BoardLostException(e.getMessage(), e);
            }
        }
        return target;
    }
}
