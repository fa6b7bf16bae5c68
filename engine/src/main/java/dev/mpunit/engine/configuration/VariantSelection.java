package dev.mpunit.engine.configuration;

import java.util.List;
import java.util.Locale;

/**
 * Which of the variants on offer a run uses, in mptest's {@code --only-board} / {@code --skip-board}
 * words: {@code RPI_PICO2} is the board with every build variant ({@code RPI_PICO2},
 * {@code RPI_PICO2-RISCV}), {@code RPI_PICO2-RISCV} only that one, {@code RPI_PICO2-} only the
 * board's default build. The "only" patterns are applied first, then the "skip" ones.
 */
public record VariantSelection(List<String> only, List<String> skip) {

    static final VariantSelection ALL = new VariantSelection(List.of(), List.of());

    public VariantSelection {
        only = List.copyOf(only);
        skip = List.copyOf(skip);
    }

    public boolean isAll() {
        return only.isEmpty() && skip.isEmpty();
    }

    /** The offered variants this selection keeps, in the order offered. */
    List<String> select(List<String> offered) {
        return offered.stream()
                .filter(variant -> only.isEmpty() || only.stream().anyMatch(pattern -> matches(pattern, variant)))
                .filter(variant -> skip.stream().noneMatch(pattern -> matches(pattern, variant)))
                .toList();
    }

    /** Board names are upper case by convention but typed by hand: case does not matter. */
    public static boolean matches(String pattern, String variant) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        if (p.endsWith("-")) {
            return v.equals(p.substring(0, p.length() - 1));
        }
        return v.equals(p) || v.startsWith(p + "-");
    }
}
