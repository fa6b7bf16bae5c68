package dev.mpunit.hardware.tentacle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.mpunit.hardware.serial.SerialPortInfo;
import dev.mpunit.hardware.serial.SerialPorts;

/**
 * Finds the DUT's serial port by its USB location after power-on: waits the board's power-on delay
 * (a USB-UART bridge board needs one: ESP32 1 s, S3 2 s), then polls the ports until one is at
 * that location ({@code 1-2.3} also matches an interface {@code 1-2.3:1.0}, as {@link SerialPorts} does).
 */
public final class DutPort {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Supplier<List<SerialPortInfo>> ports;

    DutPort(Supplier<List<SerialPortInfo>> ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /** The port path at {@code location} on this machine's serial ports. */
    public static String await(String location, Duration powerOnDelay, Duration timeout) throws TentacleException {
        return new DutPort(SerialPorts::list).find(location, powerOnDelay, timeout);
    }

    /** The port path at {@code location} among {@code host}'s serial ports, polled for up to {@code timeout}. */
    public static String await(UsbHost host, String location, Duration timeout) throws TentacleException {
        return new DutPort(host::serialPorts).find(location, Duration.ZERO, timeout);
    }

    String find(String location, Duration powerOnDelay, Duration timeout) throws TentacleException {
        HubPorts.sleep(powerOnDelay);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<SerialPortInfo> found = ports.get().stream().filter(port -> port.location().equals(location)
                    || port.location().startsWith(location + ":")).toList();
            if (!found.isEmpty()) {
                // A board with two interfaces (REPL and a second CDC) lists the REPL first.
                return found.stream().map(SerialPortInfo::path).sorted().findFirst().orElseThrow();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TentacleException("no serial port appeared at USB location " + location + " within "
                        + HubPorts.millis(timeout) + " after power-on: is the board's firmware running a USB REPL?");
            }
            HubPorts.sleep(POLL);
        }
    }
}
