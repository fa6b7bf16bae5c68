package dev.mpunit.hardware.emulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.serial.ExecPtyLink;
import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.LinkReads;
import dev.mpunit.hardware.serial.SerialLink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webassembly-pty bridge with stand-in commands: a pty that answers anything is read as it is. */
@Timeout(20)
class PtyBridgeTest {

    @Test
    void whateverTheCommandPrintsIsReadAndItsEndIsLost() throws IOException {
        try (SerialLink link = bridge("printf 'garbage\\377\\001 no prompt here'; sleep 0.5; exit 7")) {
            assertThat(LinkReads.until(link, "here", Duration.ofSeconds(5)))
                    .isEqualTo("garbage\377\001 no prompt here");
            assertThatThrownBy(() -> LinkReads.until(link, "never", Duration.ofSeconds(5)))
                    .isInstanceOf(LinkLostException.class)
                    .hasMessageContaining("exited with code 7");
        }
    }

    @Test
    void bytesGoBothWaysUnchanged() throws IOException {
        // Raw on both ptys: Ctrl-C and Ctrl-D are bytes, \n stays \n, nothing is echoed.
        try (SerialLink link = bridge("exec od -An -c -w1 -v")) {
            link.write("a\u0003\u0004\n".getBytes(StandardCharsets.ISO_8859_1));
            String dump = LinkReads.until(link, "\\n", Duration.ofSeconds(5));
            assertThat(dump.replaceAll("\\s+", " ").strip()).isEqualTo("a 003 004 \\n");
        }
    }

    private static SerialLink bridge(String shellCommand) throws IOException {
        String script;
        try (InputStream in = WebAssemblyPty.class.getResourceAsStream("webassembly-pty.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>(List.of("python3", "-u", "-c", script, "sh", "-c", shellCommand));
        return ExecPtyLink.start("bridge:" + shellCommand, command, Duration.ofSeconds(5));
    }
}
