package dev.mpunit.hardware.emulated;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.serial.LinkReads;
import dev.mpunit.hardware.serial.SerialLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Emulated boards for tests: a test skips with the reason in the report when its emulator is not
 * installed, unless the environment variable {@code MPUNIT_REQUIRE_EMULATORS} is set (CI), where it fails.
 */
final class EmulatedBoards {

    private EmulatedBoards() {}

    static QemuMicrobit qemuMicrobit() {
        try {
            return QemuMicrobit.open(QemuMicrobit.Config.defaults());
        } catch (TargetException e) {
            throw unavailable("QEMU micro:bit", e);
        }
    }

    static WebAssemblyPty webAssemblyPty() {
        try {
            return WebAssemblyPty.open(WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults()));
        } catch (TargetException e) {
            throw unavailable("MicroPython webassembly under a pty", e);
        }
    }

    private static Error unavailable(String what, TargetException e) {
        String reason = what + " unavailable: " + e.getMessage();
        String required = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (required != null && !required.isEmpty()) {
            fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)", e);
        }
        Assumptions.abort(reason);
        return new AssertionError("unreachable");
    }

    /** Interrupts whatever runs and waits for the friendly prompt: QEMU drops the banner while nobody listens. */
    static String prompt(SerialLink link, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            link.write("\r\u0003".getBytes(StandardCharsets.ISO_8859_1));
            seen += LinkReads.until(link, ">>> ", Duration.ofMillis(500));
            if (seen.contains(">>> ")) {
                return seen;
            }
        }
        return seen;
    }
}
