package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Group and variant selection keys, seen through discovery only: no MicroPython runs here. */
class SelectionDiscoveryTest {

    @TempDir
    Path tests;

    @BeforeEach
    void upstreamStyleTree() throws IOException {
        for (String file : List.of("basics/list1.py", "extmod_hardware/uart.py", "net_inet/tls.py",
                "net_hosted/connect.py", "perf_bench/bm_fib.py", "perf_bench/benchrun.py")) {
            Path path = tests.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "print(1)\n");
        }
    }

    private EngineDiscoveryResults discover(Map<String, String> configuration, DiscoverySelector selector) {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.target", "webassembly,webassembly-pty,unix")
                .configurationParameters(configuration)
                .selectors(selector)
                .discover();
    }

    private EngineDiscoveryResults discoverTree(Map<String, String> configuration) {
        return discover(configuration, selectDirectory(tests.toFile()));
    }

    /** {@code group/variant/file} of every discovered test. */
    private static List<String> leaves(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getDescendants().stream()
                .filter(descriptor -> descriptor.getType() == TestDescriptor.Type.TEST)
                .map(descriptor -> descriptor.getParent().flatMap(TestDescriptor::getParent).orElseThrow().getDisplayName()
                        + "/" + descriptor.getParent().orElseThrow().getDisplayName() + "/" + descriptor.getDisplayName())
                .toList();
    }

    private static List<String> warnings(EngineDiscoveryResults results) {
        return results.getDiscoveryIssues().stream().filter(issue -> issue.severity() == Severity.WARNING)
                .map(DiscoveryIssue::message).toList();
    }

    @Test
    void onlyGroupIsTheMptestNameOfGroups() {
        var viaGroups = discoverTree(Map.of("micropython.groups", "RUN-TESTS_NET_INET",
                "micropython.only-variant", "unix"));
        var viaOnlyGroup = discoverTree(Map.of("micropython.only-group", "RUN-TESTS_NET_INET",
                "micropython.only-variant", "unix"));
        assertThat(leaves(viaGroups)).containsExactly("RUN-TESTS_NET_INET/unix/net_inet/tls.py");
        assertThat(leaves(viaOnlyGroup)).isEqualTo(leaves(viaGroups));
    }

    @Test
    void twoDifferentListsForOneKeyAreAnError() {
        var results = discoverTree(Map.of("micropython.groups", "RUN-TESTS_NET_INET",
                "micropython.only-group", "RUN-TESTS_STANDARD"));
        assertThat(results.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).contains("micropython.only-group", "micropython.groups");
        });
        assertThat(leaves(results)).isEmpty();
    }

    @Test
    void skipGroupLeavesAGroupOutEvenWhenItsDirectoryIsSelectedByHand() {
        assertThat(leaves(discover(Map.of("micropython.only-variant", "unix"),
                selectDirectory(tests.resolve("extmod_hardware").toFile()))))
                .containsExactly("RUN-TESTS_EXTMOD_HARDWARE/unix/extmod_hardware/uart.py");
        assertThat(leaves(discover(Map.of("micropython.only-variant", "unix",
                        "micropython.skip-group", "RUN-TESTS_EXTMOD_HARDWARE"),
                selectDirectory(tests.resolve("extmod_hardware").toFile())))).isEmpty();
    }

    @Test
    void onlyFutPicksTheGroupsThatNeedThatFeature() {
        assertThat(leaves(discoverTree(Map.of("micropython.only-fut", "FUT_WLAN", "micropython.only-variant", "unix"))))
                .containsExactlyInAnyOrder("RUN-TESTS_NET_HOSTED/unix/net_hosted/connect.py",
                        "RUN-TESTS_NET_INET/unix/net_inet/tls.py");
        assertThat(leaves(discover(Map.of("micropython.skip-fut", "MCU_ONLY", "micropython.only-variant", "unix"),
                selectFile(tests.resolve("basics/list1.py").toFile())))).isEmpty();
    }

    @Test
    void aBoardNameMatchesEveryBuildVariantOfItATrailingDashOnlyItsDefault() {
        assertThat(leaves(discoverTree(Map.of("micropython.only-variant", "webassembly"))))
                .containsExactly("RUN-TESTS_STANDARD/webassembly/basics/list1.py",
                        "RUN-TESTS_STANDARD/webassembly-pty/basics/list1.py");
        assertThat(leaves(discoverTree(Map.of("micropython.only-variant", "webassembly-"))))
                .containsExactly("RUN-TESTS_STANDARD/webassembly/basics/list1.py");
        assertThat(leaves(discoverTree(Map.of("micropython.skip-variant", "webassembly"))))
                .containsExactly("RUN-TESTS_STANDARD/unix/basics/list1.py");
    }

    @Test
    void aGroupReRunByUniqueIdKeepsToTheSelectedVariants() {
        UniqueId group = UniqueId.forEngine("micropython").append("group", "RUN-TESTS_STANDARD");
        var results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.target", "webassembly,unix")
                .configurationParameter("micropython.only-variant", "unix")
                .configurationParameter("micropython.root", tests.toString())
                .selectors(selectUniqueId(group))
                .discover();
        assertThat(leaves(results)).containsExactly("RUN-TESTS_STANDARD/unix/basics/list1.py");
    }

    @Test
    void aVariantPatternThatMatchesNothingOnOfferIsAWarningListingTheOffer() {
        var results = discoverTree(Map.of("micropython.only-variant", "RPI_PICO2"));
        assertThat(leaves(results)).isEmpty();
        assertThat(warnings(results)).anySatisfy(message -> assertThat(message)
                .contains("micropython.only-variant=RPI_PICO2", "webassembly, webassembly-pty, unix"));
        assertThat(warnings(results)).anySatisfy(message -> assertThat(message).contains("nothing runs"));
    }

    @Test
    void anUnknownGroupOrFutIsAnErrorListingTheAcceptedOnes() {
        assertThat(discoverTree(Map.of("micropython.skip-group", "RUN-TESTS_STANDARDS")).getDiscoveryIssues())
                .singleElement().satisfies(issue -> {
                    assertThat(issue.severity()).isEqualTo(Severity.ERROR);
                    assertThat(issue.message()).contains("micropython.skip-group=RUN-TESTS_STANDARDS",
                            "RUN-TESTS_STANDARD_VIA_MPY", "RUN-MULTITESTS_MULTINET");
                });
        assertThat(discoverTree(Map.of("micropython.only-fut", "FUT_NFC")).getDiscoveryIssues())
                .singleElement().satisfies(issue -> assertThat(issue.message())
                        .contains("micropython.only-fut=FUT_NFC", "FUT_MCU_ONLY, FUT_EXTMOD_HARDWARE, FUT_WLAN, FUT_BLE"));
    }

    @Test
    void aSelectionThatLeavesNoGroupIsAWarningNamingTheGroups() {
        var results = discoverTree(Map.of("micropython.groups", "RUN-TESTS_STANDARD",
                "micropython.skip-group", "RUN-TESTS_STANDARD"));
        assertThat(leaves(results)).isEmpty();
        assertThat(warnings(results)).anySatisfy(message -> assertThat(message)
                .contains("leaves no test group", "RUN-TESTS_NET_INET"));
    }

    @Test
    void mpyCrossGroupsAreKnownButWarnThatTheyNeedMpyCross() {
        var results = discoverTree(Map.of("micropython.groups", "RUN-TESTS_STANDARD_VIA_MPY,RUN-TESTS_STANDARD_NATIVE"));
        assertThat(leaves(results)).isEmpty();
        assertThat(warnings(results)).anySatisfy(message -> assertThat(message)
                .contains("RUN-TESTS_STANDARD_VIA_MPY is not supported yet: needs mpy-cross"));
        assertThat(warnings(results)).anySatisfy(message -> assertThat(message)
                .contains("RUN-TESTS_STANDARD_NATIVE is not supported yet: needs mpy-cross"));
        var byId = discover(Map.of(), selectUniqueId(UniqueId.forEngine("micropython")
                .append("group", "RUN-TESTS_EXTMOD_HARDWARE_NATIVE")));
        assertThat(warnings(byId)).anySatisfy(message -> assertThat(message)
                .contains("RUN-TESTS_EXTMOD_HARDWARE_NATIVE is not supported yet: needs mpy-cross"));
    }

    @Test
    void perfbenchSelectedFindsItsBenchmarksButNotTheirHarness() {
        var results = discoverTree(Map.of("micropython.groups", "RUN-PERFBENCH", "micropython.only-variant", "unix"));
        assertThat(leaves(results)).containsExactly("RUN-PERFBENCH/unix/perf_bench/bm_fib.py");
        assertThat(warnings(results)).noneSatisfy(message -> assertThat(message).contains("RUN-PERFBENCH"));
    }
}
