package dev.mpunit.engine.execution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.DurationHistory;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.TargetException;

/**
 * A one-board runner that judges a file on the worker's own target (run-tests.py's, run-perfbench.py's):
 * what they share for one run, and how what goes wrong becomes an {@link Outcome}. A lost board goes
 * back to the worker; a target or probe that fails, or CPython that cannot be run, fails the file
 * with its message; CPython stopped by an interruption is no verdict.
 */
abstract class JudgingRunner implements Runner {

    final EngineConfiguration configuration;
    final DurationHistory history;
    final RunResources resources;
    final Interruption interruption;

    JudgingRunner(EngineConfiguration configuration, DurationHistory history, RunResources resources,
            Interruption interruption) {
        this.configuration = configuration;
        this.history = history;
        this.resources = resources;
        this.interruption = interruption;
    }

    @Override
    public final Outcome run(TestFileDescriptor file, Lease lease, Optional<Lease> reference, Runnable started)
            throws BoardLostException {
        try {
            return runFile(file, lease, started);
        } catch (BoardLostException e) {
            throw e;
        } catch (ProbeException | TargetException e) {
            return new Outcome.Failed(new RunFailure(e.getMessage(), e));
        } catch (InterruptedIOException e) {
            return interruption.requested() ? new Outcome.Interrupted() : new Outcome.Failed(new RunFailure(e.getMessage(), e));
        } catch (IOException e) {
            return new Outcome.Failed(new RunFailure(e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            return new Outcome.Failed(e);
        }
    }

    /** The file run and judged on the lease's target; {@code started} when it starts to run there. */
    abstract Outcome runFile(TestFileDescriptor file, Lease lease, Runnable started)
            throws ProbeException, TargetException, IOException;
}
