package dev.mpunit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests on real MicroPython skip with the reason when its emulator is missing, except in CI
 * ({@code MPUNIT_REQUIRE_EMULATORS} set), where a skip would hide a gap.
 */
final class Emulators {

    static final Path MICROBIT_FIRMWARE = Path.of("/usr/share/firmware-microbit-micropython/firmware.hex");

    private Emulators() {
    }

    static void assumeNode() {
        assume(runs("node", "--version") && runs("npm", "--version"),
                "node and npm not found on PATH: the webassembly MicroPython cannot run");
    }

    static void assumeQemuMicrobit() {
        assume(runs("qemu-system-arm", "--version") && Files.isRegularFile(MICROBIT_FIRMWARE),
                "qemu-system-arm or " + MICROBIT_FIRMWARE + " missing: apt-get install qemu-system-arm firmware-microbit-micropython");
    }

    /** python3 runs a simulated testbed's infra Picos ({@code SimulatedUsb}). */
    static void assumePython() {
        assume(runs("python3", "--version"), "python3 not found on PATH: a simulated testbed's infra cannot run");
    }

    private static void assume(boolean available, String reason) {
        String required = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && required != null && !required.isBlank()) {
            Assertions.fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)");
        }
        Assumptions.assumeTrue(available, reason);
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
