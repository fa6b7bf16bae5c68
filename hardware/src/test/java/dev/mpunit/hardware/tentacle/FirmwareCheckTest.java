package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.tentacle.FirmwareCheck.Expected;
import dev.mpunit.hardware.tentacle.FirmwareCheck.Installed;
import dev.mpunit.hardware.tentacle.ReplBoardLink.Answer;

class FirmwareCheckTest {

    private static final String VERSION = "3.4.0; MicroPython v1.24.1 on 2024-11-29";

    private static RawRepl board(String stdout) throws Exception {
        ReplBoardLink link = new ReplBoardLink(code -> {
            assertThat(code).isEqualTo(FirmwareCheck.SNIPPET);
            return new Answer(stdout, "");
        }, new ArrayList<>());
        RawRepl repl = new RawRepl(link, Pacing.UNPACED, false);
        repl.enter(Duration.ofSeconds(2));
        return repl;
    }

    @Test
    void readsVersionBuildAndMachine() throws Exception {
        Installed installed = FirmwareCheck.read(board("version:" + VERSION + "\r\nbuild:RPI_PICO2-RISCV\r\n"
                + "machine:Raspberry Pi Pico2 with RP2350-RISCV\r\n"));

        assertThat(installed).isEqualTo(new Installed(VERSION, "RPI_PICO2-RISCV",
                "Raspberry Pi Pico2 with RP2350-RISCV"));
    }

    @Test
    void theSameBuildAndVersionMatch() throws Exception {
        FirmwareCheck.Verdict verdict = FirmwareCheck.check(board("version:" + VERSION + "\r\nbuild:RPI_PICO_W\r\n"
                + "machine:Raspberry Pi Pico W with RP2040\r\n"), new Expected(VERSION, "RPI_PICO_W"));

        assertThat(verdict.matches()).isTrue();
        assertThat(verdict.reason()).isEqualTo("already installed: RPI_PICO_W, " + VERSION);
    }

    @Test
    void anotherBuildOrVersionDoesNotMatch() {
        Installed installed = new Installed(VERSION, "RPI_PICO2", "");

        assertThat(FirmwareCheck.compare(installed, new Expected("", "RPI_PICO2-RISCV")).reason())
                .isEqualTo("build RPI_PICO2 installed, RPI_PICO2-RISCV wanted");
        assertThat(FirmwareCheck.compare(installed, new Expected("3.4.0; MicroPython v1.25.0 on 2025-04-15",
                "RPI_PICO2"))).extracting(FirmwareCheck.Verdict::matches, FirmwareCheck.Verdict::reason)
                .containsExactly(false, "version " + VERSION + " installed, 3.4.0; MicroPython v1.25.0 on 2025-04-15"
                        + " wanted");
        assertThat(FirmwareCheck.compare(installed, new Expected("", "RPI_PICO2")).matches()).isTrue();
    }

    @Test
    void olderFirmwareWithoutBuildIsFlashed() throws Exception {
        FirmwareCheck.Verdict verdict = FirmwareCheck.check(board("version:3.4.0; MicroPython v1.20.0 on 2023-04-26"
                + "\r\nbuild:\r\nmachine:Raspberry Pi Pico with RP2040\r\n"), new Expected("", "RPI_PICO"));

        assertThat(verdict.matches()).isFalse();
        assertThat(verdict.reason()).isEqualTo("the installed firmware has no sys.implementation._build (older than"
                + " MicroPython 1.22?) and the firmware record gives no version to compare: 3.4.0; MicroPython"
                + " v1.20.0 on 2023-04-26");
    }

    @Test
    void firmwareWithoutBuildIsComparedByTheRecordsVersion() {
        Installed microbit = new Installed("micro:bit v1.0.1; MicroPython v1.9.2-34-gd64154c73 on 2017-09-01", "", "");

        assertThat(FirmwareCheck.compare(microbit, new Expected(microbit.version(), "MICROBIT")))
                .extracting(FirmwareCheck.Verdict::matches, FirmwareCheck.Verdict::reason)
                .containsExactly(true, "already installed: " + microbit.version()
                        + " (no sys.implementation._build: compared by version)");
        assertThat(FirmwareCheck.compare(microbit, new Expected("micro:bit v1.0.1; MicroPython v1.9.2-35-gd64154c73"
                + " on 2017-09-01", "MICROBIT"))).extracting(FirmwareCheck.Verdict::matches).isEqualTo(false);
    }

    @Test
    void readsTheExpectedFirmwareFromAJsonRecord() {
        assertThat(Expected.fromJson("{\"board\": \"RPI_PICO2\", \"build\": \"RPI_PICO2-RISCV\",\n"
                + " \"version\": \"" + VERSION + "\"}")).isEqualTo(new Expected(VERSION, "RPI_PICO2-RISCV"));
        assertThat(Expected.fromJson("{\"_build\":\"MICROBIT\"}")).isEqualTo(new Expected("", "MICROBIT"));
        assertThatThrownBy(() -> Expected.fromJson("{}")).hasMessage("no \"build\" in the firmware record: {}");
    }

    @Test
    void aBoardThatPrintsNoVersionIsReported() {
        assertThatThrownBy(() -> FirmwareCheck.read(board("hello\r\n")))
                .hasMessage("the board did not print its sys.version: hello");
    }

    @Test
    void theSnippetCopesWithoutBuild() {
        assertThat(FirmwareCheck.SNIPPET).contains("getattr(sys.implementation, '_build', '')");
        assertThat(FirmwareCheck.SNIPPET).contains("v = os.uname().version");
        assertThat(List.of(FirmwareCheck.SNIPPET.split("\n"))).hasSize(8);
    }
}
