package dev.mpunit.hardware.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestbedTest {

    private static final String CH_HANS = """
            { "testbed": "ch_hans", "instance": "ch_hans_1",
              "tentacles": [
                { "serial": "e46340474b172731", "board": "RPI_PICO2", "build_variants": ["", "RISCV"],
                  "futs": ["MCU_ONLY", "EXTMOD_HARDWARE"], "tags": {"mcu": "rp2", "programmer": "picotool", "tier": "1"},
                  "dut": {"usb_location": "3"}, "programmer": {"kind": "picotool", "args": ["--update"], "timeout": "60s"},
                  "power_on_delay": "0s", "perfbench": {"n": 100, "m": 100}, "reference": false },
                { "serial": "de646cc20b1c5a2f", "board": "RPI_PICO_W", "futs": ["FUT_MCU_ONLY", "FUT_WLAN", "FUT_BLE"],
                  "tags": {"mcu": "rp2"}, "dut": {"usb_location": 3}, "reference": true },
                { "serial": "4e6cd50a9e1e0f31", "board": "ESP32_GENERIC_S3", "build_variants": ["", "SPIRAM_OCT"],
                  "futs": ["MCU_ONLY", "WLAN", "BLE"], "tags": {"mcu": "esp32"}, "dut": {"usb_location": "3"},
                  "programmer": {"kind": "esptool", "args": ["--baud", "921600"]}, "power_on_delay": "2s" },
                { "serial": "emu-microbit-1", "board": "MICROBIT", "futs": ["MCU_ONLY"], "dut": {"emulator": "qemu-microbit"} },
                { "serial": "emu-wasm-1", "board": "WEBASSEMBLY", "futs": ["MCU_ONLY"], "dut": {"emulator": "webassembly-pty"} },
                { "serial": "lab-pyboard", "board": "PYBV11", "futs": ["MCU_ONLY"], "dut": {"device": "/dev/ttyACM0"},
                  "programmer": {"kind": "dfu-util", "args": ["-a", "0", "-D", "{firmware}"]} },
                { "serial": "lab-pico2", "board": "RPI_PICO2", "dut": {"usb_serial": "E6614C311B7E6F35"} }
              ] }
            """;

    @Test
    void readsATestbedWithEveryKindOfTentacle() throws InventoryException {
        Testbed testbed = Testbed.parse(CH_HANS, "ch_hans.json");

        assertThat(testbed.name()).isEqualTo("ch_hans");
        assertThat(testbed.instance()).isEqualTo("ch_hans_1");
        assertThat(testbed.source()).isEqualTo(Path.of("ch_hans.json"));
        assertThat(testbed.tentacles()).extracting(TentacleSpec::label).containsExactly("2731-RPI_PICO2",
                "5a2f-RPI_PICO_W", "0f31-ESP32_GENERIC_S3", "it-1-MICROBIT", "sm-1-WEBASSEMBLY", "oard-PYBV11",
                "ico2-RPI_PICO2");

        TentacleSpec pico2 = testbed.tentacles().get(0);
        assertThat(pico2).isEqualTo(new TentacleSpec("e46340474b172731", "RPI_PICO2", List.of("", "RISCV"),
                java.util.EnumSet.of(Fut.MCU_ONLY, Fut.EXTMOD_HARDWARE),
                Map.of("mcu", "rp2", "programmer", "picotool", "tier", "1"), new DutAccess.UsbLocation("3"),
                Optional.of(new ProgrammerSpec("picotool", List.of("--update"), Duration.ofSeconds(60))),
                Duration.ZERO, Optional.of(new Perfbench(100, 100)), false));
        assertThat(pico2.tags().keySet()).containsExactly("mcu", "programmer", "tier");
        assertThat(pico2.shortId()).isEqualTo("2731");
        assertThat(pico2.mcu()).isEqualTo("rp2");

        TentacleSpec picoW = testbed.tentacles().get(1);
        assertThat(picoW.futs()).containsExactly(Fut.MCU_ONLY, Fut.WLAN, Fut.BLE);
        assertThat(picoW.reference()).isTrue();
        assertThat(picoW.dut()).isEqualTo(new DutAccess.UsbLocation());

        TentacleSpec esp32 = testbed.tentacles().get(2);
        assertThat(esp32.powerOnDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(esp32.programmer()).contains(
                new ProgrammerSpec("esptool", List.of("--baud", "921600"), ProgrammerSpec.DEFAULT_TIMEOUT));

        assertThat(testbed.tentacles().get(3).dut()).isEqualTo(new DutAccess.Emulator("qemu-microbit"));
        assertThat(testbed.tentacles().get(4).dut()).isEqualTo(new DutAccess.Emulator("webassembly-pty"));
        DutAccess pyboard = testbed.tentacles().get(5).dut();
        assertThat(pyboard).isEqualTo(new DutAccess.Device("/dev/ttyACM0"));
        assertThat(((DutAccess.Device) pyboard).device().text()).isEqualTo("port:/dev/ttyACM0");
        assertThat(testbed.tentacles().get(5).programmer().orElseThrow().argsFor(Path.of("/fw/PYBV11.dfu")))
                .containsExactly("-a", "0", "-D", "/fw/PYBV11.dfu");
        assertThat(testbed.tentacles().get(6).dut()).isEqualTo(new DutAccess.UsbSerial("E6614C311B7E6F35"));
    }

    @Test
    void variantsAreListedOnceInInventoryOrderAndOfferedByEveryTentacleOfThem() throws InventoryException {
        Testbed testbed = Testbed.parse(CH_HANS, "ch_hans.json");

        assertThat(testbed.variants()).containsExactly("RPI_PICO2", "RPI_PICO2-RISCV", "RPI_PICO_W",
                "ESP32_GENERIC_S3", "ESP32_GENERIC_S3-SPIRAM_OCT", "MICROBIT", "WEBASSEMBLY", "PYBV11");
        assertThat(testbed.offering("RPI_PICO2")).extracting(TentacleSpec::serial)
                .containsExactly("e46340474b172731", "lab-pico2");
        assertThat(testbed.offering("RPI_PICO2-RISCV")).extracting(TentacleSpec::serial)
                .containsExactly("e46340474b172731");
        assertThat(testbed.offering("RPI_PICO2-NOPE")).isEmpty();
        assertThat(testbed.tentacles().get(0).variants()).containsExactly("RPI_PICO2", "RPI_PICO2-RISCV");
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() throws InventoryException {
        Testbed testbed = Testbed.parse("""
                {"testbed": "desk", "tentacles": [{"serial": "abcd", "board": "PYBV11", "dut": {"device": "a0"}}]}
                """, "desk.json");

        assertThat(testbed.instance()).isEqualTo("desk");
        TentacleSpec tentacle = testbed.tentacles().get(0);
        assertThat(tentacle.buildVariants()).containsExactly("");
        assertThat(tentacle.variants()).containsExactly("PYBV11");
        assertThat(tentacle.futs()).containsExactly(Fut.MCU_ONLY);
        assertThat(tentacle.tags()).isEmpty();
        assertThat(tentacle.mcu()).isEmpty();
        assertThat(tentacle.programmer()).isEmpty();
        assertThat(tentacle.powerOnDelay()).isZero();
        assertThat(tentacle.perfbench()).isEmpty();
        assertThat(tentacle.reference()).isFalse();
        assertThat(tentacle.shortId()).isEqualTo("abcd");
        assertThat(tentacle.label()).isEqualTo("abcd-PYBV11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"picotool", "esptool", "dfu-util", "bossac", "teensy_loader_cli", "mpremote"})
    void everyProgrammerKindIsAccepted(String kind) throws InventoryException {
        TentacleSpec tentacle = single("\"programmer\": {\"kind\": \"" + kind + "\"}");

        assertThat(tentacle.programmer()).contains(new ProgrammerSpec(kind, List.of(), ProgrammerSpec.DEFAULT_TIMEOUT));
    }

    @Test
    void aCommandProgrammerRunsItsArgsWithTheFirmwareFilledIn() throws InventoryException {
        TentacleSpec tentacle = single("\"programmer\": {\"kind\": \"command\", \"args\": [\"flash.sh\", \"--fw={firmware}\"],"
                + " \"timeout\": \"2min\"}");

        ProgrammerSpec programmer = tentacle.programmer().orElseThrow();
        assertThat(programmer.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(programmer.argsFor(Path.of("/tmp/fw.uf2"))).containsExactly("flash.sh", "--fw=/tmp/fw.uf2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"500ms\" | 500",
        "\"1s\"    | 1000",
        "\"1.5s\"  | 1500",
        "\"2min\"  | 120000",
        "\"1h\"    | 3600000",
        "\"2\"     | 2000",
        "2         | 2000",
        "0.25      | 250",
        "0         | 0",
    })
    void durationsWithUnitsOrInPlainSeconds(String json, long millis) throws InventoryException {
        TentacleSpec tentacle = single("\"power_on_delay\": " + json);

        assertThat(tentacle.powerOnDelay()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/ttyUSB0", "port:/dev/ttyUSB0", "a0", "u1", "exec:cat", "execpty:qemu-system-arm -serial pty",
        "usb-serial:E6614C311B7E6F35", "usb-location:1-1.2"})
    void everyDeviceStringFormIsAccepted(String device) throws InventoryException {
        TentacleSpec tentacle = Testbed.parse("{\"testbed\": \"t\", \"tentacles\": [{\"serial\": \"s1\", \"board\": \"B\","
                + " \"dut\": {\"device\": \"" + device + "\"}}]}", "t.json").tentacles().get(0);

        assertThat(tentacle.dut()).isEqualTo(new DutAccess.Device(device));
    }

    @Test
    void anEmulatorsFirmwarePathStartsFromTheInventorysFolder(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("firmware"));
        Path firmware = Files.writeString(folder.resolve("firmware/microbit.hex"), ":00000001FF\n");
        Path inventory = Files.writeString(folder.resolve("lab.json"), """
                {"testbed": "lab", "tentacles": [{"serial": "emu-microbit-1", "board": "MICROBIT",
                  "dut": {"emulator": "qemu-microbit", "firmware": "firmware/microbit.hex"}}]}
                """);

        Testbed testbed = Testbed.load(inventory);

        assertThat(testbed.source()).isEqualTo(inventory);
        assertThat(testbed.tentacles().get(0).dut())
                .isEqualTo(new DutAccess.Emulator("qemu-microbit", Optional.of(firmware.toAbsolutePath().normalize())));
    }

    @Test
    void twoReferenceTentaclesAreFine() throws InventoryException {
        Testbed testbed = Testbed.parse("""
                {"testbed": "t", "tentacles": [
                  {"serial": "ref-1", "board": "RPI_PICO_W", "futs": ["WLAN"], "dut": {"usb_location": "3"}, "reference": true},
                  {"serial": "ref-2", "board": "RPI_PICO_W", "futs": ["WLAN"], "dut": {"usb_location": "3"}, "reference": true}]}
                """, "t.json");

        assertThat(testbed.tentacles()).allMatch(TentacleSpec::reference);
    }

    @Test
    void theEmulatedExampleTestbedLoads() throws InventoryException {
        Testbed testbed = Testbed.load(Path.of("../examples/testbeds/emulated.json"));

        assertThat(testbed.tentacles()).extracting(TentacleSpec::serial)
                .containsExactly("emulated-mb01", "emulated-mb02", "emulated-mb03", "emulated-wa01");
        assertThat(testbed.tentacles()).extracting(TentacleSpec::label)
                .containsExactly("mb01-MICROBIT", "mb02-MICROBIT", "mb03-MICROBIT", "wa01-WEBASSEMBLY");
        assertThat(testbed.variants()).containsExactly("MICROBIT", "WEBASSEMBLY");
        assertThat(testbed.offering("MICROBIT")).hasSize(3)
                .allMatch(tentacle -> tentacle.dut().equals(new DutAccess.Emulator("qemu-microbit")));
        assertThat(testbed.offering("WEBASSEMBLY")).singleElement()
                .extracting(TentacleSpec::dut).isEqualTo(new DutAccess.Emulator("webassembly-pty"));
        assertThat(testbed.tentacles()).extracting(TentacleSpec::label).doesNotHaveDuplicates();
    }

    private static TentacleSpec single(String extraFields) throws InventoryException {
        return Testbed.parse("{\"testbed\": \"t\", \"tentacles\": [{\"serial\": \"e46340474b174429\", \"board\": \"RPI_PICO2\","
                + " \"dut\": {\"usb_location\": \"3\"}, " + extraFields + "}]}", "t.json").tentacles().get(0);
    }
}
