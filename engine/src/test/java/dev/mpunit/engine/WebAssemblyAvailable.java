package dev.mpunit.engine;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

/**
 * Tests that run real MicroPython need node and npm. They skip with the reason when those are
 * missing, except in CI ({@code MPUNIT_REQUIRE_EMULATORS} set), where a skip would hide a gap.
 */
public final class WebAssemblyAvailable {

    private WebAssemblyAvailable() {
    }

    public static void assumeNode() {
        boolean available = runs("node", "--version") && runs("npm", "--version");
        String requirement = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && requirement != null && !requirement.isBlank()) {
            fail("node and npm are required here (MPUNIT_REQUIRE_EMULATORS is set) but were not found on PATH");
        }
        assumeTrue(available, "node and npm not found on PATH: the webassembly MicroPython cannot run");
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
