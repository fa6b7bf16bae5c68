package dev.mpunit.engine.configuration;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a testbed run watches the kernel log for USB errors ({@code micropython.usb-health}) and with
 * which command ({@code micropython.usb-health.command}; else the journal or dmesg, whichever is readable).
 */
public record UsbHealthSettings(Mode mode, Optional<String> command) {

    /** When to watch. */
    public enum Mode {
        /** In testbed runs with tentacles on USB; never for emulated tentacles or without a testbed. */
        AUTO,
        /** In every testbed run, emulated tentacles too (a test of the watch, boards reached by device strings). */
        ON,
        /** Never. */
        OFF
    }

    public static final UsbHealthSettings DEFAULT = new UsbHealthSettings(Mode.AUTO, Optional.empty());

    public UsbHealthSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(command, "command");
    }
}
