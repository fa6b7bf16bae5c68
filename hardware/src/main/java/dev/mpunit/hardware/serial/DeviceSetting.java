package dev.mpunit.hardware.serial;

/**
 * Where a board's device string was set, so that a message about its serial port says what to change:
 * {@code micropython.target} for a board given on the command line, the tentacle's {@code "dut"} for a
 * testbed's board (where {@code micropython.target} cannot even be set).
 *
 * @param setting  what to correct ({@code micropython.target})
 * @param byPath   how to name one port by its path
 * @param bySerial how to name a USB board by its serial number, wherever it is plugged
 */
public record DeviceSetting(String setting, String byPath, String bySerial) {

    /** A board of {@code micropython.target}. */
    public static final DeviceSetting TARGET = new DeviceSetting("micropython.target",
            "micropython.target=port:<path>", "usb-serial:<serial number>");

    /** The board of a testbed tentacle, reached through its inventory entry's {@code "dut"}. */
    public static DeviceSetting inventory(String tentacle, String inventory) {
        return new DeviceSetting("the \"dut\" of tentacle " + tentacle + " in the inventory " + inventory,
                "\"dut\": {\"device\": \"port:<path>\"}", "\"dut\": {\"usb_serial\": \"<serial number>\"}");
    }
}
