package dev.mpunit.hardware.emulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.serial.ExecPtyLink;
import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.LinkReads;
import dev.mpunit.hardware.serial.SerialLink;
import dev.mpunit.hardware.serial.SerialPortLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class QemuMicrobitTest {

    private static final Duration BOOT = Duration.ofSeconds(10);

    @Test
    void traitsAreThoseMeasuredHere() {
        assertThat(QemuMicrobit.TRAITS.pacing()).isEqualTo(Pacing.of(32, Duration.ofMillis(4)));
        assertThat(QemuMicrobit.TRAITS.rawPaste()).isTrue();
        assertThat(QemuMicrobit.TRAITS.softResetEndsProcess()).isFalse();
        assertThat(QemuMicrobit.TRAITS.bootTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMissingQemuNamesThePackagesAndTheKey() {
        assertThatThrownBy(() -> QemuMicrobit.open(QemuMicrobit.Config.defaults().withQemu("qemu-system-nope")))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("qemu-system-nope")
                .hasMessageContaining("apt-get install qemu-system-arm firmware-microbit-micropython")
                .hasMessageContaining("micropython.qemu");
    }

    @Test
    void aMissingFirmwareNamesThePackagesAndTheKey() {
        // Checked after QEMU, so a machine without QEMU says that first; /bin/sh stands in for it.
        assertThatThrownBy(() -> QemuMicrobit.open(QemuMicrobit.Config.defaults().withQemu("/bin/sh")
                        .withFirmware(Path.of("/nonexistent/other.hex"))))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("/nonexistent/other.hex")
                .hasMessageContaining("firmware-microbit-micropython")
                .hasMessageContaining("micropython.qemu-microbit.firmware");
    }

    @Test
    void twoRunAtOnceAndAHardResetGivesAFreshOne() throws IOException {
        try (QemuMicrobit first = EmulatedBoards.qemuMicrobit(); QemuMicrobit second = EmulatedBoards.qemuMicrobit()) {
            long start = System.nanoTime();
            SerialLink one = first.connect();
            SerialLink two = second.connect();
            assertThat(one.name()).isNotEqualTo(two.name());
            assertThat(EmulatedBoards.prompt(one, BOOT)).contains(">>> ");
            Duration toPrompt = Duration.ofNanos(System.nanoTime() - start);
            assertThat(EmulatedBoards.prompt(two, BOOT)).contains(">>> ");
            System.out.println("QEMU micro:bit start to prompt: " + toPrompt.toMillis() + " ms");

            write(one, "x = 42\r");
            assertThat(LinkReads.until(one, ">>> ", BOOT)).contains(">>> ");
            write(one, "print(x * 2)\r");
            assertThat(LinkReads.until(one, "84", BOOT)).contains("84");

            first.hardReset();
            assertThatThrownBy(() -> one.read(new byte[16], Duration.ofSeconds(1)))
                    .isInstanceOf(LinkLostException.class);
            SerialLink again = first.connect();
            assertThat(EmulatedBoards.prompt(again, BOOT)).contains(">>> ");
            write(again, "print('x' in dir())\r");
            assertThat(LinkReads.until(again, "False", BOOT)).contains("False");

            // The other board was not touched by the reset.
            write(two, "print(6 * 7)\r");
            assertThat(LinkReads.until(two, "42", BOOT)).contains("42");
        }
    }

    @Test
    void itsPtyOpenedTwiceIsBusy() throws Exception {
        try (QemuMicrobit board = EmulatedBoards.qemuMicrobit(); SerialLink link = board.connect()) {
            String pty = ((ExecPtyLink) link).pty();
            long start = System.nanoTime();
            assertThatThrownBy(() -> SerialPortLink.open(pty))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("serial port " + pty + " is busy");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void qemuKilledFromOutsideIsLostWithItsExitStatus() throws Exception {
        try (QemuMicrobit board = EmulatedBoards.qemuMicrobit()) {
            Set<ProcessHandle> before = qemus();
            SerialLink link = board.connect();
            assertThat(EmulatedBoards.prompt(link, BOOT)).contains(">>> ");
            Set<ProcessHandle> ours = qemus();
            ours.removeAll(before);
            assertThat(ours).hasSize(1);
            ProcessHandle qemu = ours.iterator().next();
            qemu.destroyForcibly();
            qemu.onExit().get();
            assertThatThrownBy(() -> link.read(new byte[16], Duration.ofSeconds(2)))
                    .isInstanceOf(LinkLostException.class)
                    .hasMessageContaining("the process exited with code");
        }
    }

    private static Set<ProcessHandle> qemus() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("qemu-system-arm"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void write(SerialLink link, String text) throws IOException {
        link.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
