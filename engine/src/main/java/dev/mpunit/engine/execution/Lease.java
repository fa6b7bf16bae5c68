package dev.mpunit.engine.execution;

import dev.mpunit.engine.scheduling.Tentacle;

import dev.mpunit.hardware.Target;

/**
 * What a worker holds while it runs one piece of work, handed to the runner: its tentacle, the
 * target opened on it for the piece's variant and where that target lives. It does not change
 * during the piece; the next piece gets a lease of its own.
 *
 * @param port where the target lives (a command line, a serial port), for {@code micropython.port}
 */
record Lease(Tentacle tentacle, String port, Target target, VariantRuntime variant) {

    /** The tentacle's id in reports ({@code micropython.tentacle}). */
    String name() {
        return tentacle.id();
    }
}
