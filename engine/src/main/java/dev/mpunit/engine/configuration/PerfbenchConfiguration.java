package dev.mpunit.engine.configuration;

import java.util.Optional;

import dev.mpunit.hardware.testbed.Perfbench;

/**
 * How RUN-PERFBENCH runs: run-perfbench.py's {@code -a} (runs per benchmark) and the N and M of
 * tentacles whose inventory entry names none.
 *
 * @param average runs per benchmark, whose mean and spread are reported
 * @param nm N and M for every tentacle without its own {@code perfbench} field; empty: the
 *     defaults of its kind of target
 */
public record PerfbenchConfiguration(int average, Optional<Perfbench> nm) {

    /** run-perfbench.py's default of {@code -a}. */
    public static final int DEFAULT_AVERAGE = 8;

    /**
     * N and M when neither the tentacle's inventory entry nor {@code micropython.perfbench.n-m} gives
     * them. Ours: upstream has no defaults, only comments naming {@code 1000 1000} for a PC and
     * {@code 100 100} for a pyboard or ESP32. The unix port is a PC; webassembly runs about as fast as
     * a pyboard under node and its clock counts milliseconds; a board is a pyboard.
     */
    public static Perfbench defaultFor(String variant) {
        return variant.equals("unix") ? new Perfbench(1000, 1000) : new Perfbench(100, 100);
    }
}
