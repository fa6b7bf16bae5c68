package dev.mpunit.hardware.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad input per test: the message names the file, the tentacle and the field, and says what to write. */
class InventoryProblemsTest {

    private static final String PICO2 = "\"serial\": \"e46340474b174429\", \"board\": \"RPI_PICO2\"";
    private static final String TENTACLE = "tentacles[0] (serial e46340474b174429, board RPI_PICO2)";

    @Test
    void allProblemsOfAFileAreReportedTogetherOneLineEach() {
        InventoryException e = problems("""
                {"testbed": "lab", "tentacles": [
                  {"serial": "aaaa0001", "board": "RPI PICO", "dut": {"usb_location": "3"}},
                  {"serial": "aaaa0002", "board": "RPI_PICO2", "futs": ["WIFI"], "dut": {"usb_location": "3"}},
                  {"serial": "aaaa0003", "board": "RPI_PICO2", "dut": {"usb_location": "3"}, "fut": ["WLAN"]}]}
                """);

        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).startsWith("testbed inventory lab.json has 3 problems")
                .contains("docs/inventory.md");
        assertThat(e.getMessage().lines().skip(1)).hasSize(3).allMatch(line -> line.startsWith("lab.json: tentacles["));
        assertThat(e.problems().get(0)).contains("tentacles[0] (serial aaaa0001, board RPI PICO)", "'board'");
        assertThat(e.problems().get(1)).contains("tentacles[1] (serial aaaa0002, board RPI_PICO2)", "'futs'", "WIFI");
        assertThat(e.problems().get(2)).contains("tentacles[2] (serial aaaa0003, board RPI_PICO2)", "'fut'");
    }

    @Test
    void missingSerial() {
        assertThat(message("{\"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("lab.json: tentacles[0] (board RPI_PICO2), field 'serial': missing;",
                        "infra Pico's USB serial number");
    }

    @Test
    void emptySerial() {
        assertThat(message("{\"serial\": \" \", \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("tentacles[0] (board RPI_PICO2), field 'serial': is empty;", "infra Pico's USB serial number");
    }

    @Test
    void serialThatIsNoString() {
        assertThat(message("{\"serial\": 1234, \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("tentacles[0] (board RPI_PICO2), field 'serial': found 1234 (a number); expected a string");
    }

    @Test
    void serialWithWhiteSpace() {
        assertThat(message("{\"serial\": \"e463 4047\", \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("field 'serial': \"e463 4047\" contains white space; a serial is one word");
    }

    @Test
    void duplicateSerial() {
        InventoryException e = problems("{\"testbed\": \"lab\", \"tentacles\": ["
                + "{\"serial\": \"e46340474b174429\", \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}},"
                + "{\"serial\": \"e46340474b174429\", \"board\": \"RPI_PICO_W\", \"dut\": {\"usb_location\": \"3\"}}]}");

        assertThat(e.problems()).singleElement().asString().contains(
                "tentacles[1] (serial e46340474b174429, board RPI_PICO_W), field 'serial': duplicate serial",
                "already used by " + TENTACLE, "every tentacle needs its own serial");
    }

    @Test
    void twoTentaclesWithTheSameReportLabel() {
        assertThat(message("{\"serial\": \"aaaa4429\", \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}},"
                + "{\"serial\": \"bbbb4429\", \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("tentacles[1] (serial bbbb4429, board RPI_PICO2), field 'serial':",
                        "\"4429-RPI_PICO2\"", "change a serial so the last 4 characters differ");
    }

    @Test
    void missingBoard() {
        assertThat(message("{\"serial\": \"e46340474b174429\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("tentacles[0] (serial e46340474b174429), field 'board': missing;",
                        "upstream board name, such as \"RPI_PICO2\"");
    }

    @Test
    void boardThatDoesNotLookLikeAnUpstreamBoardName() {
        assertThat(message("{\"serial\": \"e46340474b174429\", \"board\": \"rpi-pico2\", \"dut\": {\"usb_location\": \"3\"}}"))
                .contains("tentacles[0] (serial e46340474b174429, board rpi-pico2), field 'board':",
                        "\"rpi-pico2\" is not a board name", "letters, digits and '_' only");
    }

    @Test
    void unknownFut() {
        assertThat(tentacleMessage("\"futs\": [\"MCU_ONLY\", \"WIFI\"]"))
                .contains(TENTACLE + ", field 'futs': unknown FUT \"WIFI\"",
                        "accepted: MCU_ONLY, EXTMOD_HARDWARE, WLAN, BLE", "FUT_ prefix");
    }

    @Test
    void futsThatAreNoList() {
        assertThat(tentacleMessage("\"futs\": \"WLAN\""))
                .contains(TENTACLE + ", field 'futs': found \"WLAN\" (a string); expected a list of strings");
    }

    @Test
    void emptyFuts() {
        assertThat(tentacleMessage("\"futs\": []"))
                .contains(TENTACLE + ", field 'futs': is an empty list", "list at least one FUT");
    }

    @Test
    void futListedTwice() {
        assertThat(tentacleMessage("\"futs\": [\"WLAN\", \"FUT_WLAN\"]"))
                .contains(TENTACLE + ", field 'futs': WLAN is listed twice", "list each FUT once");
    }

    @Test
    void buildVariantsThatAreNoList() {
        assertThat(tentacleMessage("\"build_variants\": \"RISCV\""))
                .contains(TENTACLE + ", field 'build_variants': found \"RISCV\" (a string); expected a list of strings",
                        "[\"\", \"RISCV\"]");
    }

    @Test
    void buildVariantListedTwice() {
        assertThat(tentacleMessage("\"build_variants\": [\"\", \"RISCV\", \"RISCV\"]"))
                .contains(TENTACLE + ", field 'build_variants': \"RISCV\" is listed twice: list each variant once");
    }

    @Test
    void buildVariantThatIsNoName() {
        assertThat(tentacleMessage("\"build_variants\": [\"RISC V\", 3]"))
                .contains(TENTACLE + ", field 'build_variants': element 1: found 3 (a number); expected a string");
        assertThat(tentacleMessage("\"build_variants\": [\"RISC V\"]"))
                .contains("\"RISC V\" is not a build variant name", "\"\" is the default build");
    }

    @Test
    void emptyBuildVariants() {
        assertThat(tentacleMessage("\"build_variants\": []"))
                .contains(TENTACLE + ", field 'build_variants': is an empty list", "leave the field out for [\"\"]");
    }

    @Test
    void missingDut() {
        assertThat(message("{" + PICO2 + "}"))
                .contains(TENTACLE + ", field 'dut': missing;", "usb_location", "usb_serial", "device", "emulator");
    }

    @Test
    void dutThatIsNoObject() {
        assertThat(message("{" + PICO2 + ", \"dut\": \"/dev/ttyACM0\"}"))
                .contains(TENTACLE + ", field 'dut': found \"/dev/ttyACM0\" (a string); expected an object");
    }

    @Test
    void dutWithNoKnownKind() {
        assertThat(message("{" + PICO2 + ", \"dut\": {\"port\": \"/dev/ttyACM0\"}}"))
                .contains(TENTACLE + ", field 'dut.port': unknown field 'port'",
                        "Accepted fields: usb_location, usb_serial, device, emulator, firmware")
                .contains(TENTACLE + ", field 'dut': names no way to reach the board; give exactly one of");
    }

    @Test
    void dutWithMoreThanOneKind() {
        assertThat(message("{" + PICO2 + ", \"dut\": {\"usb_location\": \"3\", \"device\": \"/dev/ttyACM0\"}}"))
                .contains(TENTACLE + ", field 'dut': gives usb_location and device; a board is reached one way");
    }

    @Test
    void usbLocationThatIsNoPort() {
        assertThat(tentacleMessage("\"dut\": {\"usb_location\": \"1-1.3\"}", false))
                .contains(TENTACLE + ", field 'dut.usb_location': found \"1-1.3\"", "\"3\" on every tentacle");
    }

    @Test
    void badDeviceString() {
        assertThat(message("{" + PICO2 + ", \"dut\": {\"device\": \"telnet:1.2.3.4\"}}"))
                .contains(TENTACLE + ", field 'dut.device': not a device string: \"telnet:1.2.3.4\"",
                        "accepted forms: port:<path>");
    }

    @Test
    void unknownEmulatorKind() {
        assertThat(message("{" + PICO2 + ", \"dut\": {\"emulator\": \"qemu-esp32\"}}"))
                .contains(TENTACLE + ", field 'dut.emulator': unknown emulator kind \"qemu-esp32\";",
                        "accepted: qemu-microbit, webassembly-pty");
    }

    @Test
    void missingFirmware(@TempDir Path folder) {
        InventoryException e = catchThrowableOfType(InventoryException.class, () -> Testbed.parse(
                "{\"testbed\": \"lab\", \"tentacles\": [{\"serial\": \"emu-microbit-1\", \"board\": \"MICROBIT\","
                        + " \"dut\": {\"emulator\": \"qemu-microbit\", \"firmware\": \"build/microbit.hex\"}}]}",
                folder.resolve("lab.json").toString()));

        assertThat(e.getMessage()).contains("tentacles[0] (serial emu-microbit-1, board MICROBIT), field 'dut.firmware':",
                "firmware " + folder.resolve("build/microbit.hex") + " does not exist",
                "relative path starts from the inventory's folder " + folder,
                "leave 'firmware' out to run the emulator's own");
    }

    @Test
    void firmwareForABoardThatIsNoEmulator() {
        assertThat(tentacleMessage("\"dut\": {\"usb_location\": \"3\", \"firmware\": \"fw.uf2\"}", false))
                .contains(TENTACLE + ", field 'dut.firmware': only an emulator takes a firmware file", "remove 'firmware'");
    }

    @Test
    void unknownProgrammerKind() {
        assertThat(tentacleMessage("\"programmer\": {\"kind\": \"openocd\"}"))
                .contains(TENTACLE + ", field 'programmer.kind': unknown programmer kind \"openocd\";",
                        "accepted: picotool, esptool, dfu-util, bossac, teensy_loader_cli, mpremote, command");
    }

    @Test
    void programmerWithoutKind() {
        assertThat(tentacleMessage("\"programmer\": {\"args\": [\"--update\"]}"))
                .contains(TENTACLE + ", field 'programmer.kind': missing; give the flashing tool");
    }

    @Test
    void commandProgrammerWithoutACommand() {
        assertThat(tentacleMessage("\"programmer\": {\"kind\": \"command\"}"))
                .contains(TENTACLE + ", field 'programmer.args': kind \"command\" runs args as its command line",
                        "{firmware}");
    }

    @Test
    void negativeDuration() {
        assertThat(tentacleMessage("\"power_on_delay\": \"-1s\""))
                .contains(TENTACLE + ", field 'power_on_delay': found \"-1s\" (a string); a negative duration;",
                        "\"500ms\", \"1s\"");
        assertThat(tentacleMessage("\"power_on_delay\": -2"))
                .contains(TENTACLE + ", field 'power_on_delay': found -2 (a number); a negative duration;");
    }

    @Test
    void unparseableDuration() {
        assertThat(tentacleMessage("\"programmer\": {\"kind\": \"picotool\", \"timeout\": \"one minute\"}"))
                .contains(TENTACLE + ", field 'programmer.timeout': found \"one minute\" (a string); expected a duration",
                        "\"2min\"");
    }

    @Test
    void zeroProgrammerTimeout() {
        assertThat(tentacleMessage("\"programmer\": {\"kind\": \"picotool\", \"timeout\": 0}"))
                .contains(TENTACLE + ", field 'programmer.timeout': is zero, so flashing could never finish");
    }

    @Test
    void perfbenchNumbersThatAreNotPositiveWholeNumbers() {
        String message = tentacleMessage("\"perfbench\": {\"n\": 0, \"m\": \"100\"}");

        assertThat(message).contains(TENTACLE + ", field 'perfbench.n': found 0 (a number); expected a whole number"
                + " greater than 0");
        assertThat(message).contains(TENTACLE + ", field 'perfbench.m': found \"100\" (a string);",
                "write the number without quotes");
        assertThat(tentacleMessage("\"perfbench\": {\"n\": 1.5}"))
                .contains("'perfbench.n': found 1.5 (a number)", "'perfbench.m': missing;");
    }

    @Test
    void unknownTentacleFieldSuggestsTheNearestAcceptedOne() {
        assertThat(tentacleMessage("\"fut\": [\"WLAN\"]"))
                .contains(TENTACLE + ", field 'fut': unknown field 'fut' — did you mean 'futs'?",
                        "Accepted fields: serial, board, build_variants, futs, tags, dut, programmer, power_on_delay,"
                                + " perfbench, reference");
        assertThat(tentacleMessage("\"powerOnDelay\": \"1s\"")).contains("did you mean 'power_on_delay'?");
        assertThat(tentacleMessage("\"refrence\": true")).contains("did you mean 'reference'?");
        assertThat(tentacleMessage("\"colour\": \"red\"")).contains("unknown field 'colour' Accepted fields:")
                .doesNotContain("did you mean");
    }

    @Test
    void unknownTopLevelField() {
        assertThat(problems("{\"testbed\": \"lab\", \"tentacle\": []}").getMessage())
                .contains("lab.json: field 'tentacle': unknown field 'tentacle' — did you mean 'tentacles'?",
                        "Accepted fields: testbed, instance, tentacles")
                .contains("lab.json: field 'tentacles': missing; list the tentacles");
    }

    @Test
    void referenceWithoutWlanOrBle() {
        assertThat(message("{\"serial\": \"de646cc20b1c5a2f\", \"board\": \"RPI_PICO_W\", \"futs\": [\"MCU_ONLY\"],"
                + " \"dut\": {\"usb_location\": \"3\"}, \"reference\": true}"))
                .contains("tentacles[0] (serial de646cc20b1c5a2f, board RPI_PICO_W), field 'reference':",
                        "add \"WLAN\" or \"BLE\" to its futs, or remove \"reference\"");
    }

    @Test
    void referenceThatIsNoBoolean() {
        assertThat(tentacleMessage("\"reference\": \"yes\""))
                .contains(TENTACLE + ", field 'reference': found \"yes\" (a string); expected true or false");
    }

    @Test
    void tagValuesAreStrings() {
        assertThat(tentacleMessage("\"tags\": {\"mcu\": \"rp2\", \"tier\": 1}"))
                .contains(TENTACLE + ", field 'tags.tier': found 1 (a number); tag values are strings");
    }

    @Test
    void nullIsNoValue() {
        assertThat(tentacleMessage("\"tags\": null"))
                .contains(TENTACLE + ", field 'tags': found null (leave the field out to get its default)");
    }

    @Test
    void emptyTentacleList() {
        assertThat(problems("{\"testbed\": \"lab\", \"tentacles\": []}").getMessage())
                .contains("lab.json: field 'tentacles': no tentacles: add at least one tentacle");
    }

    @Test
    void tentacleThatIsNoObject() {
        assertThat(message("\"e46340474b174429\""))
                .contains("lab.json: tentacles[0]: found \"e46340474b174429\" (a string); each tentacle is an object");
    }

    @Test
    void missingTestbedName() {
        assertThat(problems("{\"tentacles\": [{" + PICO2 + ", \"dut\": {\"usb_location\": \"3\"}}]}").getMessage())
                .contains("lab.json: field 'testbed': missing; give the testbed's name");
    }

    @Test
    void inventoryThatIsNoObject() {
        assertThat(problems("[{" + PICO2 + "}]").getMessage())
                .contains("lab.json: the inventory is a list; it must be a JSON object");
    }

    private static String tentacleMessage(String extraFields) {
        return tentacleMessage(extraFields, true);
    }

    private static String tentacleMessage(String extraFields, boolean withDut) {
        String dut = withDut ? ", \"dut\": {\"usb_location\": \"3\"}" : "";
        return message("{" + PICO2 + dut + ", " + extraFields + "}");
    }

    private static String message(String tentacles) {
        return problems("{\"testbed\": \"lab\", \"tentacles\": [" + tentacles + "]}").getMessage();
    }

    private static InventoryException problems(String json) {
        InventoryException e = catchThrowableOfType(InventoryException.class, () -> Testbed.parse(json, "lab.json"));
        assertThat(e).as("an inventory problem for %s", json).isNotNull();
        return e;
    }
}
