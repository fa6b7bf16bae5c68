package dev.mpunit.hardware.tentacle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches the power of a hub's downstream ports with USB hub class requests, as uhubctl does:
 * SET_FEATURE / CLEAR_FEATURE PORT_POWER ({@code bmRequestType 0x23}, {@code bRequest 0x03 / 0x01},
 * {@code wValue 8}, {@code wIndex} = port). The USB2514 on a tentacle switches each port on its own.
 */
public final class HubPorts {

    static final int REQUEST_TYPE_CLASS_OTHER = 0x23;
    static final int CLEAR_FEATURE = 0x01;
    static final int SET_FEATURE = 0x03;
    static final int PORT_POWER = 8;
    private static final Duration POLL = Duration.ofMillis(100);

    /** Switches one port of a hub found on the tree. */
    @FunctionalInterface
    private interface PortSwitch {
        void power(String hubLocation, int port, boolean on) throws TentacleException;
    }

    private final UsbTree tree;
    private final PortSwitch portSwitch;

    HubPorts(UsbTree tree, ControlTransfers transfers) {
        this.tree = Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(transfers, "transfers");
        this.portSwitch = (hubLocation, port, on) -> transfers.send(hub(hubLocation), new ControlTransfers.Request(
                REQUEST_TYPE_CLASS_OTHER, on ? SET_FEATURE : CLEAR_FEATURE, PORT_POWER, port));
    }

    private HubPorts(UsbHost host) {
        this.tree = host.tree();
        this.portSwitch = host::power;
    }

    /** Hub ports of the live USB tree, switched through libusb. */
    public static HubPorts libusb() {
        return new HubPorts(new LibUsbTree(), new LibUsbControlTransfers());
    }

    /** Hub ports of {@code host}'s tree, switched the way it switches them (a simulated testbed's). */
    public static HubPorts of(UsbHost host) {
        return new HubPorts(Objects.requireNonNull(host, "host"));
    }

    /** Powers port {@code port} of the hub at {@code hubLocation} on or off. */
    public void power(String hubLocation, int port, boolean on) throws TentacleException {
        if (port < 1 || port > 7) {
            throw new IllegalArgumentException("hub ports are numbered 1 to 7 here, not " + port);
        }
        portSwitch.power(hubLocation, port, on);
    }

    /**
     * Powers the port off, waits {@code off}, powers it on and waits until a device shows on that
     * port again.
     *
     * @param label names the tentacle in the message ({@code tentacle 2731})
     * @return the device that came back
     * @throws TentacleException naming the tentacle and the port when no device came within {@code comeBack}
     */
    public UsbDevice cycle(String label, String hubLocation, int port, Duration off, Duration comeBack)
            throws TentacleException {
        power(hubLocation, port, false);
        sleep(off);
        power(hubLocation, port, true);
        return awaitDevice(label, hubLocation, port, comeBack);
    }

    /** Polls the tree until a device is on {@code port} of the hub. */
    UsbDevice awaitDevice(String label, String hubLocation, int port, Duration timeout) throws TentacleException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<UsbDevice> device = onPort(hub(hubLocation), port, tree.devices());
            if (device.isPresent()) {
                return device.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TentacleException(label + ": no USB device came back on port " + port + " of hub "
                        + hubLocation + " (" + UsbDevice.portLocation(hubLocation, port) + ") within "
                        + millis(timeout) + " after power-on: is the board plugged in and alive?");
            }
            sleep(POLL);
        }
    }

    private UsbDevice hub(String hubLocation) throws TentacleException {
        UsbDevice.Location location = UsbDevice.parseLocation(hubLocation)
                .orElseThrow(() -> new IllegalArgumentException("not a USB location: " + hubLocation));
        List<UsbDevice> devices = tree.devices();
        return devices.stream().filter(d -> d.bus() == location.bus() && d.path().equals(location.path()))
                .findFirst().orElseThrow(() -> new TentacleException("no USB hub at " + hubLocation + " ("
                        + devices.size() + " USB devices seen on " + tree.source() + "): was the tentacle unplugged?"));
    }

    private static Optional<UsbDevice> onPort(UsbDevice hub, int port, List<UsbDevice> devices) {
        return devices.stream().filter(d -> d.isOnPort(hub.bus(), hub.path(), port)).findFirst();
    }

    static String millis(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static void sleep(Duration duration) throws TentacleException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TentacleException("interrupted", e);
        }
    }
}
