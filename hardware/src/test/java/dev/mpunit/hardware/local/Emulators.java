package dev.mpunit.hardware.local;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mpunit.hardware.TargetException;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real emulator or local port skip when it is not there, with the reason in the
 * report, unless the environment variable {@code MPUNIT_REQUIRE_EMULATORS} is set (CI): then they fail.
 */
final class Emulators {

    private Emulators() {}

    static boolean required() {
        String value = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        return value != null && !value.isEmpty();
    }

    /** The webassembly port from npm into the default cache, or a skip (a failure in CI). */
    static WebAssemblyInstallation webAssembly() {
        try {
            return WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults());
        } catch (TargetException e) {
            String reason = "MicroPython webassembly unavailable: " + e.getMessage();
            if (required()) {
                fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)", e);
            }
            Assumptions.abort(reason);
            throw new AssertionError("unreachable");
        }
    }
}
