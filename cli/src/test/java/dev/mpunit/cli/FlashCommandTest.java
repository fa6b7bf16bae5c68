package dev.mpunit.cli;

import static dev.mpunit.cli.ListTentaclesCommandTest.RECORDINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.emulated.WebAssemblyPty;
import dev.mpunit.hardware.local.WebAssemblyInstallation;

/**
 * {@code mpunit flash} with the tentacles of a recorded USB tree and a programmer that is a shell
 * command writing down its arguments, as the engine's tentacle tests simulate one.
 */
class FlashCommandTest {

    @TempDir
    Path temp;

    Path fw;
    Path log;

    @BeforeEach
    void firmware() throws IOException {
        fw = Files.createDirectories(temp.resolve("fw"));
        Files.createDirectories(fw.resolve("RPI_PICO2-RISCV"));
        Files.writeString(fw.resolve("RPI_PICO2-RISCV").resolve("firmware.uf2"), "riscv");
        log = temp.resolve("flashed.log");
    }

    /** 2731 is on the recorded tree, 9999 is not; both offer RPI_PICO2-RISCV. */
    private Path lab(String programmer) throws IOException {
        return Files.writeString(temp.resolve("lab.json"), """
                {"testbed": "lab", "tentacles": [
                  {"serial": "E46340474B4C2731", "board": "RPI_PICO2", "build_variants": ["", "RISCV"],
                   "dut": {"usb_location": "3"}, "programmer": {"kind": "command", "args": ["sh", "-c", "%s"]}},
                  {"serial": "E46340474B179999", "board": "RPI_PICO2", "build_variants": ["RISCV"],
                   "dut": {"usb_location": "3"}, "programmer": {"kind": "command", "args": ["sh", "-c", "%s"]}},
                  {"serial": "emulated-mb01", "board": "MICROBIT", "dut": {"emulator": "qemu-microbit"}}
                ]}
                """.formatted(programmer, programmer));
    }

    private String recording() {
        return RECORDINGS.resolve("testbed-3.usb").toString();
    }

    @Test
    void theTentacleNamedIsFlashedWithItsVariantsFirmwareOnTheBoardUnderItsHub() throws IOException {
        Path lab = lab("echo {firmware} {location} {bus} {address} >> " + log);

        Run run = Run.of("flash", "--testbed", lab.toString(), "--tentacle", "2731-RPI_PICO2", "--variant", "RPI_PICO2-RISCV",
                "--firmware-dir", fw.toString(), "--usb-tree", recording(), "--force");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path firmware = fw.resolve("RPI_PICO2-RISCV").resolve("firmware.uf2");
        assertThat(Files.readAllLines(log)).containsExactly(firmware + " 1-4.1.3 1 9");
        assertThat(run.out().lines()).hasSize(2).first().isEqualTo("2731-RPI_PICO2: flashing " + firmware);
        assertThat(run.out().lines().toList().get(1)).matches("2731-RPI_PICO2: flashed RPI_PICO2-RISCV in \\d+ ms");
    }

    @Test
    void allFlashesEveryTentacleOfTheVariantFound() throws IOException {
        Path lab = lab("echo {location} >> " + log);

        Run run = Run.of("flash", "--testbed", lab.toString(), "--all", "--variant", "RPI_PICO2-RISCV",
                "--firmware-dir", fw.toString(), "--usb-tree", recording(), "--force");

        assertThat(run.exitCode()).as("one of two could not be flashed").isEqualTo(1);
        assertThat(Files.readAllLines(log)).containsExactly("1-4.1.3");
        assertThat(run.err()).isEqualTo("mpunit flash: tentacle 9999-RPI_PICO2 (serial E46340474B179999) was not found"
                + " on USB: the tentacles on USB are E46340474B4C2731 on 1-4.1, E46340474B0E1331 on 1-4.2, DE646CC20B925425"
                + " on 1-4.3" + System.lineSeparator());
    }

    @Test
    void aProgrammerThatFailsIsExitOneWithWhatItPrinted() throws IOException {
        Path lab = lab("echo no accessible RP-series devices in BOOTSEL mode; exit 3");

        Run run = Run.of("flash", "--testbed", lab.toString(), "--tentacle", "e46340474b4c2731", "--variant",
                "RPI_PICO2-RISCV", "--firmware-dir", fw.toString(), "--usb-tree", recording(), "--force");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("mpunit flash: flashing RPI_PICO2-RISCV onto tentacle 2731-RPI_PICO2 failed (exit 3")
                .contains("no accessible RP-series devices in BOOTSEL mode");
    }

    @Test
    void noTentacleOnUsbIsExitTwoSaidInOneLine() throws IOException {
        Run run = Run.of("flash", "--testbed", lab("true").toString(), "--all", "--variant", "RPI_PICO2-RISCV",
                "--firmware-dir", fw.toString(), "--usb-tree", RECORDINGS.resolve("empty.usb").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mpunit flash: no tentacle found on USB; no USB devices at all (0 USB devices seen,"
                + " no USB2514 hub with an infra Pico on port 1)" + System.lineSeparator());
    }

    @Test
    void aTentacleVariantOrFirmwareThatIsNotThereIsExitTwoNamingWhatIs() throws IOException {
        String lab = lab("true").toString();
        List<String> common = List.of("--testbed", lab, "--firmware-dir", fw.toString(), "--usb-tree", recording());

        Run tentacle = Run.of(args(common, "flash", "--tentacle", "2731-RPI_PICO", "--variant", "RPI_PICO2-RISCV"));
        Run variant = Run.of(args(common, "flash", "--all", "--variant", "RPI_PICO2-RISC"));
        Run firmware = Run.of(args(common, "flash", "--all", "--variant", "RPI_PICO2"));
        Run emulated = Run.of(args(common, "flash", "--tentacle", "mb01-MICROBIT", "--variant", "RPI_PICO2"));

        assertThat(List.of(tentacle, variant, firmware, emulated)).extracting(Run::exitCode).containsOnly(2);
        assertThat(tentacle.err()).isEqualTo("mpunit flash: no tentacle 2731-RPI_PICO in " + lab + ": did you mean"
                + " 2731-RPI_PICO2? its tentacles: 2731-RPI_PICO2, 9999-RPI_PICO2, mb01-MICROBIT" + System.lineSeparator());
        assertThat(variant.err()).isEqualTo("mpunit flash: no tentacle of " + lab + " offers variant RPI_PICO2-RISC:"
                + " did you mean RPI_PICO2-RISCV? its variants: RPI_PICO2, RPI_PICO2-RISCV, MICROBIT" + System.lineSeparator());
        assertThat(firmware.err()).startsWith("mpunit flash: no firmware for RPI_PICO2 in " + fw).hasLineCount(1);
        assertThat(emulated.err()).isEqualTo("mpunit flash: tentacle mb01-MICROBIT offers MICROBIT, not RPI_PICO2;"
                + " RPI_PICO2 is offered by 2731-RPI_PICO2" + System.lineSeparator());
        assertThat(log).doesNotExist();
    }

    /** The webassembly MicroPython's REPL under a pty stands in for the board: a real firmware answers the check. */
    @Test
    void withoutForceABoardAlreadyRunningTheFirmwareIsNotFlashed() throws IOException, TargetException {
        Emulators.assumeNode();
        WebAssemblyInstallation installation = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults());
        Path desk = Files.writeString(temp.resolve("desk.json"), """
                {"testbed": "desk", "tentacles": [
                  {"serial": "desk-wasm", "board": "WEBASSEMBLY", "dut": {"device": "/dev/ttyACM0"},
                   "programmer": {"kind": "command", "args": ["sh", "-c", "echo {firmware} >> %s"]}}
                ]}
                """.formatted(log));
        Path firmware = Files.writeString(Files.createDirectories(fw.resolve("WEBASSEMBLY")).resolve("firmware.bin"), "wasm");
        Path record = firmware.resolveSibling("firmware.json");
        String[] args = {"flash", "--testbed", desk.toString(), "--all", "--variant", "WEBASSEMBLY", "--firmware-dir",
                fw.toString()};

        Files.writeString(record, "{\"build\": \"pyscript\"}");
        Run same = Run.of(command -> webassembly(command, installation), args);
        Files.writeString(record, "{\"build\": \"pyscript\", \"version\": \"3.4.0; MicroPython v0.0.1 on 2013-01-01\"}");
        Run other = Run.of(command -> webassembly(command, installation), args);

        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).startsWith("wasm-WEBASSEMBLY: already installed: pyscript, 3.4.0; MicroPython v1.")
                .endsWith("; not flashed (--force flashes anyway)" + System.lineSeparator()).hasLineCount(1);
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.out()).startsWith("wasm-WEBASSEMBLY: version 3.4.0; MicroPython v1.")
                .contains(" installed, 3.4.0; MicroPython v0.0.1 on 2013-01-01 wanted; flashing " + firmware)
                .contains("wasm-WEBASSEMBLY: flashed WEBASSEMBLY in ");
        assertThat(Files.readAllLines(log)).containsExactly(firmware.toString());
    }

    /** The board of the inventory as a run opens it: QEMU's micro:bit on a pty, its firmware older than _build. */
    @Test
    void firmwareWithoutBuildIsFlashedAfterTheCheckSaysWhy() throws IOException {
        Emulators.assumeQemuMicrobit();
        Path desk = Files.writeString(temp.resolve("desk.json"), """
                {"testbed": "desk", "tentacles": [
                  {"serial": "desk-mb01", "board": "MICROBIT", "dut": {"device": "execpty:qemu-system-arm -M microbit\
                 -device loader,file=%s -nographic -monitor none -serial pty"},
                   "programmer": {"kind": "command", "args": ["sh", "-c", "echo {firmware} >> %s"]}}
                ]}
                """.formatted(Emulators.MICROBIT_FIRMWARE, log));
        Path firmware = Files.writeString(Files.createDirectories(fw.resolve("MICROBIT")).resolve("firmware.hex"), "hex");

        Run run = Run.of("flash", "--testbed", desk.toString(), "--tentacle", "desk-mb01", "--variant", "MICROBIT",
                "--firmware-dir", fw.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Its sys.version is the language's alone (3.4.0): the firmware's own version is shown.
        assertThat(run.out()).startsWith("mb01-MICROBIT: the installed firmware has no sys.implementation._build (older"
                + " than MicroPython 1.22?) and the firmware record gives no version to compare: micro:bit v1.0.1")
                .contains("; MicroPython v1.9.2").contains("; flashing " + firmware);
        assertThat(Files.readAllLines(log)).containsExactly(firmware.toString());
    }

    private static void webassembly(picocli.CommandLine command, WebAssemblyInstallation installation) {
        FlashCommand flash = command.getSubcommands().get("flash").getCommand();
        flash.boards = (tentacle, inventory, repl) -> {
            try {
                return WebAssemblyPty.open(installation);
            } catch (TargetException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static String[] args(List<String> common, String... first) {
        return java.util.stream.Stream.concat(List.of(first).stream(), common.stream()).toArray(String[]::new);
    }
}
