package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;
import dev.mpunit.engine.verdict.PythonAvailable;
import dev.mpunit.hardware.emulated.QemuMicrobit;
import dev.mpunit.hardware.tentacle.HubPorts;
import dev.mpunit.hardware.tentacle.SimulatedUsb;
import dev.mpunit.hardware.testbed.TestbedLock;

/**
 * Real tentacles' lives through the engine, on a simulated testbed ({@code micropython.testbed.usb=
 * simulated:<folder>}): hub power starts and stops QEMU micro:bits, the infra answers relay commands,
 * the programmer writes the board's flash in its boot loader. Each tentacle's record of actions is
 * the run's {@code micropython.tentacle-life} entry.
 */
@Timeout(300)
class TentacleLifeEngineTest {

    private static final List<String> MATCHING = List.of("lock", "power on", "delay", "port found", "firmware check",
            "tests", "power off", "release");
    private static final List<String> FLASHED = List.of("lock", "power on", "delay", "port found", "firmware check",
            "boot mode", "flash", "power cycle", "power on", "delay", "port found", "firmware check", "tests",
            "power off", "release");

    @TempDir
    Path bench;

    /** Three tentacles: the first and third boot the variant's firmware, the second another one. */
    @Test
    void eachTentacleIsLockedPoweredCheckedAndOnlyTheDifferingOneFlashedAndASecondRunFlashesNothing()
            throws IOException {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001", "e463404700000002", "e463404700000003"),
                "e463404700000002");
        Path tree = GeneratedTree.basics(bench, 6);

        EngineExecutionResults first = run(testbed, tree).execute();

        assertThat(failures(first)).isEmpty();
        first.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
        Map<String, List<String>> lives = lives(first);
        System.out.println("first run:\n" + texts(first));
        assertThat(lives).containsOnlyKeys("0001-MICROBIT", "0002-MICROBIT", "0003-MICROBIT");
        assertThat(lives.get("0001-MICROBIT")).containsExactlyElementsOf(MATCHING);
        assertThat(lives.get("0002-MICROBIT")).containsExactlyElementsOf(FLASHED);
        assertThat(lives.get("0003-MICROBIT")).containsExactlyElementsOf(MATCHING);
        String flashed = texts(first).get("0002-MICROBIT");
        assertThat(flashed).contains("firmware check: differs from MICROBIT: version " + testbed.otherVersion
                + " installed, " + testbed.version + " wanted (no sys.implementation._build: compared by version)");
        assertThat(flashed).contains("firmware check: matches MICROBIT after flashing");
        assertThat(texts(first).get("0001-MICROBIT")).contains("firmware check: matches MICROBIT: already installed: "
                + testbed.version);
        // The boot loader really was entered through the infra's relay, once, on that tentacle only.
        assertThat(events(testbed, "e463404700000002")).containsSubsequence("relay 1 closed", "boot loader",
                "relay 1 open");
        assertThat(events(testbed, "e463404700000001")).doesNotContain("boot loader", "relay 1 closed");

        // A lock file left by a killed run names it: the second run takes the lock over and says so.
        Files.writeString(testbed.folder.resolve("testbed.lock"), "pid=999999999\nhost=lab1\nstarted="
                + Instant.parse("2026-12-06T21:00:00Z") + "\ncommand=java mpunit run\n");

        EngineExecutionResults second = run(testbed, tree).execute();

        assertThat(failures(second)).isEmpty();
        System.out.println("second run:\n" + texts(second));
        assertThat(lives(second)).hasSize(3).allSatisfy((tentacle, life) -> assertThat(life)
                .containsExactlyElementsOf(MATCHING));
        assertThat(texts(second).values()).allSatisfy(text -> assertThat(text).contains("lock: took the testbed lock "
                + testbed.folder.resolve("testbed.lock") + ", taking it over from pid 999999999 on host lab1 since"
                + " 2026-12-06T21:00:00Z (java mpunit run), which ended without releasing it"));
        assertThat(events(testbed, "e463404700000002")).filteredOn("boot loader"::equals).hasSize(1);
    }

    /** micropython.flash: skip neither checks nor flashes, force flashes without checking; no firmware folder, no check. */
    @Test
    void flashSkipAndForceAndNoFirmwareFolderAreSaidInTheRecord() throws IOException {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001"), "e463404700000001");
        Path tree = GeneratedTree.basics(bench, 1);

        EngineExecutionResults skip = run(testbed, tree).configurationParameter("micropython.flash", "skip").execute();
        EngineExecutionResults noFolder = run(testbed, tree).configurationParameter("micropython.firmware.dir", "")
                .execute();
        EngineExecutionResults force = run(testbed, tree).configurationParameter("micropython.flash", "force").execute();

        for (EngineExecutionResults results : List.of(skip, noFolder, force)) {
            assertThat(failures(results)).isEmpty();
        }
        assertThat(lives(skip).get("0001-MICROBIT")).containsExactlyElementsOf(MATCHING);
        assertThat(texts(skip).get("0001-MICROBIT")).contains("firmware check: skipped (micropython.flash=skip): the"
                + " board runs the firmware it has as MICROBIT");
        assertThat(lives(noFolder).get("0001-MICROBIT")).containsExactlyElementsOf(MATCHING);
        assertThat(texts(noFolder).get("0001-MICROBIT")).contains("firmware check: skipped: no micropython.firmware.dir"
                + " says what MICROBIT is; the board runs the firmware it has");
        assertThat(lives(force).get("0001-MICROBIT")).containsExactlyElementsOf(FLASHED);
        assertThat(texts(force).get("0001-MICROBIT")).contains("firmware check: not checked (micropython.flash=force)",
                "(micropython.flash=force); command took");
        // Only the forced run entered the boot loader.
        assertThat(events(testbed, "e463404700000001")).filteredOn("boot loader"::equals).hasSize(1);
    }

    @Test
    void aSecondRunOnALockedTestbedIsRefusedNamingTheHolderAndTouchesNothing() throws Exception {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001"), null);
        Path tree = GeneratedTree.basics(bench, 1);
        TestbedLock.Holder holder = new TestbedLock.Holder(4242, "lab1", Instant.parse("2026-12-06T22:50:01Z"),
                "java -jar mpunit.jar run --testbed lab.json");
        try (TestbedLock held = TestbedLock.take(testbed.folder.resolve("testbed.lock"), holder)) {
            EngineExecutionResults refused = run(testbed, tree).execute();

            assertThat(refused.allEvents().finished().list()).last().satisfies(event -> assertThat(event
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                    .isEqualTo("the testbed is in use: its lock " + testbed.folder.resolve("testbed.lock")
                            + " is held by pid 4242 on host lab1 since 2026-12-06T22:50:01Z (java -jar mpunit.jar run"
                            + " --testbed lab.json). Wait for that run to end or stop it (kill 4242); a run on another"
                            + " testbed sets micropython.testbed.lock to its own lock file"));
        }
        assertThat(testbed.folder.resolve("e463404700000001").resolve("events.log")).doesNotExist();
    }

    /**
     * One tentacle: a test that ignores Ctrl-C locks the board up; the recovery ladder's hard reset is a
     * power cycle, and the next tests pass on the same tentacle.
     */
    @Test
    void aLockedUpBoardIsPowerCycledAndTheNextTestPasses() throws IOException {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001"), null);
        Path tree = lockupTree(2);

        EngineExecutionResults results = run(testbed, tree).configurationParameter("micropython.timeout", "2s")
                .configurationParameter("micropython.first-files", "basics/lockup.py").execute();

        Map<String, String> outcomes = outcomes(results);
        System.out.println(outcomes + "\n" + texts(results));
        assertThat(outcomes).containsEntry("basics/t1.py", "SUCCESSFUL").containsEntry("basics/t2.py", "SUCCESSFUL");
        assertThat(outcomes.get("basics/lockup.py")).startsWith("FAILED").contains("TIMEOUT");
        assertThat(incidents(results).get("basics/lockup.py")).contains("did not answer Ctrl-C after a timeout"
                + " (locked up); the board was restarted");
        assertThat(lives(results).get("0001-MICROBIT")).containsSubsequence("tests", "power cycle", "power on",
                "delay", "port found", "power off", "release");
        assertThat(texts(results).get("0001-MICROBIT")).contains("power cycle: port 3 of hub 1-1: off, to recover the"
                + " board (the recovery ladder's hard reset)");
        // Powered off while the test's link was still open: QEMU was stopped by the power, not by closing the port.
        assertThat(events(testbed, "e463404700000001")).containsSubsequence("power 3 on", "power 3 off", "power 3 on");
    }

    /**
     * Two tentacles whose boards come up once only: the one that locks up does not come back from
     * its power cycle, and its other files go to the other tentacle. Every test ends with a verdict.
     */
    @Test
    void aBoardThatNeverComesBackGivesItsFilesToAnotherTentacle() throws IOException {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001", "e463404700000002"), null);
        for (String serial : List.of("e463404700000001", "e463404700000002")) {
            Files.writeString(testbed.folder.resolve(serial).resolve("lives"), "1");
        }
        Path tree = lockupTree(4);

        EngineExecutionResults results = run(testbed, tree).configurationParameter("micropython.timeout", "2s")
                .configurationParameter("micropython.first-files", "basics/lockup.py").execute();

        Map<String, String> outcomes = outcomes(results);
        System.out.println(outcomes + "\n" + texts(results));
        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get("basics/lockup.py")).startsWith("FAILED");
        assertThat(outcomes).allSatisfy((file, outcome) -> assertThat(outcome)
                .matches(file.equals("basics/lockup.py") ? "FAILED.*" : "SUCCESSFUL"));
        Map<String, List<String>> lives = lives(results);
        List<String> lost = lives.entrySet().stream().filter(life -> life.getValue().contains("failed"))
                .map(Map.Entry::getKey).toList();
        assertThat(lost).hasSize(1);
        assertThat(lives.get(lost.get(0))).containsSubsequence("tests", "power cycle", "power on", "delay", "failed",
                "release");
        assertThat(texts(results).get(lost.get(0))).contains("no serial port appeared at USB location");
    }

    /**
     * Bad input, one tentacle each, next to a good one that runs every file: a programmer that
     * fails, one that leaves the old firmware, an infra that does not answer.
     */
    @Test
    void eachBrokenTentacleSaysWhatToFixAndTheOthersGoOn() throws Exception {
        assumeQemuAndPython();
        List<String> serials = List.of("e463404700000001", "e463404700000002", "e463404700000003", "e463404700000004");
        Testbed testbed = testbed(serials, null);
        for (String serial : serials.subList(0, 3)) {
            Files.copy(testbed.other, testbed.folder.resolve(serial).resolve("flash.hex"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        testbed.programmers.put("e463404700000001", List.of("sh", "-c", "echo 'cannot write flash: device busy' >&2;"
                + " exit 2"));
        testbed.programmers.put("e463404700000002", List.of("true"));
        Path tree = GeneratedTree.basics(bench, 6);
        EngineTestKit.Builder engine = run(testbed, tree);
        // The third tentacle's infra is stopped once the simulation started it: its relay does not answer.
        Thread stopper = new Thread(() -> stopInfraWhenStarted(testbed.folder.resolve("e463404700000003")));
        stopper.start();
        EngineExecutionResults results;
        try {
            results = engine.execute();
        } finally {
            stopper.interrupt();
        }

        Map<String, String> texts = texts(results);
        System.out.println(texts);
        results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
        assertThat(lives(results).get("0004-MICROBIT")).containsExactlyElementsOf(MATCHING);
        assertThat(texts.get("0001-MICROBIT")).contains("failed: flashing MICROBIT onto tentacle 0001-MICROBIT failed"
                + " (exit 2", "cannot write flash: device busy. Check the tentacle's programmer entry in the inventory");
        assertThat(texts.get("0002-MICROBIT")).contains("failed: tentacle 0002-MICROBIT still does not run MICROBIT"
                + " after flashing", "check that its programmer writes this board", "MICROBIT.json");
        assertThat(texts.get("0003-MICROBIT")).contains("failed: tentacle 0003-MICROBIT: could not put its board into"
                + " boot mode through the infra Pico", "Check that the infra answers");
    }

    /**
     * No right to switch one tentacle's hub power: its port's sysfs file (the simulation's, switched by
     * the production sysfs code) is immutable. That tentacle ends with one message naming it, the file
     * and the udev rule; its files run on the other tentacle, and every test ends with a verdict.
     */
    @Test
    void noRightToSwitchATentaclesHubPowerIsOneMessageAndTheOtherTentacleRunsItsFiles() throws Exception {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001", "e463404700000002"), null);
        Path disable = Files.createDirectories(testbed.folder.resolve("sys/bus/usb/devices/1-2:1.0/1-2-port3"))
                .resolve("disable");
        Files.writeString(disable, "1\n");
        Path tree = GeneratedTree.basics(bench, 4);
        EngineExecutionResults results;
        immutable(disable);
        try {
            results = run(testbed, tree).execute();
        } finally {
            new ProcessBuilder("chattr", "-i", disable.toString()).start().waitFor();
        }

        Map<String, String> texts = texts(results);
        System.out.println(texts);
        results.testEvents().assertStatistics(stats -> stats.finished(4).succeeded(4).failed(0));
        assertThat(lives(results).get("0001-MICROBIT")).containsExactlyElementsOf(MATCHING);
        assertThat(lives(results).get("0002-MICROBIT")).containsExactly("lock", "failed", "release");
        String failed = texts.get("0002-MICROBIT").lines().filter(line -> line.contains(" failed: ")).findFirst()
                .orElseThrow();
        assertThat(failed.substring(failed.indexOf(" failed: ") + " failed: ".length())).isEqualTo("tentacle"
                + " 0002-MICROBIT: tentacle 0002 (hub 1-2): no right to switch the power of port 3 of hub 1-2: "
                + disable + " is not writable; " + HubPorts.UDEV_FIX);
        assertThat(HubPorts.UDEV_FIX).contains(HubPorts.UDEV_RULE, "/etc/udev/rules.d/49-mpunit-hub-power.rules");
        // Nothing was switched: the port stayed off, the board never started (no event at all on that tentacle).
        assertThat(disable).hasContent("1\n");
        assertThat(testbed.folder.resolve("e463404700000002").resolve("events.log")).doesNotExist();
    }

    /**
     * USB health on a simulated testbed, watched by default on its kernel log: the first tentacle's
     * cable is bad ({@code flaky-usb}), its power-on gives the kernel's enumeration errors, and the
     * critical one stops the handing out of tests. A second run, the cable good again, is {@code ok}.
     */
    @Test
    void aBadCableAtPowerOnStopsTheHandingOutAndARunWithoutOneIsOk() throws IOException {
        assumeQemuAndPython();
        Testbed testbed = testbed(List.of("e463404700000001", "e463404700000002"), null);
        Files.writeString(testbed.folder.resolve("e463404700000001").resolve(SimulatedUsb.FLAKY_USB), "");
        Path tree = GeneratedTree.basics(bench, 4);

        EngineExecutionResults bad = run(testbed, tree).execute();

        Map<String, String> outcomes = outcomes(bad);
        System.out.println(outcomes + "\n" + texts(bad) + "\n" + usbHealth(bad));
        String stopped = "the kernel reports the testbed's USB unreliable: usb 1-1-port3: unable to enumerate USB"
                + " device; remedy: turn USB autosuspend off (kernel parameter usbcore.autosuspend=-1), keep the"
                + " tentacle hubs and USB-serial bridges powered on with the udev rules of docs/testbed-host.md, and"
                + " check the cables and the hubs' power supply";
        // Every test ends with a verdict: run on the good tentacle before the stop, or skipped saying why.
        assertThat(outcomes).hasSize(4).allSatisfy((file, outcome) -> assertThat(outcome)
                .isIn("SUCCESSFUL", "SKIPPED: " + Verdicts.CANCELLED_REASON_PREFIX + " (" + stopped + ")"));
        assertThat(outcomes).containsValue("SKIPPED: " + Verdicts.CANCELLED_REASON_PREFIX + " (" + stopped + ")");
        Map<String, String> health = usbHealth(bad);
        assertThat(health).containsEntry(ReportEntryKeys.USB_HEALTH, "critical")
                .containsEntry(ReportEntryKeys.USB_HEALTH_REASON, stopped);
        assertThat(health.get(ReportEntryKeys.USB_HEALTH_MESSAGES).lines()
                .map(line -> line.replaceFirst("\t[^\t]*\t", "\t<time>\t")).toList()).containsExactly(
                        "warning\t<time>\t1-1.3\tusb 1-1.3: device descriptor read/64, error -71",
                        "critical\t<time>\t1-1.3\tusb 1-1-port3: unable to enumerate USB device");
        assertThat(lives(bad).get("0001-MICROBIT")).containsExactly("lock", "power on", "delay", "failed", "power off",
                "release");

        EngineExecutionResults good = run(testbed, tree).execute();

        good.testEvents().assertStatistics(stats -> stats.finished(4).succeeded(4));
        // The devices that came and went are in the kernel log, but they are no USB trouble: nothing recorded.
        assertThat(usbHealth(good)).containsExactly(Map.entry(ReportEntryKeys.USB_HEALTH, "ok"));
        assertThat(Files.readString(SimulatedUsb.kernelLog(testbed.folder))).contains(
                "usb 1-1.3: new full-speed USB device number", "usb 1-2.3: USB disconnect, device number");
    }

    /** The run's USB health entry, published on the engine. */
    private static Map<String, String> usbHealth(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(entry -> entry.containsKey(ReportEntryKeys.USB_HEALTH)).findFirst().orElse(Map.of());
    }

    /**
     * This user may not write the file. As root (these tests' usual user) file modes deny nothing:
     * the file is made immutable ({@code chattr +i}), which root's writes respect too.
     */
    private static void immutable(Path file) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        if (Files.isWritable(file)) {
            try {
                new ProcessBuilder("chattr", "+i", file.toString()).redirectErrorStream(true).start().waitFor();
            } catch (IOException e) {
                // Said by the assumption below.
            }
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(file), "running as root, where a read-only"
                + " file is writable, and chattr +i could not make " + file + " immutable: a missing right cannot be"
                + " made here");
    }

    /** Octoprobe's "none" mode: a board on a device string is used as found, and its record says so. */
    @Test
    void aHandConnectedBoardIsNeitherLockedPoweredNorFlashed() throws IOException {
        assumeQemuAndPython();
        Path tree = GeneratedTree.basics(bench, 2);
        String device = "execpty:qemu-system-arm -M microbit -device loader,file=" + QemuMicrobit.DEFAULT_FIRMWARE
                + " -nographic -monitor none -serial pty";
        Path inventory = Files.writeString(bench.resolve("desk.json"), "{\"testbed\": \"desk\", \"tentacles\": [{"
                + "\"serial\": \"desk-mb01\", \"board\": \"MICROBIT\", \"dut\": {\"device\": \"" + device + "\"}}]}");

        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", bench.resolve("cache").toString())
                .configurationParameter("micropython.root", tree.toString())
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.testbed", inventory.toString())
                .selectors(selectDirectory(tree.toFile())).execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(lives(results)).containsOnlyKeys("mb01-MICROBIT");
        assertThat(lives(results).get("mb01-MICROBIT")).containsExactly("hand-connected", "tests", "release");
        assertThat(texts(results).get("mb01-MICROBIT")).contains("hand-connected: device " + device + ": no lock, power"
                + " or flash steps; the board runs the firmware it has");

        // The same board as a --target entry.
        EngineExecutionResults target = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", bench.resolve("cache").toString())
                .configurationParameter("micropython.root", tree.toString())
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.target", device)
                .selectors(selectDirectory(tree.toFile())).execute();

        target.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(lives(target)).containsOnlyKeys(device + "#1");
        assertThat(lives(target).get(device + "#1")).containsExactly("hand-connected", "tests", "release");
    }

    /** QEMU's micro:bit for the boards, python3 for the simulated infra (and the tests' expected outputs). */
    private static void assumeQemuAndPython() {
        BoardEngineTest.assumeQemuMicrobit();
        PythonAvailable.assumePython();
    }

    private static void stopInfraWhenStarted(Path tentacle) {
        Path pid = tentacle.resolve("infra.pid");
        try {
            while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
                Thread.sleep(20);
            }
            new ProcessBuilder("kill", "-STOP", Files.readString(pid).strip()).start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A simulated testbed's folder, its firmware folder and inventory. */
    private final class Testbed {
        final Path folder;
        final Path firmwares;
        final Path other;
        final String version;
        final String otherVersion;
        final List<String> serials;
        final Map<String, List<String>> programmers = new LinkedHashMap<>();

        Testbed(List<String> serials, String differing) throws IOException {
            this.serials = serials;
            folder = Files.createDirectories(bench.resolve("simulated"));
            firmwares = Files.createDirectories(bench.resolve("firmware"));
            version = SimulatedUsb.versionIn(QemuMicrobit.DEFAULT_FIRMWARE);
            char last = version.charAt(version.length() - 1);
            otherVersion = version.substring(0, version.length() - 1) + (char) (last == '9' ? '0' : last + 1);
            other = bench.resolve("other.hex");
            SimulatedUsb.firmwareWithVersion(QemuMicrobit.DEFAULT_FIRMWARE, version, otherVersion, other);
            Files.copy(QemuMicrobit.DEFAULT_FIRMWARE, firmwares.resolve("MICROBIT.hex"));
            Files.writeString(firmwares.resolve("MICROBIT.json"), "{\"build\": \"MICROBIT\", \"version\": \""
                    + version + "\"}");
            for (String serial : serials) {
                Path tentacle = Files.createDirectories(folder.resolve(serial));
                Files.copy(serial.equals(differing) ? other : QemuMicrobit.DEFAULT_FIRMWARE,
                        tentacle.resolve("flash.hex"));
                programmers.put(serial, List.of(folder.resolve("flash").toString(), tentacle.toString(), "{firmware}"));
            }
        }

        Path inventory() throws IOException {
            List<String> tentacles = new ArrayList<>();
            for (String serial : serials) {
                tentacles.add("{\"serial\": \"" + serial + "\", \"board\": \"MICROBIT\", \"dut\": {\"usb_location\":"
                        + " \"3\"}, \"power_on_delay\": \"100ms\", \"programmer\": {\"kind\": \"command\", \"args\": ["
                        + String.join(", ", programmers.get(serial).stream().map(arg -> "\"" + arg.replace("\"", "\\\"")
                                + "\"").toList()) + "], \"timeout\": \"20s\"}}");
            }
            return Files.writeString(bench.resolve("testbed.json"), "{\"testbed\": \"simulated\", \"tentacles\": [\n"
                    + String.join(",\n", tentacles) + "]}\n");
        }
    }

    private Testbed testbed(List<String> serials, String differing) throws IOException {
        return new Testbed(serials, differing);
    }

    private Path lockupTree(int others) throws IOException {
        Path tree = GeneratedTree.basics(bench, others);
        // Ignores Ctrl-C: the board no longer answers, as one with its interrupts off.
        Files.writeString(tree.resolve("basics/lockup.py"), """
                while True:
                    try:
                        while True:
                            pass
                    except KeyboardInterrupt:
                        pass
                """);
        Files.writeString(tree.resolve("basics/lockup.py.exp"), "never\n");
        return tree;
    }

    private EngineTestKit.Builder run(Testbed testbed, Path tree) throws IOException {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", bench.resolve("cache").toString())
                .configurationParameter("micropython.root", tree.toString())
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.testbed", testbed.inventory().toString())
                .configurationParameter("micropython.testbed.usb", SimulatedUsb.SCHEME + testbed.folder)
                .configurationParameter("micropython.firmware.dir", testbed.firmwares.toString())
                .selectors(selectDirectory(tree.toFile()));
    }

    private static List<String> events(Testbed testbed, String serial) throws IOException {
        return Files.readAllLines(testbed.folder.resolve(serial).resolve("events.log"));
    }

    /** Each tentacle's record as published on the run. */
    private static Map<String, String> texts(EngineExecutionResults results) {
        Map<String, String> texts = new TreeMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            Map<String, String> entry = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs();
            if (entry.containsKey(ReportEntryKeys.TENTACLE_LIFE)) {
                assertThat(event.getTestDescriptor().getUniqueId().getSegments()).hasSize(1);
                texts.put(entry.get(ReportEntryKeys.TENTACLE), entry.get(ReportEntryKeys.TENTACLE_LIFE));
            }
        }
        return texts;
    }

    /** Each tentacle's actions in order: the words between a line's instant and its colon. */
    private static Map<String, List<String>> lives(EngineExecutionResults results) {
        Map<String, List<String>> lives = new TreeMap<>();
        texts(results).forEach((tentacle, text) -> lives.put(tentacle, text.lines()
                .map(line -> line.substring(line.indexOf(' ') + 1, line.indexOf(':', line.indexOf(' '))))
                .toList()));
        return lives;
    }

    private static Map<String, String> outcomes(EngineExecutionResults results) {
        Map<String, String> outcomes = new TreeMap<>();
        for (Event event : results.testEvents().finished().list()) {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            outcomes.put(file(event), result.getStatus() + result.getThrowable().map(e -> ": " + e.getMessage())
                    .orElse(""));
        }
        for (Event event : results.testEvents().skipped().list()) {
            outcomes.put(file(event), "SKIPPED: " + event.getRequiredPayload(String.class));
        }
        return outcomes;
    }

    private static Map<String, String> incidents(EngineExecutionResults results) {
        Map<String, String> incidents = new TreeMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            String value = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(ReportEntryKeys.INCIDENTS);
            if (value != null) {
                incidents.merge(file(event), value, (a, b) -> a + "\n" + b);
            }
        }
        return incidents;
    }

    private static String file(Event event) {
        List<org.junit.platform.engine.UniqueId.Segment> segments = event.getTestDescriptor().getUniqueId()
                .getSegments();
        return segments.get(segments.size() - 1).getValue();
    }

    private static List<String> failures(EngineExecutionResults results) {
        return results.allEvents().finished().list().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .filter(result -> result.getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                .map(result -> result.getThrowable().map(Throwable::getMessage).orElse("")).toList();
    }
}
