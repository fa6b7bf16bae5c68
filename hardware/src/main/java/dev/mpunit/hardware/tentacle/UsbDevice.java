package dev.mpunit.hardware.tentacle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One USB device as the bus shows it.
 *
 * @param bus the bus number
 * @param path the hub port numbers from the root hub down ({@code [2, 3]} is {@code 1-2.3});
 *     empty for a root hub
 * @param address the device address on its bus (what picotool's {@code --address} wants), 0 when unknown
 * @param vendorId the USB vendor id
 * @param productId the USB product id
 * @param serial the serial number string, empty when the device has none or it could not be read
 * @param product the product string, empty when none or unreadable
 * @param hub whether the device is a hub (device class 9)
 */
public record UsbDevice(int bus, List<Integer> path, int address, int vendorId, int productId, String serial,
        String product, boolean hub) {

    public UsbDevice {
        path = List.copyOf(Objects.requireNonNull(path, "path"));
        serial = serial == null ? "" : serial.strip();
        product = product == null ? "" : product.strip();
    }

    /** The Linux location: {@code 1-2.3}, or {@code usb1} for the root hub of bus 1. */
    public String location() {
        return location(bus, path);
    }

    /** {@code vvvv:pppp} in lower-case hex. */
    public String usbId() {
        return String.format("%04x:%04x", vendorId, productId);
    }

    public boolean is(int vendor, int productId) {
        return vendorId == vendor && this.productId == productId;
    }

    /** Whether this device sits on port {@code port} of the hub at {@code hubPath} on the same bus. */
    boolean isOnPort(int hubBus, List<Integer> hubPath, int port) {
        return bus == hubBus && path.size() == hubPath.size() + 1 && path.subList(0, hubPath.size()).equals(hubPath)
                && path.get(hubPath.size()) == port;
    }

    /** Whether this device is somewhere below the hub at {@code hubPath} (not the hub itself). */
    boolean isBelow(int hubBus, List<Integer> hubPath) {
        return bus == hubBus && path.size() > hubPath.size() && path.subList(0, hubPath.size()).equals(hubPath);
    }

    /** One line for messages: location, id, product, serial. */
    public String describe() {
        StringBuilder line = new StringBuilder(location()).append(' ').append(usbId());
        if (!product.isEmpty()) {
            line.append(" \"").append(product).append('"');
        }
        if (!serial.isEmpty()) {
            line.append(" serial ").append(serial);
        }
        return line.toString();
    }

    static String location(int bus, List<Integer> path) {
        if (path.isEmpty()) {
            return "usb" + bus;
        }
        return bus + "-" + path.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    /** The location {@code port} of hub {@code hubLocation}: {@code 1-2} and 3 give {@code 1-2.3}. */
    static String portLocation(String hubLocation, int port) {
        return hubLocation.startsWith("usb") ? hubLocation.substring(3) + "-" + port : hubLocation + "." + port;
    }

    /** Bus and path of a location such as {@code 1-2.3} or {@code usb1}. */
    static Optional<Location> parseLocation(String text) {
        String location = text.strip();
        try {
            if (location.startsWith("usb")) {
                return Optional.of(new Location(Integer.parseInt(location.substring(3)), List.of()));
            }
            int dash = location.indexOf('-');
            if (dash < 1 || dash == location.length() - 1) {
                return Optional.empty();
            }
            int bus = Integer.parseInt(location.substring(0, dash));
            List<Integer> path = java.util.Arrays.stream(location.substring(dash + 1).split("\\.", -1))
                    .map(Integer::parseInt).toList();
            if (bus < 0 || path.stream().anyMatch(p -> p < 1)) {
                return Optional.empty();
            }
            return Optional.of(new Location(bus, path));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A bus and a port path. */
    record Location(int bus, List<Integer> path) {
        @Override
        public String toString() {
            return UsbDevice.location(bus, path);
        }
    }
}
