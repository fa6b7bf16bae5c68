package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.tentacle.SimulatedUsb;
import dev.mpunit.hardware.testbed.TestbedLock;

/**
 * An operator rehearsing a testbed ({@code --usb simulated:<folder>}, docs/tentacles.md): list-tentacles
 * and flash go through the USB host and the tentacle's life a run uses, so what they print is what they
 * print for a real testbed.
 */
@Timeout(120)
class SimulatedTestbedCommandTest {

    private static final String MATCHES = "e463404700000001";
    private static final String DIFFERS = "e463404700000002";

    @TempDir
    Path temp;

    /** Two tentacles: the first boots the variant's firmware, the second another version of it. */
    @Test
    void aRehearsedTestbedIsListedAndOnlyTheTentacleWhoseFirmwareDiffersIsFlashed() throws IOException {
        Emulators.assumeQemuMicrobit();
        Emulators.assumePython();
        Rehearsal bench = new Rehearsal(temp);

        Run list = Run.of("list-tentacles", "--testbed", bench.inventory.toString(), "--usb", bench.usb());

        System.out.println(list.out());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("0001-MICROBIT +" + MATCHES + " +MICROBIT +MCU_ONLY +connected: hub 1-1,"
                + " infra on /dev/pts/\\d+, no DUT at 1-1.3 \\(its port unpowered\\?\\)")
                .containsPattern("0002-MICROBIT +" + DIFFERS + " +MICROBIT +MCU_ONLY +connected: hub 1-2, infra on"
                        + " /dev/pts/\\d+, no DUT at 1-2.3 \\(its port unpowered\\?\\)");

        Run flash = Run.of("flash", "--testbed", bench.inventory.toString(), "--usb", bench.usb(), "--all",
                "--variant", "MICROBIT", "--firmware-dir", bench.firmwares.toString());

        System.out.println(flash.out() + flash.err());
        assertThat(flash.exitCode()).as(flash.err()).isZero();
        Map<String, List<String>> steps = steps(flash.out());
        assertThat(steps.get("0001-MICROBIT")).containsExactly("lock", "power on", "delay", "port found",
                "firmware check", "power off", "runs MICROBIT already; not flashed (--force flashes anyway)");
        assertThat(steps.get("0002-MICROBIT")).containsExactly("lock", "power on", "delay", "port found",
                "firmware check", "boot mode", "flash", "power cycle", "power on", "delay", "port found",
                "firmware check", "power off", "flashed MICROBIT");
        assertThat(flash.out()).contains("0001-MICROBIT: lock: took the testbed lock " + bench.folder.resolve(
                "testbed.lock"), "0001-MICROBIT: firmware check: matches MICROBIT: already installed: " + bench.version,
                "0002-MICROBIT: firmware check: differs from MICROBIT: version " + bench.otherVersion + " installed, "
                        + bench.version + " wanted", "0002-MICROBIT: firmware check: matches MICROBIT after flashing");
        // Really through the infra's relay and the boot loader, on that tentacle only; its flash now holds the firmware.
        assertThat(events(bench, DIFFERS)).containsSubsequence("relay 1 closed", "boot loader", "relay 1 open");
        assertThat(events(bench, MATCHES)).doesNotContain("boot loader", "relay 1 closed");
        assertThat(bench.folder.resolve(DIFFERS).resolve("flash.hex")).hasSameBinaryContentAs(
                bench.firmwares.resolve("MICROBIT.hex"));
    }

    /** Bad --usb values and a testbed a run holds: exit 2 in one line, nothing started or switched. */
    @Test
    void aBadUsbOrALockedRehearsalIsExitTwoInOneLineAndTouchesNothing() throws Exception {
        Rehearsal bench = new Rehearsal(temp);
        String inventory = bench.inventory.toString();

        Run neither = Run.of("list-tentacles", "--testbed", inventory, "--usb", "simulated");
        Run both = Run.of("list-tentacles", "--testbed", inventory, "--usb", bench.usb(), "--usb-tree",
                ListTentaclesCommandTest.RECORDINGS.resolve("testbed-3.usb").toString());

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).isEqualTo("mpunit list-tentacles: --usb simulated is neither live (this machine's"
                + " USB) nor simulated:<folder> (a simulated testbed, docs/tentacles.md)" + System.lineSeparator());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--usb-tree reads a recording, --usb " + bench.usb() + " a simulated testbed:"
                + " give one of them").hasLineCount(1);

        TestbedLock.Holder holder = new TestbedLock.Holder(4242, "lab1", Instant.parse("2026-12-06T22:50:01Z"),
                "java -jar mpunit.jar run --testbed lab.json");
        try (TestbedLock held = TestbedLock.take(bench.folder.resolve("testbed.lock"), holder)) {
            Run listed = Run.of("list-tentacles", "--testbed", inventory, "--usb", bench.usb());
            Run flashed = Run.of("flash", "--testbed", inventory, "--usb", bench.usb(), "--all", "--variant", "MICROBIT",
                    "--firmware-dir", bench.firmwares.toString());

            for (Run refused : List.of(listed, flashed)) {
                assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
                assertThat(refused.err()).contains(": the testbed is in use: its lock " + bench.folder.resolve(
                        "testbed.lock") + " is held by pid 4242 on host lab1 since 2026-12-06T22:50:01Z").hasLineCount(1);
            }
        }
        assertThat(bench.folder.resolve(MATCHES).resolve("events.log")).doesNotExist();
        assertThat(bench.folder.resolve("simulated-infra.py")).doesNotExist();
    }

    /** Each tentacle's lines, by label: the step's words, or the closing line's text. */
    private static Map<String, List<String>> steps(String out) {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            int colon = line.indexOf(": ");
            String rest = line.substring(colon + 2);
            String step = rest.startsWith("flashed ") || rest.startsWith("runs ") ? rest
                    : rest.substring(0, rest.indexOf(':'));
            steps.computeIfAbsent(line.substring(0, colon), label -> new ArrayList<>()).add(step);
        }
        return steps;
    }

    private static List<String> events(Rehearsal bench, String serial) throws IOException {
        return Files.readAllLines(bench.folder.resolve(serial).resolve("events.log"));
    }

    /** A simulated testbed's folder, the variant's firmware with its record, and the inventory. */
    private static final class Rehearsal {
        final Path folder;
        final Path firmwares;
        final Path inventory;
        final String version;
        final String otherVersion;

        Rehearsal(Path temp) throws IOException {
            folder = Files.createDirectories(temp.resolve("simulated"));
            firmwares = Files.createDirectories(temp.resolve("firmware"));
            boolean firmware = Files.isRegularFile(Emulators.MICROBIT_FIRMWARE);
            version = firmware ? SimulatedUsb.versionIn(Emulators.MICROBIT_FIRMWARE) : "v1.9.2";
            otherVersion = version.substring(0, version.length() - 1) + (version.endsWith("9") ? "0" : "9");
            Path other = temp.resolve("other.hex");
            if (firmware) {
                SimulatedUsb.firmwareWithVersion(Emulators.MICROBIT_FIRMWARE, version, otherVersion, other);
                Files.copy(Emulators.MICROBIT_FIRMWARE, firmwares.resolve("MICROBIT.hex"));
            } else {
                Files.writeString(other, "other");
                Files.writeString(firmwares.resolve("MICROBIT.hex"), "firmware");
            }
            Files.writeString(firmwares.resolve("MICROBIT.json"), "{\"build\": \"MICROBIT\", \"version\": \"" + version
                    + "\"}");
            List<String> tentacles = new ArrayList<>();
            for (String serial : List.of(MATCHES, DIFFERS)) {
                Path tentacle = Files.createDirectories(folder.resolve(serial));
                Files.copy(serial.equals(DIFFERS) ? other : firmwares.resolve("MICROBIT.hex"), tentacle.resolve("flash.hex"));
                tentacles.add("{\"serial\": \"" + serial + "\", \"board\": \"MICROBIT\", \"dut\": {\"usb_location\":"
                        + " \"3\"}, \"power_on_delay\": \"100ms\", \"programmer\": {\"kind\": \"command\", \"args\": [\""
                        + folder.resolve("flash") + "\", \"" + tentacle + "\", \"{firmware}\"], \"timeout\": \"20s\"}}");
            }
            inventory = Files.writeString(temp.resolve("rehearsal.json"), "{\"testbed\": \"rehearsal\", \"tentacles\": [\n"
                    + String.join(",\n", tentacles) + "]}\n");
        }

        String usb() {
            return SimulatedUsb.SCHEME + folder;
        }
    }
}
