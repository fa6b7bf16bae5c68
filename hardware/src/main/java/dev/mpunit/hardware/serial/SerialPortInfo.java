package dev.mpunit.hardware.serial;

/**
 * A serial port as the system lists it.
 *
 * @param path the system path ({@code /dev/ttyACM0}, {@code COM3})
 * @param vendorId the USB vendor id, or -1 for a port that is not USB
 * @param productId the USB product id, or -1
 * @param serialNumber the USB serial number, or empty when there is none
 * @param location the USB location (bus-port.port, perhaps with {@code :config.interface}), or empty
 * @param description what the system calls it, or empty
 */
public record SerialPortInfo(String path, int vendorId, int productId, String serialNumber, String location,
        String description) {

    public SerialPortInfo {
        serialNumber = serialNumber == null ? "" : serialNumber;
        location = location == null ? "" : location;
        description = description == null ? "" : description;
    }

    /** One line for messages: the path and whatever identifies the device. */
    public String describe() {
        StringBuilder line = new StringBuilder(path);
        if (vendorId >= 0) {
            line.append(String.format(" (USB %04x:%04x", vendorId, productId));
            if (!serialNumber.isEmpty()) {
                line.append(", serial ").append(serialNumber);
            }
            if (!location.isEmpty()) {
                line.append(", location ").append(location);
            }
            line.append(')');
        }
        if (!description.isEmpty()) {
            line.append(' ').append(description);
        }
        return line.toString();
    }
}
