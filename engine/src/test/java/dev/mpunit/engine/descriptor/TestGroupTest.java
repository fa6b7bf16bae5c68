package dev.mpunit.engine.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.testbed.Fut;

/** The groups table against upstream's TestRunSpecs (testbed_micropython, src/…/testrunspecs). */
class TestGroupTest {

    @Test
    void labelsFutsTentaclesAndTimeoutsAreUpstreams() {
        assertThat(TestGroup.values())
                .extracting(TestGroup::label, TestGroup::fut, TestGroup::tentacles, TestGroup::timeout)
                .containsExactly(
                        tuple("RUN-TESTS_STANDARD", Fut.MCU_ONLY, 1, Duration.ofMinutes(61)),
                        tuple("RUN-TESTS_STANDARD_NATIVE", Fut.MCU_ONLY, 1, Duration.ofMinutes(61)),
                        tuple("RUN-TESTS_STANDARD_VIA_MPY", Fut.MCU_ONLY, 1, Duration.ofMinutes(61)),
                        tuple("RUN-PERFBENCH", Fut.EXTMOD_HARDWARE, 1, Duration.ofMinutes(5)),
                        tuple("RUN-TESTS_EXTMOD_HARDWARE", Fut.EXTMOD_HARDWARE, 1, Duration.ofSeconds(90)),
                        tuple("RUN-TESTS_EXTMOD_HARDWARE_NATIVE", Fut.EXTMOD_HARDWARE, 1, Duration.ofSeconds(90)),
                        tuple("RUN-TESTS_NET_HOSTED", Fut.WLAN, 1, Duration.ofMinutes(2)),
                        tuple("RUN-TESTS_NET_INET", Fut.WLAN, 1, Duration.ofMinutes(2)),
                        tuple("RUN-MULTITESTS_MULTIBLUETOOTH", Fut.BLE, 2, Duration.ofMinutes(6)),
                        tuple("RUN-MULTITESTS_MULTINET", Fut.WLAN, 2, Duration.ofMinutes(6)));
    }

    @Test
    void onlyMultitestsNeedAReferenceTentacle() {
        assertThat(Arrays.stream(TestGroup.values()).filter(TestGroup::needsReferenceTentacle))
                .containsExactly(TestGroup.RUN_MULTITESTS_MULTIBLUETOOTH, TestGroup.RUN_MULTITESTS_MULTINET);
    }

    @Test
    void noGroupJumpsTheQueueAsUpstreamGivesThemAllOnePriority() {
        assertThat(Arrays.stream(TestGroup.values()).map(TestGroup::priority).distinct()).containsExactly(0);
    }

    @Test
    void theMpyGroupsRunTheirBaseGroupsDirectoriesCompiledWithTheirEmitter() {
        assertThat(Arrays.stream(TestGroup.values()).filter(TestGroup::viaMpy)).containsExactly(
                TestGroup.RUN_TESTS_STANDARD_NATIVE, TestGroup.RUN_TESTS_STANDARD_VIA_MPY,
                TestGroup.RUN_TESTS_EXTMOD_HARDWARE_NATIVE);
        assertThat(TestGroup.RUN_TESTS_STANDARD_VIA_MPY.directoriesOf()).isEqualTo(TestGroup.RUN_TESTS_STANDARD);
        assertThat(TestGroup.RUN_TESTS_STANDARD_NATIVE.directoriesOf()).isEqualTo(TestGroup.RUN_TESTS_STANDARD);
        assertThat(TestGroup.RUN_TESTS_EXTMOD_HARDWARE_NATIVE.directoriesOf()).isEqualTo(TestGroup.RUN_TESTS_EXTMOD_HARDWARE);
        assertThat(TestGroup.RUN_TESTS_STANDARD_VIA_MPY.emit()).isEmpty();
        assertThat(TestGroup.RUN_TESTS_STANDARD_NATIVE.emit()).contains("native");
        assertThat(TestGroup.RUN_TESTS_NET_INET.directoriesOf()).isEqualTo(TestGroup.RUN_TESTS_NET_INET);
    }

    @Test
    void directoriesNameTheirGroupAndNoDirectoryNamesAnMpyCrossGroup() {
        assertThat(TestGroup.ofDirectory("extmod_hardware")).contains(TestGroup.RUN_TESTS_EXTMOD_HARDWARE);
        assertThat(TestGroup.ofDirectory("multi_bluetooth")).contains(TestGroup.RUN_MULTITESTS_MULTIBLUETOOTH);
        assertThat(TestGroup.ofDirectory("feature_check")).isEmpty();
    }

    @Test
    void futsReadAsInventoriesAndMptestWriteThem() {
        assertThat(Fut.fromLabel("FUT_WLAN")).contains(Fut.WLAN);
        assertThat(Fut.fromLabel(" extmod_hardware ")).contains(Fut.EXTMOD_HARDWARE);
        assertThat(Fut.fromLabel("FUT_NFC")).isEmpty();
        assertThat(Fut.BLE.upstreamName()).isEqualTo("FUT_BLE");
    }
}
