package dev.mpunit.engine.verdict;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

/**
 * Tests that run the real python3 skip with the reason when it is missing, except in CI
 * ({@code MPUNIT_REQUIRE_EMULATORS} set), where a skip would hide a gap.
 */
public final class PythonAvailable {

    private PythonAvailable() {
    }

    public static void assumePython() {
        boolean available;
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            available = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        String requirement = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && requirement != null && !requirement.isBlank()) {
            fail("python3 is required here (MPUNIT_REQUIRE_EMULATORS is set) but was not found on PATH");
        }
        assumeTrue(available, "python3 not found on PATH: this test needs it");
    }
}
