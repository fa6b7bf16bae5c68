package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The failures of execpty: that need no emulator; QEMU and the webassembly bridge are tested in emulated. */
@Timeout(15)
class ExecPtyLinkTest {

    @Test
    void aCommandThatNeverPrintsAPtyIsStoppedAndNamed() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ExecPtyLink.start(List.of("sh", "-c", "echo starting up; exec sleep 300"),
                Duration.ofMillis(500)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("execpty:sh -c echo starting up; exec sleep 300")
                .hasMessageContaining("printed no /dev/pts/N within 500 ms")
                .hasMessageContaining("it printed:\nstarting up");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("sleep")))
                .isEmpty();
    }

    @Test
    void aCommandThatEndsBeforeItsPtyShowsItsExitCodeAndOutput() {
        assertThatThrownBy(() -> ExecPtyLink.start(List.of("sh", "-c", "echo qemu: no such machine >&2; exit 4")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited with code 4 before it printed a /dev/pts/N")
                .hasMessageContaining("qemu: no such machine");
    }

    @Test
    void aCommandThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> ExecPtyLink.start(List.of("qemu-system-nonexistent", "-serial", "pty")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot start execpty:qemu-system-nonexistent -serial pty");
    }

    @Test
    void aPtyThatDoesNotOpenIsNamed() {
        assertThatThrownBy(() -> ExecPtyLink.start(List.of("sh", "-c", "echo redirected to /dev/pts/99999; sleep 300")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("printed /dev/pts/99999 but it does not open")
                .hasMessageContaining("no serial port /dev/pts/99999");
    }
}
