package dev.mpunit.engine;

import java.util.Optional;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * Owns one tentacle: asks the bartender for work whenever it is free, runs it, reports it on its own
 * thread. Opens its target on the first piece of work only. A tentacle that cannot be opened, or is
 * lost for good after recovery, is taken out: the piece it held goes back to the bartender for the
 * others.
 */
final class Worker implements Runnable {

    private final TentacleRig rig;
    private final RunResources resources;
    private final Bartender bartender;
    private final TestFileRun fileRun;
    private final Progress progress;
    private Target target;
    private String targetVariant;
    private VariantRuntime variant;

    Worker(TentacleRig rig, RunResources resources, Bartender bartender, TestFileRun fileRun, Progress progress) {
        this.rig = rig;
        this.progress = progress;
        this.resources = resources;
        this.bartender = bartender;
        this.fileRun = fileRun;
    }

    /** The worker's id in reports ({@code micropython.tentacle}). */
    String name() {
        return rig.tentacle().id();
    }

    /** Where the target lives (command line, serial port), once it is open. */
    String port() {
        return target == null ? name() : target.port();
    }

    /**
     * The tentacle's target, running the variant of the file at hand: a tentacle that changes variant
     * is closed and opened again (flashed on the way). A target that cannot be opened takes its
     * tentacle out; the reason stays with its variants. A variant's firmware that is not there fails
     * that file only: the tentacle stays in for its other variants.
     */
    Target target() throws TargetException {
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
            variant = resources.variant(file.variant());
            progress.testStarted(name(), file.relativePath());
            fileRun.run(file, this);
            settled = true;
            bartender.done(assignment);
            progress.testFinished(name(), file.relativePath(), fileRun.failed(file));
            return true;
        } catch (BoardLostException e) {
            fileRun.givenBack(file, name(), e);
            for (String offered : rig.tentacle().variants()) {
                resources.variant(offered).lost(name(), e);
            }
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

    /** The variant of the file being run. */
    VariantRuntime variant() {
        return variant;
    }
}
