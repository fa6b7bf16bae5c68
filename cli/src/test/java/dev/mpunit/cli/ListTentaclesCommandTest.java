package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListTentaclesCommandTest {

    /** The hardware module's recordings of USB trees. */
    static final Path RECORDINGS = Path.of("../hardware/src/test/resources/dev/mpunit/hardware/tentacle")
            .toAbsolutePath().normalize();

    static final String LAB = """
            {"testbed": "lab", "instance": "lab_1", "tentacles": [
              {"serial": "E46340474B4C2731", "board": "RPI_PICO2", "build_variants": ["", "RISCV"],
               "futs": ["MCU_ONLY", "EXTMOD_HARDWARE"], "dut": {"usb_location": "3"},
               "programmer": {"kind": "command", "args": ["flash", "{firmware}"]}},
              {"serial": "E46340474B179999", "board": "ESP32_GENERIC", "dut": {"usb_location": "3"}},
              {"serial": "desk-pyboard", "board": "PYBV11", "dut": {"usb_serial": "3254335D3037"}},
              {"serial": "desk-gone", "board": "PYBV11", "dut": {"device": "/dev/mpunit-no-such-port"}},
              {"serial": "emulated-mb01", "board": "MICROBIT", "dut": {"emulator": "qemu-microbit"}}
            ]}
            """;

    @TempDir
    Path temp;

    Path lab() throws IOException {
        return Files.writeString(temp.resolve("lab.json"), LAB);
    }

    @Test
    void eachTentacleIsMarkedConnectedNotFoundOrEmulatedAndTheOthersOnUsbAreNamed() throws IOException {
        Path lab = lab();
        Run run = Run.of("list-tentacles", "--testbed", lab.toString(), "--usb-tree",
                RECORDINGS.resolve("testbed-3.usb").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                testbed lab (lab_1), 5 tentacles in %s:
                  tentacle            serial            variants                    FUTs                       now
                  2731-RPI_PICO2      E46340474B4C2731  RPI_PICO2, RPI_PICO2-RISCV  MCU_ONLY, EXTMOD_HARDWARE  connected: hub 1-4.1, DUT 2e8a:0005 at 1-4.1.3
                  9999-ESP32_GENERIC  E46340474B179999  ESP32_GENERIC               MCU_ONLY                   not found: no tentacle hub with infra Pico E46340474B179999
                  oard-PYBV11         desk-pyboard      PYBV11                      MCU_ONLY                   connected: f055:9800 at 1-4.3.3
                  gone-PYBV11         desk-gone         PYBV11                      MCU_ONLY                   not found: no port /dev/mpunit-no-such-port
                  mb01-MICROBIT       emulated-mb01     MICROBIT                    MCU_ONLY                   emulated: qemu-microbit
                on USB, not in the inventory (not used):
                  tentacle 1331 on 1-4.2: serial E46340474B0E1331, DUT 10c4:ea60 at 1-4.2.3
                  tentacle 5425 on 1-4.3: serial DE646CC20B925425, DUT f055:9800 at 1-4.3.3
                """.formatted(lab));
    }

    @Test
    void withNoTentacleOnUsbItSaysSoPlainly() throws IOException {
        Run run = Run.of("list-tentacles", "--testbed", lab().toString(), "--usb-tree",
                RECORDINGS.resolve("plain-pc.usb").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("  mb01-MICROBIT ").contains("not found: no tentacle hub with infra Pico E46340474B4C2731")
                .endsWith("no tentacle found on USB; no USB2514 hub on the bus (5 USB devices seen, no USB2514 hub with"
                        + " an infra Pico on port 1)" + System.lineSeparator());
    }

    @Test
    void withoutAnInventoryTheTentaclesOnUsbAreListed() {
        Run run = Run.of("list-tentacles", "--usb-tree", RECORDINGS.resolve("testbed-3.usb").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("tentacles on USB:" + System.lineSeparator()
                + "  tentacle 2731 on 1-4.1: serial E46340474B4C2731, DUT 2e8a:0005 at 1-4.1.3");
    }

    @Test
    void aRecordingSaysNothingOfThisMachinesRightsAndABadHubPowerIsExitTwo() {
        Run run = Run.of("list-tentacles", "--hub-power", "sysfs", "--usb-tree", RECORDINGS.resolve("testbed-3.usb").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("hub power");

        Run bad = Run.of("list-tentacles", "--hub-power", "uhubctl");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--hub-power \"uhubctl\" is not auto, sysfs or libusb");
    }

    @Test
    void anInventoryThatCannotBeReadIsExitTwoWithOneLine() throws IOException {
        Path broken = Files.writeString(temp.resolve("broken.json"), "{\"testbed\": \"x\", \"tentacles\": [{\"fut\": 1}]}");

        Run run = Run.of("list-tentacles", "--testbed", broken.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("mpunit list-tentacles: testbed inventory " + broken);
        assertThat(run.err().lines()).hasSize(1);
    }
}
