package dev.mpunit.hardware.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One tentacle of a testbed inventory: which board it carries, which firmware builds of it and which features
 * under test it offers, and how its board is reached, flashed and powered.
 *
 * @param serial        the tentacle's name: on a real tentacle the infra Pico's USB serial number
 * @param board         the upstream board name, {@code RPI_PICO2}
 * @param buildVariants the build variants offered, {@code ""} being the board's default build
 * @param reference     the reference tentacle two-board tests pair others with
 */
public record TentacleSpec(String serial, String board, List<String> buildVariants, Set<Fut> futs,
        Map<String, String> tags, DutAccess dut, Optional<ProgrammerSpec> programmer,
        Duration powerOnDelay, Optional<Perfbench> perfbench, boolean reference) {

    /** The default build only. */
    public static final List<String> DEFAULT_BUILD_VARIANTS = List.of("");

    private static final int SHORT_ID_LENGTH = 4;

    public TentacleSpec {
        requireText(serial, "serial");
        requireText(board, "board");
        buildVariants = List.copyOf(buildVariants);
        if (buildVariants.isEmpty() || buildVariants.size() != Set.copyOf(buildVariants).size()) {
            throw new IllegalArgumentException("build variants must be distinct and at least one: " + buildVariants);
        }
        if (futs.isEmpty()) {
            throw new IllegalArgumentException("a tentacle offers at least one FUT");
        }
        // EnumSet keeps the declaration order, so reports list FUTs the same way every time.
        futs = Collections.unmodifiableSet(EnumSet.copyOf(futs));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(dut, "dut");
        Objects.requireNonNull(programmer, "programmer");
        Objects.requireNonNull(powerOnDelay, "powerOnDelay");
        if (powerOnDelay.isNegative()) {
            throw new IllegalArgumentException("power-on delay must not be negative: " + powerOnDelay);
        }
        Objects.requireNonNull(perfbench, "perfbench");
        if (reference && !futs.contains(Fut.WLAN) && !futs.contains(Fut.BLE)) {
            throw new IllegalArgumentException("a reference tentacle must offer WLAN or BLE: " + serial);
        }
    }

    /** The last 4 characters of the serial, as upstream shows tentacles ({@code 2731}). */
    public String shortId() {
        return serial.length() <= SHORT_ID_LENGTH ? serial : serial.substring(serial.length() - SHORT_ID_LENGTH);
    }

    /** The tentacle's name in reports: {@code 2731-RPI_PICO2}. */
    public String label() {
        return shortId() + "-" + board;
    }

    /** Board plus build variant for every build offered: {@code RPI_PICO2}, {@code RPI_PICO2-RISCV}. */
    public List<String> variants() {
        List<String> variants = new ArrayList<>(buildVariants.size());
        for (String buildVariant : buildVariants) {
            variants.add(buildVariant.isEmpty() ? board : board + "-" + buildVariant);
        }
        return List.copyOf(variants);
    }

    /** The MCU family tag ({@code rp2}, {@code esp32}), or "" when the inventory does not say. */
    public String mcu() {
        return tags.getOrDefault("mcu", "");
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a tentacle needs a " + what);
        }
    }
}
