package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches the power of a hub's downstream ports, one of two ways: the kernel's sysfs file
 * {@code /sys/bus/usb/devices/<hub>:1.0/<hub>-port<N>/disable} (write {@code 1} for off, {@code 0} for on;
 * Linux 6.0 and later), as Octoprobe does, or USB hub class requests through libusb, as uhubctl does:
 * SET_FEATURE / CLEAR_FEATURE PORT_POWER ({@code bmRequestType 0x23}, {@code bRequest 0x03 / 0x01},
 * {@code wValue 8}, {@code wIndex} = port). The USB2514 on a tentacle switches each port on its own.
 * Both need a right this user may lack; a missing one is one message naming the tentacle, the file or
 * device, and the udev rule that gives it.
 */
public final class HubPorts {

    static final int REQUEST_TYPE_CLASS_OTHER = 0x23;
    static final int CLEAR_FEATURE = 0x01;
    static final int SET_FEATURE = 0x03;
    static final int PORT_POWER = 8;
    /** libusb's {@code LIBUSB_ERROR_ACCESS}: the device node cannot be opened by this user. */
    static final int LIBUSB_ERROR_ACCESS = -3;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Path SYSFS_DEVICES = Path.of("/sys/bus/usb/devices");
    private static final Path DEVICE_NODES = Path.of("/dev/bus/usb");

    /** The udev rule that lets the {@code plugdev} group switch tentacle hub ports, both ways. */
    public static final String UDEV_RULE = "SUBSYSTEM==\"usb\", DRIVER==\"usb\", ATTR{idVendor}==\"0424\","
            + " ATTR{idProduct}==\"2514\", MODE=\"0660\", GROUP=\"plugdev\","
            + " RUN+=\"/bin/sh -c 'chgrp plugdev /sys%p/*:1.0/*-port*/disable; chmod g+w /sys%p/*:1.0/*-port*/disable'\"";
    /** Where the rule goes, and how udev takes it up without a reboot. */
    public static final String UDEV_FIX = "add the line " + UDEV_RULE + " to /etc/udev/rules.d/49-mpunit-hub-power.rules,"
            + " then run sudo udevadm control --reload && sudo udevadm trigger --attr-match=subsystem=usb,"
            + " and add your user to the plugdev group (sudo usermod -aG plugdev $USER, then log in again);"
            + " see docs/testbed-host.md";

    /** How ports are switched: {@code micropython.hub-power}. */
    public enum Switch {
        /** The sysfs file when it exists and is writable, else libusb. */
        AUTO,
        /** Only the sysfs file. */
        SYSFS,
        /** Only libusb. */
        LIBUSB;

        /** {@code auto}, {@code sysfs}, {@code libusb}, any case. */
        public static Switch parse(String value) {
            for (Switch each : values()) {
                if (each.word().equals(value.strip().toLowerCase(java.util.Locale.ROOT))) {
                    return each;
                }
            }
            throw new IllegalArgumentException("\"" + value + "\" is not auto, sysfs or libusb");
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final UsbTree tree;
    private final ControlTransfers transfers;
    private final Path sysfs;
    private final Path deviceNodes;
    private final Switch way;
    /** Set for a host of its own (a simulated testbed): it switches the ports; else this machine's way. */
    private final UsbHost host;

    HubPorts(UsbTree tree, ControlTransfers transfers) {
        this(tree, transfers, SYSFS_DEVICES, DEVICE_NODES, Switch.LIBUSB);
    }

    /**
     * @param sysfs where the kernel lists USB devices ({@code /sys/bus/usb/devices})
     * @param deviceNodes where libusb opens them ({@code /dev/bus/usb})
     */
    HubPorts(UsbTree tree, ControlTransfers transfers, Path sysfs, Path deviceNodes, Switch way) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.transfers = Objects.requireNonNull(transfers, "transfers");
        this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
        this.deviceNodes = Objects.requireNonNull(deviceNodes, "deviceNodes");
        this.way = Objects.requireNonNull(way, "way");
        this.host = null;
    }

    private HubPorts(UsbHost host) {
        this.tree = host.tree();
        this.transfers = null;
        this.sysfs = SYSFS_DEVICES;
        this.deviceNodes = DEVICE_NODES;
        this.way = Switch.AUTO;
        this.host = host;
    }

    /** Hub ports of the live USB tree, switched the given way. */
    public static HubPorts live(Switch way) {
        return of(new LibUsbTree(), way);
    }

    /** Hub ports of {@code host}'s tree, switched the way it switches them (a simulated testbed's). */
    public static HubPorts of(UsbHost host) {
        return new HubPorts(Objects.requireNonNull(host, "host"));
    }

    /**
     * Powers port {@code port} of the hub at {@code hubLocation} on or off.
     *
     * @throws TentacleException naming the tentacle, the file or device and the udev rule to add when
     *     this user may not switch it; naming the hub when it is gone
     */
    public void power(String hubLocation, int port, boolean on) throws TentacleException {
        if (port < 1 || port > 7) {
            throw new IllegalArgumentException("hub ports are numbered 1 to 7 here, not " + port);
        }
        if (host != null) {
            host.power(hubLocation, port, on);
            return;
        }
        UsbDevice hub = hub(hubLocation);
        Path disable = disableFile(hubLocation, port);
        boolean sysfsWritable = Files.isWritable(disable);
        if (way == Switch.SYSFS || (way == Switch.AUTO && sysfsWritable)) {
            writeDisable(hub, disable, port, on);
            return;
        }
        try {
            transfers.send(hub, new ControlTransfers.Request(REQUEST_TYPE_CLASS_OTHER, on ? SET_FEATURE : CLEAR_FEATURE,
                    PORT_POWER, port));
        } catch (ControlTransfers.Refused e) {
            if (e.libusbError() != LIBUSB_ERROR_ACCESS) {
                throw e;
            }
            throw noRight(hub, port, (way == Switch.AUTO && Files.exists(disable) ? disable + " is not writable and " : "")
                    + deviceNode(hub) + " (the hub's device node) cannot be opened (LIBUSB_ERROR_ACCESS)");
        }
    }

    /**
     * Why this user cannot switch the ports of the hub at {@code hubLocation} the configured way; empty
     * when it can (as far as file rights tell: nothing is switched).
     */
    public Optional<String> missingRight(String hubLocation) throws TentacleException {
        if (host != null) {
            return Optional.empty();
        }
        UsbDevice hub = hub(hubLocation);
        Path disable = disableFile(hubLocation, DUT_PORT);
        Path node = deviceNode(hub);
        boolean sysfsOk = Files.isWritable(disable);
        boolean libusbOk = Files.isReadable(node) && Files.isWritable(node);
        return switch (way) {
            case SYSFS -> sysfsOk ? Optional.empty() : Optional.of(whyNot(disable));
            case LIBUSB -> libusbOk ? Optional.empty() : Optional.of(node + " is not writable");
            case AUTO -> sysfsOk || libusbOk ? Optional.empty()
                    : Optional.of((Files.exists(disable) ? disable + " is not writable and " : "") + node + " is not writable");
        };
    }

    /** Hub ports of this machine's hubs as {@code tree} lists them (the live tree), switched the given way. */
    public static HubPorts of(UsbTree tree, Switch way) {
        return new HubPorts(tree, new LibUsbControlTransfers(), SYSFS_DEVICES, DEVICE_NODES, way);
    }

    /**
     * One line when this user cannot switch the power of some of these tentacle hubs: which, why, and
     * the fix; empty when every one can be switched (as far as file rights tell) or none is given.
     */
    public Optional<String> rightsLine(List<String> hubLocations) {
        List<String> missing = new java.util.ArrayList<>();
        for (String hub : hubLocations) {
            try {
                missingRight(hub).ifPresent(why -> missing.add(hub + ": " + why));
            } catch (TentacleException e) {
                missing.add(hub + ": " + e.getMessage());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("hub power: this user may not switch the power of " + missing.size() + " of "
                + hubLocations.size() + " tentacle hub" + (hubLocations.size() == 1 ? "" : "s") + " ("
                + way.word() + "; " + String.join("; ", missing) + "): " + UDEV_FIX);
    }

    /** The port that tells whether a hub's ports may be switched: all have the same rights. */
    private static final int DUT_PORT = 3;

    private Path disableFile(String hubLocation, int port) {
        return sysfs.resolve(hubLocation + ":1.0").resolve(hubLocation + "-port" + port).resolve("disable");
    }

    private Path deviceNode(UsbDevice hub) {
        return deviceNodes.resolve(String.format("%03d", hub.bus())).resolve(String.format("%03d", hub.address()));
    }

    private static String whyNot(Path disable) {
        return Files.exists(disable) ? disable + " is not writable"
                : disable + " does not exist (Linux before 6.0 has no such file: set micropython.hub-power=libusb)";
    }

    private void writeDisable(UsbDevice hub, Path disable, int port, boolean on) throws TentacleException {
        if (!Files.exists(disable)) {
            throw new TentacleException(tentacle(hub) + ": cannot switch port " + port + " through sysfs: "
                    + whyNot(disable));
        }
        if (!Files.isWritable(disable)) {
            throw noRight(hub, port, disable + " is not writable");
        }
        try {
            Files.writeString(disable, on ? "0" : "1");
        } catch (AccessDeniedException e) {
            throw noRight(hub, port, disable + " is not writable");
        } catch (IOException e) {
            throw new TentacleException(tentacle(hub) + ": cannot switch port " + port + " through " + disable + ": "
                    + e, e);
        }
    }

    private TentacleException noRight(UsbDevice hub, int port, String what) {
        return new TentacleException(tentacle(hub) + ": no right to switch the power of port " + port + " of hub "
                + hub.location() + ": " + what + "; " + UDEV_FIX);
    }

    /** {@code tentacle 2731 (hub 1-4.2)}: the tentacle by its infra Pico on port 1, when it shows. */
    private String tentacle(UsbDevice hub) {
        try {
            return tree.devices().stream()
                    .filter(d -> d.isOnPort(hub.bus(), hub.path(), 1) && d.serial() != null && d.serial().length() >= 4)
                    .findFirst()
                    .map(infra -> "tentacle " + infra.serial().substring(infra.serial().length() - 4)
                            + " (hub " + hub.location() + ")")
                    .orElse("tentacle hub " + hub.location());
        } catch (TentacleException e) {
            return "tentacle hub " + hub.location();
        }
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
