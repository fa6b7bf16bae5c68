package dev.mpunit.cli;

import java.nio.file.Path;
import java.util.Optional;

import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.Testbed;
import picocli.CommandLine.Option;

/** The testbed operator's two inputs, shared by the subcommands that look at tentacles: the inventory and the USB tree. */
final class TestbedOptions {

    @Option(names = "--testbed", paramLabel = "<inventory.json>", description = "The testbed inventory (docs/inventory.md).")
    Path testbed;

    @Option(names = "--usb-tree", paramLabel = "<recording>",
            description = "Read the USB devices from a recording (docs/tentacles.md, Recorded USB trees) instead of this machine's.")
    Path usbTree;

    /** Whether the USB devices are this machine's (no --usb-tree recording): only then are its rights worth a word. */
    boolean live() {
        return usbTree == null;
    }

    /** @throws IllegalArgumentException the inventory's problems, in one line */
    Optional<Testbed> inventory() {
        return Inventories.load(testbed);
    }

    /** @throws IllegalArgumentException a recording that cannot be read */
    UsbTree tree() {
        return Inventories.usbTree(usbTree);
    }
}
