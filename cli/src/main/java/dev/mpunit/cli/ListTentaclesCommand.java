package dev.mpunit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.testbed.Fut;
import dev.mpunit.hardware.testbed.Testbed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code mpunit list-tentacles}: the inventory's tentacles and which of them are connected now. */
@Command(name = "list-tentacles", mixinStandardHelpOptions = true,
        header = "Lists the inventory's tentacles and which are connected now.",
        description = "Lists the testbed inventory's tentacles (name, serial, variants, FUTs) and where each one is"
                + " now: connected (its hub and board on USB, its port), not found, emulated, or started by a command;"
                + " then the tentacles on USB the inventory does not list, or plainly that there are none. Without"
                + " --testbed, lists the tentacles on USB.",
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit list-tentacles --testbed examples/testbeds/emulated.json",
                "  mpunit list-tentacles --testbed lab.json --usb-tree other-machine.usb",
                "%nExit codes: 0 listed, whatever is connected; 2 an inventory or USB recording that cannot be read."})
final class ListTentaclesCommand implements Callable<Integer> {

    @Mixin
    TestbedOptions testbed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Testbed> inventory;
        TestbedOnUsb onUsb;
        try {
            inventory = testbed.inventory();
            onUsb = TestbedOnUsb.of(inventory, testbed.tree());
        } catch (IllegalArgumentException e) {
            return Cli.usage(spec, e.getMessage());
        }
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
        out.flush();
        return Cli.OK;
    }
}
