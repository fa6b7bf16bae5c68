package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.tentacle.ReplBoardLink.Answer;

class InfraTest {

    private final List<String> events = new ArrayList<>();
    private final ReplBoardLink link = new ReplBoardLink(code -> new Answer(code.startsWith("print(") ? "True\r\n" : "",
            ""), events);
    private final Infra infra = new Infra("tentacle 1331", new RawRepl(link, Pacing.UNPACED, false));

    @Test
    void loadsTheBaseCodeOnceThenCallsItsFunctions() throws Exception {
        assertThat(infra.relay(1, true)).isTrue();
        infra.relay(7, false);
        infra.led(Infra.Led.ACTIVE, true);

        assertThat(link.executed()).containsExactly(Infra.BASE_CODE,
                "print(set_relays([(1, True)]))",
                "print(set_relays([(7, False)]))",
                "print(set_switch(pin_LED_ACTIVE, True))");
    }

    @Test
    void theBaseCodeIsLoadedAgainAfterThePicoLostPower() throws Exception {
        infra.relay(2, true);
        infra.baseCodeLost();
        infra.relay(2, true);

        assertThat(link.executed()).containsExactly(Infra.BASE_CODE, "print(set_relays([(2, True)]))",
                Infra.BASE_CODE, "print(set_relays([(2, True)]))");
    }

    @Test
    void bootModeHoldsRelay1WhileTheDutPortIsCycled() throws Exception {
        FakeUsb usb = new FakeUsb(Fixtures.tree("testbed-3.usb"), events);
        DiscoveredTentacle tentacle = new DiscoveredTentacle(Fixtures.T1331, "1-4.2", "1-4.2.1", "1-4.2.3", true,
                "10c4:ea60");

        UsbDevice dut = infra.enterBootMode(new HubPorts(usb, usb), tentacle, Duration.ofMillis(10),
                Duration.ofSeconds(2));

        assertThat(dut.location()).isEqualTo("1-4.2.3");
        assertThat(events).containsExactly("exec from machine import Pin", "exec print(set_relays([(1, True)]))",
                "power 1-4.2.3 off", "power 1-4.2.3 on", "exec print(set_relays([(1, False)]))");
    }

    @Test
    void theRelayIsReleasedWhenTheDutDoesNotComeBack() {
        FakeUsb usb = new FakeUsb(Fixtures.tree("testbed-3.usb"), events);
        usb.pollsUntilBack = -1;
        DiscoveredTentacle tentacle = new DiscoveredTentacle(Fixtures.T1331, "1-4.2", "1-4.2.1", "1-4.2.3", true,
                "10c4:ea60");

        assertThatThrownBy(() -> infra.enterBootMode(new HubPorts(usb, usb), tentacle, Duration.ZERO,
                Duration.ofMillis(200))).hasMessageStartingWith("tentacle 1331 on 1-4.2: no USB device came back");
        assertThat(events).last().isEqualTo("exec print(set_relays([(1, False)]))");
    }

    @Test
    void anErrorOnTheInfraIsReported() {
        ReplBoardLink failing = new ReplBoardLink(code -> code.startsWith("print(")
                ? new Answer("", "Traceback (most recent call last):\r\nKeyError: 9\r\n") : new Answer("", ""), events);
        Infra broken = new Infra("tentacle 1331", new RawRepl(failing, Pacing.UNPACED, false));

        assertThatThrownBy(() -> broken.relay(3, true)).isInstanceOf(TentacleException.class)
                .hasMessage("tentacle 1331: the infra Pico failed on print(set_relays([(3, True)])): "
                        + "Traceback (most recent call last):\r\nKeyError: 9");
        assertThatThrownBy(() -> infra.relay(8, true)).hasMessage("relays are numbered 1 to 7, not 8");
    }
}
