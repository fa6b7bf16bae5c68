package dev.mpunit.hardware.emulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.LinkReads;
import dev.mpunit.hardware.serial.SerialLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WebAssemblyPtyTest {

    private static final Duration BOOT = Duration.ofSeconds(10);

    @Test
    void traits() {
        assertThat(WebAssemblyPty.TRAITS.pacing()).isEqualTo(Pacing.UNPACED);
        assertThat(WebAssemblyPty.TRAITS.rawPaste()).isFalse();
        assertThat(WebAssemblyPty.TRAITS.softResetEndsProcess()).isTrue();
    }

    @Test
    void theRawReplRunsCodeAndCtrlDAtThePromptEndsTheProcess() throws IOException {
        try (WebAssemblyPty board = EmulatedBoards.webAssemblyPty()) {
            long start = System.nanoTime();
            SerialLink link = board.connect();
            assertThat(EmulatedBoards.prompt(link, BOOT)).contains(">>> ");
            System.out.println("webassembly-pty start to prompt: "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            assertThat(link.name()).startsWith("webassembly-pty:").contains("micropython.mjs", "/dev/pts/");

            write(link, "\r\u0001");
            assertThat(LinkReads.until(link, "raw REPL; CTRL-B to exit\r\n>", BOOT)).endsWith(">");
            write(link, "print(1+1)\u0004");
            assertThat(LinkReads.until(link, "\u0004>", BOOT)).isEqualTo("OK2\n\u0004\u0004>");

            write(link, "\u0002");
            assertThat(LinkReads.until(link, ">>> ", BOOT)).contains(">>> ");
            write(link, "\u0004");
            assertThatThrownBy(() -> LinkReads.until(link, "never", BOOT))
                    .isInstanceOf(LinkLostException.class)
                    .hasMessageContaining("the process exited with code 0");

            SerialLink fresh = board.connect();
            assertThat(EmulatedBoards.prompt(fresh, BOOT)).contains(">>> ");
        }
    }

    @Test
    void aHardResetStartsAFreshProcess() throws IOException {
        try (WebAssemblyPty board = EmulatedBoards.webAssemblyPty()) {
            SerialLink link = board.connect();
            assertThat(EmulatedBoards.prompt(link, BOOT)).contains(">>> ");
            write(link, "x = 1\r");
            board.hardReset();
            assertThatThrownBy(() -> link.read(new byte[16], Duration.ofSeconds(1)))
                    .isInstanceOf(LinkLostException.class);
            SerialLink again = board.connect();
            assertThat(EmulatedBoards.prompt(again, BOOT)).contains(">>> ");
            write(again, "print('x' in globals())\r");
            assertThat(LinkReads.until(again, "False", BOOT)).contains("False");
        }
    }

    @Test
    void aMissingPythonSaysWhatToDo() throws Exception {
        WebAssemblyInstallation installation;
        try {
            installation = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults());
        } catch (TargetException e) {
            EmulatedBoards.webAssemblyPty();
            return;
        }
        assertThatThrownBy(() -> WebAssemblyPty.open(installation, "python-nope"))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("python-nope")
                .hasMessageContaining("micropython.cpython");
        assertThatThrownBy(() -> WebAssemblyPty.open(installation, Path.of("/bin/false").toString()))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("not a working Python 3");
    }

    private static void write(SerialLink link, String text) throws IOException {
        link.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
