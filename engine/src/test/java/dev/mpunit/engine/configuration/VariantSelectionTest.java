package dev.mpunit.engine.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class VariantSelectionTest {

    private static final List<String> OFFERED = List.of("RPI_PICO2", "RPI_PICO2-RISCV", "RPI_PICO", "PYBV11-THREAD");

    private static List<String> only(String... patterns) {
        return new VariantSelection(List.of(patterns), List.of()).select(OFFERED);
    }

    @Test
    void aBoardNameMatchesAllItsVariantsAndNotALongerBoardName() {
        assertThat(only("RPI_PICO2")).containsExactly("RPI_PICO2", "RPI_PICO2-RISCV");
        assertThat(only("RPI_PICO")).containsExactly("RPI_PICO");
    }

    @Test
    void aBuildVariantMatchesOnlyItselfAndATrailingDashOnlyTheDefaultBuild() {
        assertThat(only("RPI_PICO2-RISCV")).containsExactly("RPI_PICO2-RISCV");
        assertThat(only("RPI_PICO2-")).containsExactly("RPI_PICO2");
        assertThat(only("rpi_pico2-riscv", "pybv11")).containsExactly("RPI_PICO2-RISCV", "PYBV11-THREAD");
    }

    @Test
    void skipAppliesAfterOnlyAndNothingGivenKeepsEverything() {
        assertThat(new VariantSelection(List.of("RPI_PICO2"), List.of("RPI_PICO2-RISCV")).select(OFFERED))
                .containsExactly("RPI_PICO2");
        assertThat(VariantSelection.ALL.select(OFFERED)).isEqualTo(OFFERED);
        assertThat(VariantSelection.ALL.isAll()).isTrue();
    }
}
