package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.tentacle.ControlTransfers.Request;
import dev.mpunit.hardware.tentacle.FakeUsb.Sent;

class HubPortsTest {

    private final List<String> events = new ArrayList<>();
    private final FakeUsb usb = new FakeUsb(Fixtures.tree("testbed-3.usb"), events);
    private final HubPorts ports = new HubPorts(usb, usb);

    @Test
    void sendsUhubctlsPortPowerRequests() throws Exception {
        ports.power("1-4.2", 3, false);
        ports.power("1-4.2", 3, true);
        ports.power("1-4.1", 1, false);

        assertThat(usb.sent()).containsExactly(
                new Sent("1-4.2", new Request(0x23, 0x01, 8, 3)),
                new Sent("1-4.2", new Request(0x23, 0x03, 8, 3)),
                new Sent("1-4.1", new Request(0x23, 0x01, 8, 1)));
    }

    @Test
    void aCycleWaitsForTheDeviceToComeBack() throws Exception {
        UsbDevice back = ports.cycle("tentacle 1331", "1-4.2", 3, Duration.ofMillis(10), Duration.ofSeconds(2));

        assertThat(back.location()).isEqualTo("1-4.2.3");
        assertThat(back.usbId()).isEqualTo("10c4:ea60");
        assertThat(events).containsExactly("power 1-4.2.3 off", "power 1-4.2.3 on");
    }

    @Test
    void aDeviceThatDoesNotComeBackIsNamed() {
        usb.pollsUntilBack = -1;

        long start = System.nanoTime();
        assertThatThrownBy(() -> ports.cycle("tentacle 1331", "1-4.2", 3, Duration.ZERO, Duration.ofMillis(300)))
                .isInstanceOf(TentacleException.class)
                .hasMessage("tentacle 1331: no USB device came back on port 3 of hub 1-4.2 (1-4.2.3) within 300 ms"
                        + " after power-on: is the board plugged in and alive?");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aHubThatIsGoneIsNamed() {
        assertThatThrownBy(() -> ports.power("1-9", 3, true))
                .hasMessage("no USB hub at 1-9 (13 USB devices seen on fake): was the tentacle unplugged?");
    }
}
