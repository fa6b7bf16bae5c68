package dev.mpunit.hardware.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Board names no port knows are named, with the nearest known one. */
class BoardNamesTest {

    @TempDir
    Path checkout;

    @Test
    void upstreamsNamesCoverTheBoardsOfThePortsAndThePortsBuiltAsVariants() {
        BoardNames upstream = BoardNames.upstream();

        assertThat(upstream.names()).contains("MICROBIT", "RPI_PICO2", "RPI_PICO_W", "ESP32_GENERIC_S3", "PYBV11",
                "WEBASSEMBLY", "UNIX").hasSizeGreaterThan(200).isSorted();
        assertThat(upstream.unknown("RPI_PICO2")).isEmpty();
        assertThat(upstream.unknown("WEBASSEMBLY")).isEmpty();
    }

    @Test
    void anUnknownBoardIsNamedWithTheNearestKnownOne() {
        assertThat(BoardNames.upstream().unknown("MICROBT")).hasValue("board \"MICROBT\" is not a board of"
                + " MicroPython v1.29's ports/*/boards/: did you mean \"MICROBIT\"? (an unknown name still becomes a"
                + " variant of its own)");
        assertThat(BoardNames.upstream().unknown("rpi_pico2")).get().asString().contains("did you mean \"RPI_PICO2\"?");
    }

    @Test
    void aNameNearNoBoardIsNamedWithoutAGuess() {
        assertThat(BoardNames.upstream().unknown("NOT_A_REAL_BOARD")).get().asString()
                .startsWith("board \"NOT_A_REAL_BOARD\" is not a board of MicroPython v1.29's ports/*/boards/:"
                        + " check the spelling");
    }

    @Test
    void aCheckoutsOwnBoardsAreReadFromItsPortsFolder() throws IOException {
        write("ports/rp2/boards/MY_PICO/mpconfigboard.cmake");
        write("ports/stm32/boards/MY_PYB/board.json");
        write("ports/stm32/boards/common_isr_ram/common_isr.ld");
        Files.createDirectories(checkout.resolve("ports/unix/variants/standard"));

        BoardNames names = BoardNames.inCheckout(checkout).orElseThrow();

        assertThat(names.names()).containsExactly("MY_PICO", "MY_PYB", "UNIX");
        assertThat(names.unknown("MY_PICO")).isEmpty();
        assertThat(names.unknown("MY_PYC")).get().asString()
                .contains("is not a board of " + checkout.resolve("ports") + "/*/boards/", "did you mean \"MY_PYB\"?");
        assertThat(BoardNames.inCheckout(checkout.resolve("ports"))).isEmpty();
    }

    private void write(String relativePath) throws IOException {
        Path file = checkout.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }
}
