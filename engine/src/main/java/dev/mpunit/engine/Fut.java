package dev.mpunit.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A feature under test: what a tentacle must offer for a test group (Octoprobe's {@code EnumFut}).
 * Engine-private until {@code dev.mpunit.hardware.testbed.Fut} arrives, which replaces it at merge.
 */
enum Fut {
    MCU_ONLY,
    EXTMOD_HARDWARE,
    WLAN,
    BLE;

    /** The name inventories and mptest's {@code --only-fut} use. */
    String label() {
        return "FUT_" + name();
    }

    /** {@code FUT_WLAN}, {@code WLAN} and {@code wlan} are all the same FUT. */
    static Optional<Fut> fromLabel(String label) {
        String name = label.strip().toUpperCase(Locale.ROOT);
        String bare = name.startsWith("FUT_") ? name.substring(4) : name;
        return Arrays.stream(values()).filter(fut -> fut.name().equals(bare)).findFirst();
    }
}
