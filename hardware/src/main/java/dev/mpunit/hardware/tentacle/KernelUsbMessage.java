package dev.mpunit.hardware.tentacle;

import java.util.Objects;

/**
 * A kernel log line that says a testbed's USB is misbehaving, as {@link KernelLog} classified it.
 *
 * @param severity how bad it is for the run
 * @param time the line's timestamp as the log wrote it ({@code 12345.678901} or {@code Dec 06 22:38:50}), or empty
 * @param device the kernel's name of the device ({@code usb 1-4.2.3}, {@code hub 1-4:1.0}, {@code xhci_hcd 0000:00:14.0})
 * @param location the USB location the line is about ({@code 1-4.2.3}; a hub port's {@code 1-4.2-port3} is
 *     {@code 1-4.2.3}), or empty for a host controller
 * @param text what the kernel said after the device's name
 * @param line the whole line, as read
 */
public record KernelUsbMessage(Severity severity, String time, String device, String location, String text,
        String line) {

    /** How bad a message is for the run. */
    public enum Severity {
        /** A device misbehaved once: often a board rebooting; reported, the run goes on. */
        WARNING,
        /** The bus, a hub or the host controller failed: what runs after it cannot be trusted; no new work. */
        CRITICAL;

        /** Lower case, as reports show it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public KernelUsbMessage {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(line, "line");
    }

    /** {@code usb 1-4.2.3: device not accepting address 12, error -71}: the message without the log's prefix. */
    public String message() {
        return device + ": " + text;
    }
}
