package dev.mpunit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.tentacle.DrivenTestbed;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.tentacle.HubPorts;
import dev.mpunit.hardware.tentacle.UsbHost;
import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.Fut;
import dev.mpunit.hardware.testbed.Testbed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mpunit list-tentacles}: the inventory's tentacles and which of them are connected now. */
@Command(name = "list-tentacles", mixinStandardHelpOptions = true,
        header = "Lists the inventory's tentacles and which are connected now.",
        description = "Lists the testbed inventory's tentacles (name, serial, variants, FUTs) and where each one is"
                + " now: connected (its hub and board on USB, its port), not found, emulated, or started by a command;"
                + " then the tentacles on USB the inventory does not list, or plainly that there are none. Without"
                + " --testbed, lists the tentacles on USB. With --usb simulated:<folder>, the simulated testbed's"
                + " (its infras started, its boards off, under the testbed lock as a run takes it).",
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit list-tentacles --testbed examples/testbeds/emulated.json",
                "  mpunit list-tentacles --testbed lab.json --usb-tree other-machine.usb",
                "  mpunit list-tentacles --testbed rehearsal.json --usb simulated:/tmp/bench",
                "%nExit codes: 0 listed, whatever is connected; 2 an inventory, USB recording or simulated testbed that"
                        + " cannot be read (or whose lock a run holds)."})
final class ListTentaclesCommand implements Callable<Integer> {

    @Mixin
    TestbedOptions testbed;

    @Option(names = "--hub-power", paramLabel = "auto|sysfs|libusb", defaultValue = "auto",
            description = "How hub ports are switched (micropython.hub-power): the sysfs file when writable, else libusb"
                    + " (auto), or only one of them. list-tentacles says when this user may not switch them.")
    String hubPower;

    /** @throws IllegalArgumentException a value that is not auto, sysfs or libusb */
    HubPorts.Switch hubPower() {
        try {
            return HubPorts.Switch.parse(hubPower);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hub-power " + e.getMessage());
        }
    }


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Testbed> inventory;
        HubPorts.Switch way;
        try {
            way = hubPower();
            inventory = testbed.inventory();
            if (!testbed.simulated()) {
                UsbTree tree = testbed.tree();
                if (!testbed.live()) {
                    return list(inventory, TestbedOnUsb.of(inventory, tree), Optional.empty());
                }
                // This machine's serial ports say where each infra and board is; a recording has none.
                return list(inventory, TestbedOnUsb.of(inventory, tree, UsbHost.live(way).serialPorts()),
                        Optional.of(HubPorts.of(tree, way)));
            }
        } catch (IllegalArgumentException e) {
            return Cli.usage(spec, e.getMessage());
        }
        // Through the USB host a run drives the simulated testbed with, under its lock.
        try (DrivenTestbed driven = testbed.drive(Map.of(ConfigurationKeys.HUB_POWER, hubPower))) {
            return list(inventory, TestbedOnUsb.of(inventory, driven.usb().tree(), driven.usb().serialPorts()),
                    Optional.empty());
        } catch (IllegalArgumentException | TargetException e) {
            return Cli.usage(spec, e.getMessage());
        }
    }

    /** @param rights the hub ports of this machine, whose rights are worth a word; empty elsewhere */
    private int list(Optional<Testbed> inventory, TestbedOnUsb onUsb, Optional<HubPorts> rights) {
        PrintWriter out = spec.commandLine().getOut();
        inventory.ifPresent(t -> {
            out.println("testbed " + t.name() + (t.instance().equals(t.name()) ? "" : " (" + t.instance() + ")") + ", "
                    + t.tentacles().size() + " tentacle" + (t.tentacles().size() == 1 ? "" : "s") + " in " + t.source()
                    + ":");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("tentacle", "serial", "variants", "FUTs", "now"));
            for (TestbedOnUsb.Presence p : onUsb.tentacles()) {
                rows.add(List.of(p.spec().label(), p.spec().serial(), String.join(", ", p.spec().variants()),
                        String.join(", ", p.spec().futs().stream().sorted().map(Fut::name).toList()),
                        p.state().word + ": " + p.where()));
            }
            Columns.print(out, rows);
        });
        List<DiscoveredTentacle> others = inventory.isPresent() ? onUsb.discovery().unknown() : onUsb.discovery().found();
        if (!others.isEmpty()) {
            out.println(inventory.isPresent() ? "on USB, not in the inventory (not used):" : "tentacles on USB:");
            for (DiscoveredTentacle found : others) {
                out.println("  " + found.label() + ": serial " + found.serial() + ", " + (found.dutPresent()
                        ? "DUT " + found.dutUsbId() + " at " + found.dutLocation()
                        : "no DUT at " + found.dutLocation() + " (its port unpowered?)"));
            }
        }
        if (inventory.isEmpty() || onUsb.needsUsb()) {
            onUsb.noneFound().ifPresent(out::println);
            onUsb.discovery().inBootMode().forEach(hub -> out.println("tentacle hub " + hub + ": infra Pico in boot mode"));
        }
        rights.ifPresent(ports -> {
            // What a run would switch: the hubs of the tentacles it uses (all found, without an inventory).
            List<String> hubs = (inventory.isPresent() ? onUsb.discovery().matched() : onUsb.discovery().found())
                    .stream().map(DiscoveredTentacle::hubLocation).toList();
            ports.rightsLine(hubs).ifPresent(out::println);
        });
        out.flush();
        return Cli.OK;
    }
}
