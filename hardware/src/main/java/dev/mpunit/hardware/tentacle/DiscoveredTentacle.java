package dev.mpunit.hardware.tentacle;

/**
 * A tentacle found on USB: a USB2514 hub with the infra Pico (in application mode) on port 1.
 *
 * @param serial the infra Pico's USB serial number, which names the tentacle
 * @param hubLocation the tentacle hub's location ({@code 1-2})
 * @param infraLocation the infra Pico's location (hub port 1, {@code 1-2.1})
 * @param dutLocation where the board under test appears (hub port 3, {@code 1-2.3})
 * @param dutPresent whether a device is on port 3 now (it is absent while the DUT port is unpowered)
 * @param dutUsbId the DUT's {@code vvvv:pppp}, empty when it is absent
 */
public record DiscoveredTentacle(String serial, String hubLocation, String infraLocation, String dutLocation,
        boolean dutPresent, String dutUsbId) {

    /** The hub port of the infra Pico. */
    public static final int INFRA_PORT = 1;
    /** The hub port that drives the infra Pico's boot line. */
    public static final int INFRA_BOOT_PORT = 2;
    /** The hub port of the board under test. */
    public static final int DUT_PORT = 3;

    /** The last 4 characters of the serial, as upstream labels tentacles ({@code 2731}). */
    public String shortSerial() {
        return serial.length() <= 4 ? serial : serial.substring(serial.length() - 4);
    }

    /** For messages: {@code tentacle 2731 on 1-2}. */
    public String label() {
        return "tentacle " + shortSerial() + " on " + hubLocation;
    }
}
