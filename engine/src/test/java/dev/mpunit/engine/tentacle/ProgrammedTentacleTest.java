package dev.mpunit.engine.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.Programmer;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.Fut;
import dev.mpunit.hardware.testbed.ProgrammerSpec;
import dev.mpunit.hardware.testbed.TentacleSpec;

class ProgrammedTentacleTest {

    @TempDir
    Path folder;

    private TentacleSpec pico2(List<String> programmerCommand) {
        return new TentacleSpec("e46340474b174429", "RPI_PICO2", List.of("", "RISCV"), Set.of(Fut.MCU_ONLY), Map.of(),
                new DutAccess.Device("/dev/ttyACM0"), Optional.of(new ProgrammerSpec("command", programmerCommand,
                        Duration.ofSeconds(10))), Duration.ZERO, Optional.empty(), false);
    }

    private static Programmer.Dut acm0() {
        return new Programmer.Dut("", 0, 0, "", "/dev/ttyACM0");
    }

    private record Opened(String variant) implements Target {
        @Override
        public String port() {
            return "/dev/ttyACM0";
        }

        @Override
        public Execution execute(Script script) {
            throw new UnsupportedOperationException("not run in this test");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void flashesOnlyWhenTheVariantChangesWithTheVariantsFirmwareAndPort() throws Exception {
        Path firmware = Files.createDirectories(folder.resolve("fw"));
        Files.writeString(firmware.resolve("RPI_PICO2.uf2"), "arm");
        Files.createDirectories(firmware.resolve("RPI_PICO2-RISCV"));
        Files.writeString(firmware.resolve("RPI_PICO2-RISCV").resolve("firmware.uf2"), "riscv");
        Path log = folder.resolve("flashed.log");
        List<String> opened = new ArrayList<>();
        ProgrammedTentacle tentacle = new ProgrammedTentacle(pico2(List.of("sh", "-c",
                "echo {firmware} {port} >> " + log)), variant -> {
                    opened.add(variant);
                    return new Opened(variant);
                }, new Firmwares(Optional.of(firmware)), ProgrammedTentacleTest::acm0);

        tentacle.open("RPI_PICO2");
        tentacle.open("RPI_PICO2");
        tentacle.open("RPI_PICO2-RISCV");

        assertThat(opened).containsExactly("RPI_PICO2", "RPI_PICO2", "RPI_PICO2-RISCV");
        assertThat(Files.readAllLines(log)).containsExactly(
                firmware.resolve("RPI_PICO2.uf2") + " /dev/ttyACM0",
                firmware.resolve("RPI_PICO2-RISCV").resolve("firmware.uf2") + " /dev/ttyACM0");
    }

    @Test
    void aFailedFlashSaysWhichVariantTentacleAndWhatTheProgrammerPrinted() throws IOException {
        Path firmware = Files.createDirectories(folder.resolve("fw"));
        Files.writeString(firmware.resolve("RPI_PICO2.uf2"), "arm");
        ProgrammedTentacle tentacle = new ProgrammedTentacle(pico2(List.of("sh", "-c",
                "echo 'ERROR: no accessible RP-series devices in BOOTSEL mode'; exit 3")),
                Opened::new, new Firmwares(Optional.of(firmware)), ProgrammedTentacleTest::acm0);

        assertThatThrownBy(() -> tentacle.open("RPI_PICO2")).isInstanceOf(TargetException.class)
                .hasMessageContaining("flashing RPI_PICO2 onto tentacle 4429-RPI_PICO2 failed (exit 3")
                .hasMessageContaining("no accessible RP-series devices");
        assertThatThrownBy(() -> tentacle.open("RPI_PICO2-RISCV")).isInstanceOf(TargetException.class)
                .hasMessageContaining("no firmware for RPI_PICO2-RISCV in " + firmware)
                .hasMessageContaining("micropython.firmware.build");
    }
}
