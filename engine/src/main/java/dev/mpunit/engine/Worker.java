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
     * tentacle out; the reason stays with the variant.
     */
    Target target() throws BoardLostException {
        if (target != null && !variant.name().equals(targetVariant)) {
            target.close();
            target = null;
        }
        if (target == null) {
            try {
                targetVariant = variant.name();
                target = rig.target().open(targetVariant);
            } catch (BoardLostException e) {
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
            Optional<Assignment<TestFileDescriptor>> assignment;
            while ((assignment = bartender.next(rig.tentacle())).isPresent()) {
                TestFileDescriptor file = assignment.get().piece().item();
                variant = resources.variant(file.variant());
                boolean lost = false;
                progress.testStarted(name(), file.relativePath());
                try {
                    fileRun.run(file, this);
                } catch (BoardLostException e) {
                    lost = true;
                    variant.lost(name(), e);
                    bartender.lost(rig.tentacle(), assignment.get());
                    return;
                } finally {
                    if (!lost) {
                        bartender.done(assignment.get());
                        progress.testFinished(name(), file.relativePath(), fileRun.failed(file));
                    } else {
                        progress.testGivenBack(name(), file.relativePath());
                    }
                }
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /** The variant of the file being run. */
    VariantRuntime variant() {
        return variant;
    }
}
