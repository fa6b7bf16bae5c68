package dev.mpunit.hardware.tentacle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds tentacles in a USB device tree, the way octoprobe does: every USB2514 hub ({@code 0424:2514})
 * that has no other USB2514 below it (one that has is a hub of hubs, an "octohub") and holds a
 * Raspberry Pi Pico on port 1 is a tentacle, named by that infra Pico's serial number.
 */
final class TentacleDiscovery {

    static final int HUB_VENDOR = 0x0424;
    static final int HUB_PRODUCT = 0x2514;
    static final int PICO_VENDOR = 0x2E8A;
    static final int PICO_APPLICATION = 0x0005;
    static final int PICO_BOOT = 0x0003;

    private TentacleDiscovery() {}

    /** The tentacles in {@code devices}, matched against the inventory's serial numbers. */
    static Discovery discover(List<UsbDevice> devices, Collection<String> inventorySerials) {
        List<UsbDevice> hubs = devices.stream().filter(d -> d.is(HUB_VENDOR, HUB_PRODUCT))
                .sorted(Comparator.comparing(UsbDevice::location)).toList();
        List<DiscoveredTentacle> found = new ArrayList<>();
        List<String> inBootMode = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        int withoutInfra = 0;
        for (UsbDevice hub : hubs) {
            boolean hubOfHubs = hubs.stream().anyMatch(other -> other.isBelow(hub.bus(), hub.path()));
            if (hubOfHubs) {
                continue;
            }
            Optional<UsbDevice> infra = onPort(devices, hub, DiscoveredTentacle.INFRA_PORT);
            if (infra.isPresent() && infra.get().is(PICO_VENDOR, PICO_BOOT)) {
                inBootMode.add(hub.location());
                messages.add("tentacle hub " + hub.location() + ": its infra Pico at " + infra.get().location()
                        + " is in boot mode: needs its infra firmware (MicroPython for RPI_PICO; copy the .uf2"
                        + " onto it or run picotool load -x)");
                continue;
            }
            if (infra.isEmpty() || !infra.get().is(PICO_VENDOR, PICO_APPLICATION)) {
                withoutInfra++;
                continue;
            }
            if (infra.get().serial().isEmpty()) {
                messages.add("tentacle hub " + hub.location() + ": the infra Pico at " + infra.get().location()
                        + " shows no serial number, so the tentacle cannot be named; "
                        + "no permission to open it? " + LibUsb4j.PERMISSION_HINT);
                continue;
            }
            Optional<UsbDevice> dut = onPort(devices, hub, DiscoveredTentacle.DUT_PORT);
            found.add(new DiscoveredTentacle(infra.get().serial(), hub.location(), infra.get().location(),
                    UsbDevice.portLocation(hub.location(), DiscoveredTentacle.DUT_PORT), dut.isPresent(),
                    dut.map(UsbDevice::usbId).orElse("")));
        }

        Set<String> inventory = new LinkedHashSet<>();
        inventorySerials.forEach(serial -> inventory.add(normal(serial)));
        List<DiscoveredTentacle> matched = new ArrayList<>();
        List<DiscoveredTentacle> unknown = new ArrayList<>();
        for (DiscoveredTentacle tentacle : found) {
            if (inventory.contains(normal(tentacle.serial()))) {
                matched.add(tentacle);
            } else {
                unknown.add(tentacle);
                messages.add("tentacle " + tentacle.serial() + " on " + tentacle.hubLocation()
                        + " is not in the inventory; it is not used");
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        found.forEach(t -> seen.add(normal(t.serial())));
        List<String> missing = new ArrayList<>();
        for (String serial : inventorySerials) {
            if (!seen.contains(normal(serial)) && !missing.contains(serial)) {
                missing.add(serial);
                messages.add("tentacle " + serial + " listed in the inventory was not found on USB");
            }
        }

        Optional<String> noneFound = Optional.empty();
        if (found.isEmpty()) {
            String why;
            if (devices.isEmpty()) {
                why = "no USB devices at all";
            } else if (hubs.isEmpty()) {
                why = "no USB2514 hub on the bus";
            } else if (!inBootMode.isEmpty()) {
                why = inBootMode.size() + " tentacle hub(s) with the infra Pico in boot mode ("
                        + String.join(", ", inBootMode) + ")";
            } else {
                why = hubs.size() + " USB2514 hub(s) (" + String.join(", ", hubs.stream().map(UsbDevice::location)
                        .toList()) + "), " + (withoutInfra > 0 ? "none with a Pico on port 1" : "none usable");
            }
            noneFound = Optional.of(noneFound(why, devices.size()));
            messages.add(0, noneFound.get());
        }
        return new Discovery(matched, unknown, missing, inBootMode, messages, devices.size(), noneFound);
    }

    /** The discovery when the devices could not be read at all. */
    static Discovery unreadable(String why, Collection<String> inventorySerials) {
        String reason = "no tentacles found: " + why;
        List<String> messages = new ArrayList<>(List.of(reason));
        List<String> missing = List.copyOf(new LinkedHashSet<>(inventorySerials));
        missing.forEach(serial -> messages.add("tentacle " + serial
                + " listed in the inventory was not found on USB"));
        return new Discovery(List.of(), List.of(), missing, List.of(), messages, 0, Optional.of(reason));
    }

    static String noneFound(String why, int devicesSeen) {
        return "no tentacles found: " + why + " (" + devicesSeen + " USB device" + (devicesSeen == 1 ? "" : "s")
                + " seen, no USB2514 hub with an infra Pico on port 1)";
    }

    private static Optional<UsbDevice> onPort(List<UsbDevice> devices, UsbDevice hub, int port) {
        return devices.stream().filter(d -> d.isOnPort(hub.bus(), hub.path(), port)).findFirst();
    }

    private static String normal(String serial) {
        return serial.strip().toUpperCase(Locale.ROOT);
    }
}
