package dev.mpunit.engine;

import java.util.Optional;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * Owns one target instance (a local port or a board): asks the bartender for work whenever it is free,
 * runs it, reports it on its own thread. Opens its target on the first piece of work only.
 */
final class Worker implements Runnable {

    private final String name;
    private final int instance;
    private final VariantRuntime variant;
    private final Bartender bartender;
    private final TestFileRun fileRun;
    private Target target;

    Worker(VariantRuntime variant, int instance, Bartender bartender, TestFileRun fileRun) {
        this.variant = variant;
        this.instance = instance;
        this.name = variant.name() + "#" + instance;
        this.bartender = bartender;
        this.fileRun = fileRun;
    }

    /** The worker's id in reports ({@code micropython.tentacle}): the variant and instance number. */
    String name() {
        return name;
    }

    /** Where the target lives (command line, serial port), once it is open. */
    String port() {
        return target == null ? variant.name() : target.port();
    }

    Target target() throws TargetException {
        if (target == null) {
            target = variant.open(instance);
        }
        return target;
    }

    /**
     * Runs files until none are left for its variant. A lost board (recovery failed) ends the
     * worker: the file it could not run goes back to the bartender for the variant's other boards.
     */
    @Override
    public void run() {
        try {
            Optional<TestFileDescriptor> file;
            while ((file = bartender.next(variant.name())).isPresent()) {
                boolean givenBack = false;
                try {
                    fileRun.run(file.get(), this);
                } catch (BoardLostException e) {
                    variant.lost("board " + instance, e);
                    bartender.giveBack(file.get());
                    givenBack = true;
                    return;
                } finally {
                    if (!givenBack) {
                        bartender.done(file.get());
                    }
                }
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    VariantRuntime variant() {
        return variant;
    }
}
