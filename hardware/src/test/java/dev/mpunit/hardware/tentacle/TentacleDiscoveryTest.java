package dev.mpunit.hardware.tentacle;

import static dev.mpunit.hardware.tentacle.Fixtures.T1331;
import static dev.mpunit.hardware.tentacle.Fixtures.T2731;
import static dev.mpunit.hardware.tentacle.Fixtures.T5425;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class TentacleDiscoveryTest {

    private static Discovery discover(String fixture, String... inventory) {
        return Tentacles.discover(Fixtures.tree(fixture), Set.of(inventory));
    }

    @Test
    void findsTheThreeTentaclesOfATestbed() {
        Discovery discovery = discover("testbed-3.usb", T2731, T1331, T5425);

        assertThat(discovery.matched()).containsExactly(
                new DiscoveredTentacle(T2731, "1-4.1", "1-4.1.1", "1-4.1.3", true, "2e8a:0005"),
                new DiscoveredTentacle(T1331, "1-4.2", "1-4.2.1", "1-4.2.3", true, "10c4:ea60"),
                new DiscoveredTentacle(T5425, "1-4.3", "1-4.3.1", "1-4.3.3", true, "f055:9800"));
        assertThat(discovery.unknown()).isEmpty();
        assertThat(discovery.missing()).isEmpty();
        assertThat(discovery.messages()).isEmpty();
        assertThat(discovery.noneFound()).isEmpty();
        assertThat(discovery.devicesSeen()).isEqualTo(13);
        assertThat(discovery.matched().get(0).label()).isEqualTo("tentacle 2731 on 1-4.1");
    }

    @Test
    void warnsAboutUnknownTentaclesAndReportsMissingOnes() {
        Discovery discovery = discover("testbed-3.usb", T2731.toLowerCase(), "0123456789ABCDEF");

        assertThat(discovery.matched()).extracting(DiscoveredTentacle::serial).containsExactly(T2731);
        assertThat(discovery.unknown()).extracting(DiscoveredTentacle::serial).containsExactly(T1331, T5425);
        assertThat(discovery.missing()).containsExactly("0123456789ABCDEF");
        assertThat(discovery.messages()).containsExactly(
                "tentacle E46340474B0E1331 on 1-4.2 is not in the inventory; it is not used",
                "tentacle DE646CC20B925425 on 1-4.3 is not in the inventory; it is not used",
                "tentacle 0123456789ABCDEF listed in the inventory was not found on USB");
        assertThat(discovery.found()).hasSize(3);
    }

    @Test
    void aTentacleWithoutPowerOnItsDutPortHasNoDut() {
        Discovery discovery = discover("no-dut.usb", T2731);

        assertThat(discovery.matched()).containsExactly(
                new DiscoveredTentacle(T2731, "3-2", "3-2.1", "3-2.3", false, ""));
    }

    @Test
    void anInfraInBootModeIsReportedAndNotUsed() {
        Discovery discovery = discover("infra-boot.usb", T2731);

        assertThat(discovery.found()).isEmpty();
        assertThat(discovery.inBootMode()).containsExactly("1-2");
        assertThat(discovery.noneFound()).contains("no tentacles found: 1 tentacle hub(s) with the infra Pico in"
                + " boot mode (1-2) (4 USB devices seen, no USB2514 hub with an infra Pico on port 1)");
        assertThat(discovery.messages()).contains("tentacle hub 1-2: its infra Pico at 1-2.1 is in boot mode: needs"
                + " its infra firmware (MicroPython for RPI_PICO; copy the .uf2 onto it or run picotool load -x)");
        assertThat(discovery.missing()).containsExactly(T2731);
    }

    @Test
    void aHubOfTentacleHubsIsNoTentacleAndHubsBehindHubsAreFound() {
        Discovery discovery = discover("nested-hubs.usb", T2731, T1331, T5425);

        assertThat(discovery.matched()).containsExactly(
                new DiscoveredTentacle(T2731, "1-1.1", "1-1.1.1", "1-1.1.3", true, "2e8a:000f"),
                new DiscoveredTentacle(T1331, "1-1.4", "1-1.4.1", "1-1.4.3", false, ""),
                new DiscoveredTentacle(T5425, "1-3.4.2", "1-3.4.2.1", "1-3.4.2.3", true, "f055:9800"));
        assertThat(discovery.messages()).isEmpty();
    }

    @Test
    void aPlainPcHasNoTentaclesAndSaysWhy() {
        Discovery discovery = discover("plain-pc.usb", T2731);

        assertThat(discovery.found()).isEmpty();
        assertThat(discovery.noneFound()).contains("no tentacles found: no USB2514 hub on the bus"
                + " (5 USB devices seen, no USB2514 hub with an infra Pico on port 1)");
        assertThat(discovery.messages()).containsExactly(discovery.noneFound().get(),
                "tentacle E46340474B4C2731 listed in the inventory was not found on USB");
    }

    @Test
    void anEmptyTreeHasNoTentacles() {
        Discovery discovery = discover("empty.usb");

        assertThat(discovery.noneFound()).contains("no tentacles found: no USB devices at all"
                + " (0 USB devices seen, no USB2514 hub with an infra Pico on port 1)");
        assertThat(discovery.devicesSeen()).isZero();
    }

    @Test
    void aHubWithoutAPicoOnPort1IsNoTentacle() throws Exception {
        RecordedUsbTree tree = RecordedUsbTree.parse("t", """
                1-2 0424:2514 hub
                1-2.3 2e8a:0005 serial=4F21AFA5A9A3B7B1
                """);

        assertThat(Tentacles.discover(tree, Set.of()).noneFound()).contains("no tentacles found: 1 USB2514 hub(s)"
                + " (1-2), none with a Pico on port 1 (2 USB devices seen, no USB2514 hub with an infra Pico on port 1)");
    }

    @Test
    void anInfraWhoseSerialCannotBeReadPointsAtPermissions() throws Exception {
        RecordedUsbTree tree = RecordedUsbTree.parse("t", """
                1-2 0424:2514 hub
                1-2.1 2e8a:0005
                """);

        assertThat(Tentacles.discover(tree, Set.of()).messages()).anySatisfy(message -> assertThat(message)
                .startsWith("tentacle hub 1-2: the infra Pico at 1-2.1 shows no serial number")
                .contains("udev rule"));
    }

    @Test
    void anUnreadableTreeGivesAnEmptyDiscoveryWithTheReason() {
        UsbTree broken = new UsbTree() {
            @Override
            public String source() {
                return "broken";
            }

            @Override
            public java.util.List<UsbDevice> devices() throws TentacleException {
                throw new TentacleException("cannot read USB devices: because");
            }
        };

        Discovery discovery = Tentacles.discover(broken, Set.of(T2731));

        assertThat(discovery.noneFound()).contains("no tentacles found: cannot read USB devices: because");
        assertThat(discovery.missing()).containsExactly(T2731);
    }
}
