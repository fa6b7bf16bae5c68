package dev.mpunit.engine.configuration;

import java.lang.management.ManagementFactory;

/**
 * How many tentacles that run on this machine (node hosts, unix ports, QEMUs, pty bridges) it
 * carries at once: the default of {@code micropython.max-local-tentacles}. A test keeps one core
 * busy while it computes, and boards spend much of their time waiting on their serial line, so
 * twice the cores is the most that still gains anything; each such tentacle with the CPython
 * beside it needs up to about {@value #MIB_PER_TENTACLE} MiB. More would only make tests time out.
 *
 * @param cores the processors the JVM may use
 * @param memoryMib the machine's (or container's) memory
 */
record LocalCapacity(int cores, long memoryMib) {

    static final long MIB_PER_TENTACLE = 256;

    static LocalCapacity ofThisMachine() {
        long bytes = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : Runtime.getRuntime().maxMemory();
        return new LocalCapacity(Runtime.getRuntime().availableProcessors(), bytes >> 20);
    }

    int tentacles() {
        return (int) Math.max(1, Math.min(2L * cores, memoryMib / MIB_PER_TENTACLE));
    }

    @Override
    public String toString() {
        return cores + (cores == 1 ? " core" : " cores") + " and " + (memoryMib >> 10) + " GiB";
    }
}
