package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestGroup;

import java.util.Optional;

import dev.mpunit.hardware.BoardLostException;

/**
 * The semantics of one kind of test group ({@link TestGroup#runner()}): how a piece of work is run
 * on the tentacle(s) a worker holds and judged. A runner reports nothing itself: it says
 * when the file starts to run and hands back its {@link Outcome}, which the {@link Outcomes outcome
 * sink} turns into events. A new kind of group (run-perfbench.py, run-multitests.py) is a new runner.
 */
public interface Runner {

    /**
     * @param lease the worker's tentacle, its target opened for the file's variant
     * @param reference the reference tentacle's lease for a two-board piece
     *     ({@link TestGroup#needsReferenceTentacle()}): its target opened for its reference variant
     *     ({@code Tentacle.referenceVariant()}) and that variant's runtime, lent by its worker for this
     *     call only (not to be kept, nor closed); empty for one-board work
     * @param started called when the file starts to run on the target (the sink reports it running)
     * @throws BoardLostException a tentacle is gone before the file was judged. The board's own: the
     *     piece goes back to the bartender, the file does not end here. The reference's: the file
     *     fails naming it, the board goes on.
     */
    Outcome run(TestFileDescriptor file, Lease lease, Optional<Lease> reference, Runnable started)
            throws BoardLostException;

    /** A group whose runner this engine lacks: its files are skipped with what is missing. */
    record NotSupportedYet(TestGroup group) implements Runner {

        @Override
        public Outcome run(TestFileDescriptor file, Lease lease, Optional<Lease> reference, Runnable started) {
            return new Outcome.Skipped(group.label() + " is not supported yet: this run has no runner for "
                    + group.runner());
        }
    }
}
