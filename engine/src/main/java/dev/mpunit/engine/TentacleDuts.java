package dev.mpunit.engine;

import java.util.Set;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.tentacle.Discovery;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * Where a real tentacle's board under test is on USB: found under the tentacle's own hub (named by its
 * infra Pico's serial) at the port the inventory gives. Asked when the tentacle's worker opens it,
 * never at discovery.
 */
final class TentacleDuts {

    private TentacleDuts() {
    }

    static String location(TentacleSpec tentacle, DutAccess.UsbLocation dut) throws TargetException {
        Discovery discovery = Tentacles.discover(Set.of(tentacle.serial()));
        for (DiscoveredTentacle found : discovery.matched()) {
            if (found.serial().equals(tentacle.serial())) {
                return found.hubLocation() + "." + dut.hubPort();
            }
        }
        String why = discovery.noneFound().orElse(String.join("; ", discovery.messages()));
        throw new TargetException("tentacle " + tentacle.label() + " (serial " + tentacle.serial()
                + ") was not found on USB: " + why);
    }
}
