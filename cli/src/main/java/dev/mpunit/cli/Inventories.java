package dev.mpunit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.mpunit.hardware.tentacle.RecordedUsbTree;
import dev.mpunit.hardware.tentacle.TentacleException;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.InventoryException;
import dev.mpunit.hardware.testbed.Testbed;

/** The testbed operator's inputs, read with the one-line messages a usage problem gets. */
final class Inventories {

    private Inventories() {
    }

    /** @throws IllegalArgumentException the inventory's problems, one line */
    static Optional<Testbed> load(Path file) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Testbed.load(file));
        } catch (InventoryException e) {
            // Every problem, on one line: the usage message of a command is one line.
            return fail(String.join("; ", e.getMessage().lines().toList()));
        }
    }

    /** This machine's USB tree, or the recording given. */
    static UsbTree usbTree(Path recording) {
        if (recording == null) {
            return Tentacles.live();
        }
        try {
            return RecordedUsbTree.read(recording);
        } catch (IOException e) {
            return fail("the USB recording " + recording + " cannot be read: " + e.getMessage());
        } catch (TentacleException e) {
            return fail("the USB recording " + e.getMessage());
        }
    }

    private static <T> T fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
