package dev.mpunit.hardware.tentacle;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The entry point for the engine: which tentacles are plugged in, against the inventory. */
public final class Tentacles {

    private Tentacles() {}

    /**
     * Reads the live USB tree (libusb) and finds the tentacles on it. Never throws for a machine
     * without USB, permissions or libusb: the discovery is then empty and
     * {@link Discovery#noneFound()} says why.
     *
     * @param inventorySerials the infra Pico serial numbers the testbed inventory lists
     */
    public static Discovery discover(Set<String> inventorySerials) {
        return discover(new LibUsbTree(), inventorySerials);
    }

    /**
     * This machine's USB tree, read through libusb each time its devices are asked for: for a caller
     * that looks at the devices themselves as well as at the tentacles found among them.
     */
    public static UsbTree live() {
        return new LibUsbTree();
    }

    /**
     * The USB device at a location ({@code 1-2.3}) on the live tree, for a programmer that addresses
     * a board by bus and address (picotool) or by location (dfu-util); empty when nothing is there.
     */
    public static Optional<UsbDevice> deviceAt(String location) {
        return deviceAt(new LibUsbTree(), location);
    }

    /** The USB device at a location on {@code tree}; empty when nothing is there or the tree cannot be read. */
    public static Optional<UsbDevice> deviceAt(UsbTree tree, String location) {
        try {
            return tree.devices().stream().filter(device -> device.location().equals(location)).findFirst();
        } catch (TentacleException e) {
            return Optional.empty();
        }
    }

    /** Finds the tentacles on {@code tree} (a recording, for inspection without the hardware). */
    public static Discovery discover(UsbTree tree, Set<String> inventorySerials) {
        Objects.requireNonNull(inventorySerials, "inventorySerials");
        try {
            return TentacleDiscovery.discover(tree.devices(), inventorySerials);
        } catch (TentacleException e) {
            return TentacleDiscovery.unreadable(e.getMessage(), inventorySerials);
        }
    }
}
