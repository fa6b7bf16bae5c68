package dev.mpunit.engine.configuration;

import dev.mpunit.engine.GeneratedTree;
import dev.mpunit.engine.WebAssemblyAvailable;
import dev.mpunit.engine.MicroPythonTestEngine;
import dev.mpunit.engine.scheduling.Tentacle;
import dev.mpunit.engine.scheduling.TestRuns;
import dev.mpunit.engine.tentacle.Rigs;
import dev.mpunit.engine.tentacle.TentacleRig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.mpunit.hardware.TargetException;

/** A run starts no more tentacles on this machine than it carries (issue 11, item 7). */
class LocalCapacityTest {

    @TempDir
    Path temp;

    @Test
    void theDefaultFollowsCoresAndMemory() {
        assertThat(new LocalCapacity(2, 23 * 1024).tentacles()).as("2 cores, plenty of memory").isEqualTo(4);
        assertThat(new LocalCapacity(64, 4 * 1024).tentacles()).as("64 cores, 4 GiB").isEqualTo(16);
        assertThat(new LocalCapacity(1, 100).tentacles()).as("never none").isEqualTo(1);
        assertThat(new LocalCapacity(2, 23 * 1024)).hasToString("2 cores and 23 GiB");
    }

    @Test
    void aThousandEmulatedTentaclesRunFourAndTheRestStayIdleSaidOnce() {
        List<TentacleRig> rigs = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            rigs.add(rig("mb" + i, "MICROBIT", true));
        }
        rigs.add(rig("pico", "RPI_PICO2", false));
        List<String> warnings = new ArrayList<>();

        List<TentacleRig> kept = Rigs.bounded(rigs, 4, warnings::add);

        assertThat(kept).extracting(rig -> rig.tentacle().id()).containsExactly("mb1", "mb2", "mb3", "mb4", "pico");
        assertThat(warnings).containsExactly("1000 tentacles would run on this machine, which carries 4 at once"
                + " (micropython.max-local-tentacles): 4 run the tests, 996 stay idle");
    }

    @Test
    void aUnixInstanceCountsAsTheFractionOfATentacleItsKindSays() {
        List<TentacleRig> rigs = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rigs.add(rig("unix#" + i, "unix", 2));
        }
        List<String> warnings = new ArrayList<>();

        assertThat(Rigs.bounded(rigs.subList(0, 8), 4, warnings::add)).as("8 unix instances are 4 tentacles")
                .hasSize(8);
        assertThat(warnings).isEmpty();
        assertThat(Rigs.bounded(rigs, 4, warnings::add)).hasSize(8);
        assertThat(warnings).containsExactly("10 tentacles would run on this machine, which carries 4 at once"
                + " (micropython.max-local-tentacles, a unix instance counting as 1/2): 8 run the tests, 2 stay idle");
    }

    @Test
    void everyVariantKeepsATentacleEvenBelowTheLimit() {
        List<TentacleRig> rigs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rigs.add(rig("webassembly#" + i, "webassembly", true));
            rigs.add(rig("unix#" + i, "unix", true));
            rigs.add(rig("qemu-microbit#" + i, "qemu-microbit", true));
        }
        List<String> warnings = new ArrayList<>();

        assertThat(Rigs.bounded(rigs, 4, warnings::add)).extracting(rig -> rig.tentacle().id())
                .containsExactlyInAnyOrder("webassembly#1", "unix#1", "qemu-microbit#1", "webassembly#2");
        assertThat(Rigs.bounded(rigs, 1, warnings::add)).extracting(rig -> rig.tentacle().id())
                .containsExactlyInAnyOrder("webassembly#1", "unix#1", "qemu-microbit#1");
        assertThat(Rigs.bounded(rigs, 9, warnings::add)).as("within the limit: all, without a word").hasSize(9);
        assertThat(warnings).hasSize(2);
    }

    /** End to end: micropython.workers=1000 on six files; a census of node hosts whenever a test ends. */
    @Test
    void aThousandWorkersStartNoMoreNodeHostsThanAllowed() throws Exception {
        WebAssemblyAvailable.assumeNode();
        Path tree = GeneratedTree.basics(temp, 6);
        AtomicInteger mostHosts = new AtomicInteger();
        List<String> tentacles = new ArrayList<>();
        List<TestExecutionResult.Status> results = new ArrayList<>();
        TestExecutionListener census = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                String tentacle = entry.getKeyValuePairs().get("micropython.tentacle");
                if (tentacle != null) {
                    synchronized (tentacles) {
                        tentacles.add(tentacle);
                    }
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    synchronized (results) {
                        results.add(result.getStatus());
                    }
                    long hosts = ProcessHandle.current().descendants()
                            .filter(process -> process.info().commandLine().orElse("").contains("webassembly-host"))
                            .count();
                    mostHosts.accumulateAndGet((int) hosts, Math::max);
                }
            }
        };
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(tree.toFile()))
                .filters(EngineFilter.includeEngines(MicroPythonTestEngine.ID))
                .configurationParameter("micropython.workers", "1000")
                .configurationParameter("micropython.max-local-tentacles", "2")
                .build();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request, census);

        assertThat(results).as("every file ran").hasSize(6).containsOnly(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(tentacles).as("the tentacles that ran them").hasSize(6).allSatisfy(
                tentacle -> assertThat(tentacle).isIn("webassembly#1", "webassembly#2"));
        assertThat(mostHosts.get()).as("node hosts alive at once").isBetween(1, 2);
    }

    private static TentacleRig rig(String id, String variant, int perCore) {
        Tentacle tentacle = new Tentacle(id, List.of(variant), TestRuns.EVERY_FUT, false);
        return new TentacleRig(tentacle, v -> {
            throw new TargetException("not opened in this test");
        }, variant, true, perCore);
    }

    private static TentacleRig rig(String id, String variant, boolean local) {
        Tentacle tentacle = new Tentacle(id, List.of(variant), TestRuns.EVERY_FUT, false);
        return new TentacleRig(tentacle, v -> {
            throw new TargetException("not opened in this test");
        }, variant, local);
    }
}
