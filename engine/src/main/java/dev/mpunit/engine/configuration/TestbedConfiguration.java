package dev.mpunit.engine.configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.mpunit.hardware.tentacle.HubPorts;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * The testbed: its inventory (read and checked at discovery; it replaces {@code micropython.target}),
 * where each variant's firmware is and how it is built, whether the kernel log is watched for USB errors,
 * how hub ports are switched ({@link HubPorts#live(HubPorts.Switch)}), whether real tentacles are
 * flashed, the lock that keeps other runs off it and whose USB drives them.
 *
 * @param lockFile the lock file set by {@code micropython.testbed.lock}; empty for the default
 * @param usb {@code live} or {@code simulated:<folder>}
 */
public record TestbedConfiguration(
        Optional<Testbed> inventory,
        Optional<Path> firmwareDirectory,
        Optional<String> firmwareBuild,
        Duration firmwareBuildTimeout,
        UsbHealthSettings usbHealth,
        HubPorts.Switch hubPower,
        Flashing flashing,
        Optional<Path> lockFile,
        String usb) {

    /** {@code micropython.flash}: when a real tentacle's board is flashed. */
    public enum Flashing {
        /** When the firmware check finds another firmware than the variant's. */
        AUTO,
        /** Always, without checking first (Octoprobe's {@code --flash-force}). */
        FORCE,
        /** Never: the board runs what it has (Octoprobe's {@code --flash-skip}). */
        SKIP
    }
}
