package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import dev.mpunit.hardware.emulated.QemuMicrobit;

/**
 * The engine on a testbed inventory: the emulated testbed of {@code examples/testbeds} runs the
 * examples over all its tentacles with one tentacle's verdicts, and a tentacle that dies mid-run
 * leaves its work to the others.
 */
class TestbedEngineTest {

    private static final Path EXAMPLES = Path.of("../examples/tests");
    private static final Path EMULATED_TESTBED = Path.of("../examples/testbeds/emulated.json");

    @TempDir
    static Path cache;

    private static EngineTestKit.Builder engine() {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", cache.toString())
                .configurationParameter("micropython.root", EXAMPLES.toString())
                .configurationParameter("micropython.progress", "off")
                .selectors(selectDirectory(EXAMPLES.toFile()));
    }

    @Test
    void emulatedTestbedSpreadsTheExamplesOverEveryTentacleWithOneTentaclesVerdicts() {
        BoardEngineTest.assumeQemuMicrobit();
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults testbed = engine()
                .configurationParameter("micropython.testbed", EMULATED_TESTBED.toString()).execute();
        EngineExecutionResults microbit = engine().configurationParameter("micropython.target", "qemu-microbit")
                .execute();
        EngineExecutionResults pty = engine().configurationParameter("micropython.target", "webassembly-pty")
                .execute();

        Map<String, String> tentacles = reportEntries(testbed, "micropython.tentacle");
        Map<String, Long> perTentacle = tentacles.values().stream()
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
        System.out.println("emulated testbed, files per tentacle: " + perTentacle);
        assertThat(perTentacle).containsOnlyKeys("mb01-MICROBIT", "mb02-MICROBIT", "mb03-MICROBIT", "wa01-WEBASSEMBLY");

        Map<String, String> verdicts = verdicts(testbed);
        Map<String, String> alone = new TreeMap<>(verdicts(microbit, "qemu-microbit", "MICROBIT"));
        alone.putAll(verdicts(pty, "webassembly-pty", "WEBASSEMBLY"));
        Map<String, String> messages = new TreeMap<>(failureMessages(testbed, null, null));
        messages.putAll(failureMessages(microbit, "qemu-microbit", "MICROBIT"));
        messages.putAll(failureMessages(pty, "webassembly-pty", "WEBASSEMBLY"));
        verdicts.keySet().stream().filter(key -> !verdicts.get(key).equals(alone.get(key)))
                .forEach(key -> System.out.println("differs: " + key + " testbed " + verdicts.get(key) + ", alone "
                        + alone.get(key) + ": " + messages.get(key)));
        assertThat(verdicts).hasSizeGreaterThan(100).isEqualTo(alone);
    }

    @Test
    void aTentacleKilledMidRunLeavesItsFilesToTheOthersAndNoTestWithoutAVerdict(@TempDir Path bench)
            throws IOException, InterruptedException {
        BoardEngineTest.assumeQemuMicrobit();
        // The doomed tentacle's QEMU is told apart by its own copy of the firmware.
        Path doomedFirmware = Files.copy(QemuMicrobit.DEFAULT_FIRMWARE, bench.resolve("doomed-mb02.hex"));
        Path inventory = Files.writeString(bench.resolve("testbed.json"), """
                {"testbed": "doomed", "tentacles": [
                  {"serial": "emulated-mb01", "board": "MICROBIT", "dut": {"emulator": "qemu-microbit"}},
                  {"serial": "emulated-mb02", "board": "MICROBIT",
                   "dut": {"emulator": "qemu-microbit", "firmware": "%s"}}]}
                """.formatted(doomedFirmware));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        Thread killer = new Thread(() -> killOnceSeen(doomedFirmware.toString(), running, kills), "tentacle-killer");
        killer.setDaemon(true);
        killer.start();
        EngineExecutionResults results;
        try {
            results = engine().configurationParameter("micropython.testbed", inventory.toString()).execute();
        } finally {
            running.set(false);
            killer.join(5000);
        }
        EngineExecutionResults alone = engine().configurationParameter("micropython.target", "qemu-microbit").execute();

        Map<String, String> tentacles = reportEntries(results, "micropython.tentacle");
        Map<String, Long> perTentacle = tentacles.values().stream()
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
        System.out.println("tentacle killed mid-run (" + kills.get() + " QEMU processes killed), files per tentacle: "
                + perTentacle);
        assertThat(kills.get()).as("the doomed tentacle's QEMU was killed").isPositive();
        assertThat(perTentacle.getOrDefault("mb01-MICROBIT", 0L))
                .as("the survivor ran most of the files").isGreaterThan(perTentacle.getOrDefault("mb02-MICROBIT", 0L));

        MicroPythonTestEngineTest.assertEveryTestEndsOnce(MicroPythonTestEngineTest.testIds(engine()
                        .configurationParameter("micropython.testbed", inventory.toString()).discover().getEngineDescriptor()),
                results.allEvents().stream().filter(event -> event.getTestDescriptor().isTest())
                        .map(event -> Map.entry(event.getTestDescriptor().getUniqueId().toString(), event.getType()))
                        .toList());

        Map<String, String> verdicts = verdicts(results);
        Map<String, String> expected = verdicts(alone, "qemu-microbit", "MICROBIT");
        assertThat(verdicts.keySet()).isEqualTo(expected.keySet());
        // A crash with a lost link is run again, and the dying board gives the file back: the
        // survivor judges it. Only a file the dying board judged twice (killed, restarted, killed
        // again mid-test) could still differ; it would have been judged there.
        Map<String, String> messages = failureMessages(results, null, null);
        Map<String, String> ports = reportEntries(results, "micropython.port");
        List<String> differing = verdicts.keySet().stream()
                .filter(key -> !verdicts.get(key).equals(expected.get(key))).toList();
        differing.forEach(key -> System.out.println("differs: " + key + ": " + messages.get(key)));
        assertThat(differing).as("verdicts unlike one tentacle's").hasSizeLessThanOrEqualTo(1)
                .allSatisfy(key -> assertThat(ports.get(key)).as("judged by the dying tentacle")
                        .contains(doomedFirmware.toString()));
    }

    @Test
    void aReferenceWhoseEmulatorIsKilledMidTestEndsThatTestWithTheReasonAndTheBoardGoesOn(@TempDir Path bench)
            throws IOException, InterruptedException {
        BoardEngineTest.assumeQemuMicrobit();
        Path doomedFirmware = Files.copy(QemuMicrobit.DEFAULT_FIRMWARE, bench.resolve("doomed-ref.hex"));
        Path inventory = Files.writeString(bench.resolve("testbed.json"), """
                {"testbed": "pair", "tentacles": [
                  {"serial": "emulated-mb01", "board": "MICROBIT", "futs": ["MCU_ONLY", "WLAN"],
                   "dut": {"emulator": "qemu-microbit"}},
                  {"serial": "emulated-ref1", "board": "MICROBIT", "futs": ["WLAN"], "reference": true,
                   "dut": {"emulator": "qemu-microbit", "firmware": "%s"}}]}
                """.formatted(doomedFirmware));
        // A two-board test long enough to be killed in (its reference prints for about 8 s), and
        // single-board files for the board to go on with.
        Path tests = Files.createDirectories(bench.resolve("tests"));
        Path multi = Files.createDirectories(tests.resolve("multi_net"));
        Files.writeString(multi.resolve("slow_pair.py"), """
                import time


                def instance0():
                    multitest.next()
                    for i in range(32):
                        print("board", i)
                        time.sleep_ms(250)


                def instance1():
                    multitest.next()
                    for i in range(32):
                        print("reference", i)
                        time.sleep_ms(250)
                """);
        Path basics = Files.createDirectories(tests.resolve("basics"));
        Files.createDirectories(tests.resolve("feature_check"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(basics.resolve("after" + i + ".py"), "print(" + i + " * 7)\n");
            Files.writeString(basics.resolve("after" + i + ".py.exp"), (i * 7) + "\n");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        Thread killer = new Thread(() -> killOnceSeen(doomedFirmware.toString(), running, kills), "reference-killer");
        killer.setDaemon(true);
        killer.start();
        EngineExecutionResults results;
        try {
            results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                    .configurationParameter("micropython.cache", cache.toString())
                    .configurationParameter("micropython.progress", "off")
                    .configurationParameter("micropython.testbed", inventory.toString())
                    .configurationParameter("micropython.groups", "RUN-TESTS_STANDARD,RUN-MULTITESTS_MULTINET")
                    .selectors(selectDirectory(tests.toFile()))
                    .execute();
        } finally {
            running.set(false);
            killer.join(5000);
        }

        Map<String, String> messages = failureMessages(results, null, null);
        // When the kill never came, how the files ended says why (the pair ended before it was due).
        assertThat(kills.get()).as("the reference's QEMU was killed; the files ended as %s", verdicts(results))
                .isPositive();
        System.out.println("reference killed mid-test (" + kills.get() + " QEMU processes killed): " + messages);
        assertThat(messages).containsOnlyKeys("RUN-MULTITESTS_MULTINET/MICROBIT/multi_net/slow_pair.py");
        assertThat(messages.get("RUN-MULTITESTS_MULTINET/MICROBIT/multi_net/slow_pair.py")).contains("ref1");
        Map<String, String> tentacles = reportEntries(results, "micropython.tentacle");
        assertThat(tentacles).as("the board went on with the single-board files")
                .containsEntry("RUN-TESTS_STANDARD/MICROBIT/basics/after0.py", "mb01-MICROBIT")
                .containsEntry("RUN-TESTS_STANDARD/MICROBIT/basics/after1.py", "mb01-MICROBIT")
                .containsEntry("RUN-TESTS_STANDARD/MICROBIT/basics/after2.py", "mb01-MICROBIT");
        assertThat(results.testEvents().succeeded().count()).isEqualTo(3);
        assertThat(results.testEvents().finished().count()).as("every test ended").isEqualTo(4);
    }

    @Test
    void aTentacleOfTwoVariantsIsFlashedBetweenThemAndAFailedBuildFailsOnlyItsVariant(@TempDir Path bench)
            throws IOException {
        BoardEngineTest.assumeQemuMicrobit();
        Path firmware = Files.createDirectories(bench.resolve("firmware"));
        Path inventory = Files.writeString(bench.resolve("testbed.json"), """
                {"testbed": "flashing", "tentacles": [
                  {"serial": "emulated-mb01", "board": "MICROBIT", "build_variants": ["", "AGAIN", "BROKEN"],
                   "dut": {"emulator": "qemu-microbit"}}]}
                """);
        // The "build" copies Debian's firmware under the variant's name, slowly; BROKEN's fails.
        String build = "sleep 1; test \"{build_variant}\" != BROKEN || { echo 'error: no such board variant' >&2; exit 2; };"
                + " cp " + QemuMicrobit.DEFAULT_FIRMWARE + " " + firmware + "/{variant}.hex";
        EngineExecutionResults results = engine()
                .configurationParameter("micropython.testbed", inventory.toString())
                .configurationParameter("micropython.firmware.dir", firmware.toString())
                .configurationParameter("micropython.firmware.build", build)
                .configurationParameter("micropython.include", "basics/.*").execute();
        EngineExecutionResults alone = engine().configurationParameter("micropython.target", "qemu-microbit")
                .configurationParameter("micropython.include", "basics/.*").execute();

        Map<String, String> verdicts = verdicts(results);
        Map<String, String> expected = verdicts(alone, "qemu-microbit", "MICROBIT");
        Map<String, String> again = verdicts(alone, "qemu-microbit", "MICROBIT-AGAIN");
        assertThat(verdicts).as("both built variants: one tentacle's verdicts")
                .containsAllEntriesOf(expected).containsAllEntriesOf(again);
        Map<String, String> broken = failureMessages(results, null, null);
        Map<String, String> ofTheBrokenBuild = new TreeMap<>(broken);
        ofTheBrokenBuild.keySet().removeIf(key -> !key.contains("/MICROBIT-BROKEN/"));
        assertThat(ofTheBrokenBuild).as("every file of the variant whose build failed")
                .hasSize((int) expected.keySet().stream().filter(key -> !key.contains(".py/")).count())
                .isNotEmpty()
                .allSatisfy((key, message) -> assertThat(message).contains(
                        "the firmware build for MICROBIT-BROKEN failed (exit 2)", "error: no such board variant"));
        assertThat(Files.list(firmware).map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder("MICROBIT.hex", "MICROBIT-AGAIN.hex");
    }

    @Test
    void aBrokenInventoryIsADiscoveryErrorNamingEveryTentacleAndField(@TempDir Path bench) throws IOException {
        Path inventory = Files.writeString(bench.resolve("lab.json"), """
                {"testbed": "lab", "tentacles": [
                  {"serial": "e46340474b174429", "board": "RPI_PICO2", "fut": ["WLAN"], "dut": {"usb_location": "3"}},
                  {"serial": "0000000000002731", "board": "RPI_PICO", "futs": ["WIFI"], "dut": {"emulator": "qemu"}}]}
                """);
        List<DiscoveryIssue> issues = engine().configurationParameter("micropython.testbed", inventory.toString())
                .discover().getDiscoveryIssues();
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains("micropython.testbed", "lab.json",
                    "tentacles[0] (serial e46340474b174429, board RPI_PICO2), field 'fut'", "did you mean 'futs'",
                    "tentacles[1] (serial 0000000000002731, board RPI_PICO), field 'futs'", "WIFI",
                    "field 'dut.emulator'");
        });
    }

    @Test
    void aTargetAndATestbedAtOnceIsADiscoveryError() {
        List<DiscoveryIssue> issues = engine().configurationParameter("micropython.testbed", EMULATED_TESTBED.toString())
                .configurationParameter("micropython.target", "qemu-microbit").discover().getDiscoveryIssues();
        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains("both micropython.target and micropython.testbed are set"));
    }

    @Test
    void aRealTentacleNotOnUsbFailsItsTestsSayingWhy(@TempDir Path bench) throws IOException {
        Path inventory = Files.writeString(bench.resolve("lab.json"), """
                {"testbed": "lab", "tentacles": [
                  {"serial": "e46340474b174429", "board": "RPI_PICO2", "dut": {"usb_location": "3"}}]}
                """);
        EngineExecutionResults results = engine().configurationParameter("micropython.testbed", inventory.toString())
                // A real tentacle's run takes the testbed lock: this one's own, not the machine's.
                .configurationParameter("micropython.testbed.lock", bench.resolve("testbed.lock").toString())
                .configurationParameter("micropython.include", "basics/int_.*").execute();
        results.testEvents().assertStatistics(stats -> stats.succeeded(0));
        assertThat(results.testEvents().failed().list()).isNotEmpty().allSatisfy(event -> assertThat(event
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .contains("every tentacle of RPI_PICO2 was lost", "4429-RPI_PICO2",
                        "tentacle 4429-RPI_PICO2 (serial e46340474b174429) was not found on USB"));
    }

    /** Kills the QEMU running this firmware, and every one started for it again, from 2.5 s after it appears (its first tests have run). */
    private static void killOnceSeen(String firmware, AtomicBoolean running, AtomicInteger kills) {
        long seenAt = 0;
        while (running.get()) {
            List<ProcessHandle> doomed = ProcessHandle.current().descendants()
                    .filter(process -> process.info().commandLine().map(line -> line.contains(firmware)).orElse(false))
                    .toList();
            if (!doomed.isEmpty() && seenAt == 0) {
                seenAt = System.nanoTime();
            }
            if (seenAt != 0 && System.nanoTime() - seenAt > 2_500_000_000L) {
                doomed.forEach(process -> {
                    if (process.destroyForcibly()) {
                        kills.incrementAndGet();
                    }
                });
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String lastType(UniqueId id) {
        List<UniqueId.Segment> segments = id.getSegments();
        return segments.get(segments.size() - 1).getType();
    }

    /** Each file's and case's outcome (and a failure's message), keyed by its id without the variant. */
    private static Map<String, String> verdicts(EngineExecutionResults results) {
        return verdicts(results, null, null);
    }

    private static Map<String, String> verdicts(EngineExecutionResults results, String variant, String renamedTo) {
        Map<String, String> verdicts = new TreeMap<>();
        for (Event event : results.allEvents().list()) {
            UniqueId id = event.getTestDescriptor().getUniqueId();
            String type = lastType(id);
            if (!type.equals("file") && !type.equals("case")) {
                continue;
            }
            String key = key(id, variant, renamedTo);
            if (event.getType() == EventType.SKIPPED) {
                verdicts.put(key, "SKIPPED");
            } else if (event.getType() == EventType.FINISHED) {
                TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
                verdicts.put(key, result.getStatus() + (result.getStatus() == TestExecutionResult.Status.FAILED
                        ? ": " + result.getThrowable().map(Throwable::getMessage).orElse("") : ""));
            }
        }
        return verdicts;
    }

    /** The id without the engine, the variant renamed (a one-tentacle run's variant to the testbed's). */
    private static String key(UniqueId id, String variant, String renamedTo) {
        return id.getSegments().stream()
                .map(segment -> segment.getType().equals("variant") && segment.getValue().equals(variant)
                        ? renamedTo : segment.getValue())
                .filter(value -> !value.equals(MicroPythonTestEngine.ID))
                .collect(Collectors.joining("/"));
    }

    /** Failure messages, keyed as {@link #verdicts}; with a run's failure messages both sides show. */
    private static Map<String, String> failureMessages(EngineExecutionResults results, String variant,
            String renamedTo) {
        Map<String, String> messages = new TreeMap<>();
        for (Event event : results.testEvents().failed().list()) {
            UniqueId id = event.getTestDescriptor().getUniqueId();
            String key = key(id, variant, renamedTo);
            messages.merge(key, event.getRequiredPayload(TestExecutionResult.class).getThrowable()
                    .map(Throwable::getMessage).orElse(""), (a, b) -> a + " | " + b);
        }
        return messages;
    }

    private static Map<String, String> reportEntries(EngineExecutionResults results, String key) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            event.getPayload(ReportEntry.class).flatMap(entry -> java.util.Optional.ofNullable(entry.getKeyValuePairs()
                    .get(key))).ifPresent(value -> values.put(key(event.getTestDescriptor().getUniqueId(), null, null),
                    value));
        }
        return values;
    }
}
