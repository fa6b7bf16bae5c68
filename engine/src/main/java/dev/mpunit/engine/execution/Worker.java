package dev.mpunit.engine.execution;

import dev.mpunit.engine.tentacle.Firmwares;

import dev.mpunit.engine.scheduling.Tentacle;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.Assignment;
import dev.mpunit.engine.scheduling.Bartender;
import dev.mpunit.engine.tentacle.TentacleRig;

import java.util.Optional;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * Owns one tentacle: asks the bartender for work whenever it is free, hands each piece and a lease
 * of its tentacle to the runner of the piece's group, and gives what comes back to the outcome
 * sink, on its own thread. Opens its target on the first piece of work only. A tentacle that cannot
 * be opened, or is lost for good after recovery, is taken out: the piece it held goes back to the
 * bartender for the others.
 */
final class Worker implements Runnable {

    private final TentacleRig rig;
    private final RunResources resources;
    private final Bartender bartender;
    private final Runners runners;
    private final Outcomes outcomes;
    private final Progress progress;
    /** The target open on the tentacle, and the variant it runs: kept from one piece to the next. */
    private Target target;
    private String targetVariant;

    Worker(TentacleRig rig, RunResources resources, Bartender bartender, Runners runners, Outcomes outcomes,
            Progress progress) {
        this.rig = rig;
        this.resources = resources;
        this.bartender = bartender;
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
        try {
            Optional<Assignment<TestFileDescriptor>> next;
            while ((next = bartender.next(rig.tentacle())).isPresent()) {
                Assignment<TestFileDescriptor> assignment = next.get();
                if (assignment.tentacle() != rig.tentacle()) {
                    // The reference side of a two-board piece: the board's worker runs and ends it.
                    // (No two-board group runs in this engine yet; the bartender only schedules them.)
                    continue;
                }
                if (!runOne(assignment)) {
                    return;
                }
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /** False when the tentacle was lost: the piece went back to the bartender. */
    private boolean runOne(Assignment<TestFileDescriptor> assignment) {
        TestFileDescriptor file = assignment.piece().item();
        boolean settled = false;
        try {
            progress.testStarted(name(), file.relativePath());
            run(file, assignment.reference());
            settled = true;
            bartender.done(assignment);
            progress.testFinished(name(), file.relativePath(), outcomes.failed(file));
            return true;
        } catch (BoardLostException e) {
            outcomes.lost(rig.tentacle(), file, e);
            settled = true;
            bartender.lost(rig.tentacle(), assignment);
            progress.testGivenBack(name(), file.relativePath());
            return false;
        } finally {
            if (!settled) {
                // Something unforeseen ended this worker: the piece must not stay held, or the
                // tentacles waiting for it would wait for ever. It is ended as unfinished later.
                bartender.done(assignment);
            }
        }
    }

    private void run(TestFileDescriptor file, Optional<Tentacle> reference) throws BoardLostException {
        VariantRuntime variant = resources.variant(file.variant());
        Lease lease = null;
        Outcome outcome;
        try {
            lease = new Lease(rig.tentacle(), open(variant).port(), target, variant);
            outcome = runners.of(file.group()).run(file, lease, reference, () -> outcomes.started(file));
        } catch (BoardLostException e) {
            throw e;
        } catch (TargetException e) {
            // The variant's firmware is not there: that file fails, the tentacle stays in for its other variants.
            outcome = new Outcome.Failed(new RunFailure(e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            outcome = new Outcome.Failed(e);
        }
        try {
            outcomes.record(file, lease, outcome);
        } catch (RuntimeException | Error e) {
            outcomes.record(file, lease, new Outcome.Failed(e));
        }
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
