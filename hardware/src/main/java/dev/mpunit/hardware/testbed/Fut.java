package dev.mpunit.hardware.testbed;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A feature under test: what a tentacle's wiring and radio offer, and so which test groups it can run.
 * Inventories may write the names bare ({@code WLAN}) or with upstream's prefix ({@code FUT_WLAN}).
 */
public enum Fut {
    /** Only the MCU itself: the standard tests. */
    MCU_ONLY,
    /** The RX–TX loopback wiring the extmod_hardware tests need. */
    EXTMOD_HARDWARE,
    /** A WLAN interface: net_hosted, net_inet and multi_net tests. */
    WLAN,
    /** Bluetooth LE: multi_bluetooth tests. */
    BLE;

    /** Upstream's spelling, {@code FUT_WLAN}. */
    public String upstreamName() {
        return UPSTREAM_PREFIX + name();
    }

    private static final String UPSTREAM_PREFIX = "FUT_";

    /** The names an inventory accepts, for messages. */
    static List<String> acceptedNames() {
        return Arrays.stream(values()).map(Fut::name).toList();
    }

    /**
     * Reads a name as a user types it in a selection ({@code FUT_WLAN}, {@code WLAN}, {@code wlan});
     * inventories are read strictly by {@link #byName}.
     */
    public static Optional<Fut> fromLabel(String text) {
        return byName(text.strip().toUpperCase(Locale.ROOT));
    }

    /** Reads a name as written in an inventory, with or without upstream's prefix. */
    static Optional<Fut> byName(String text) {
        String bare = text.startsWith(UPSTREAM_PREFIX) ? text.substring(UPSTREAM_PREFIX.length()) : text;
        return Arrays.stream(values()).filter(fut -> fut.name().equals(bare)).findFirst();
    }
}
