package dev.mpunit.engine.configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.mpunit.hardware.tentacle.HubPorts;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * The testbed: its inventory (read and checked at discovery; it replaces {@code micropython.target}),
 * where each variant's firmware is and how it is built, whether the kernel log is watched for USB errors,
 * how hub ports are switched ({@link HubPorts#live(HubPorts.Switch)}).
 */
public record TestbedConfiguration(
        Optional<Testbed> inventory,
        Optional<Path> firmwareDirectory,
        Optional<String> firmwareBuild,
        Duration firmwareBuildTimeout,
        UsbHealthSettings usbHealth,
        HubPorts.Switch hubPower) {
}
