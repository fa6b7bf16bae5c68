package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(15)
class ProcessLinkTest {

    @Test
    void bytesGoThroughStdinAndComeBackFromStdout() throws IOException {
        try (ProcessLink link = ProcessLink.start(List.of("cat"))) {
            assertThat(link.name()).isEqualTo("exec:cat");
            link.write("hello\r\n\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(LinkReads.until(link, "\u0004", Duration.ofSeconds(5))).isEqualTo("hello\r\n\u0003\u0004");
        }
    }

    @Test
    void aReadWithNothingToReadReturnsZeroAfterItsTimeout() throws IOException {
        try (ProcessLink link = ProcessLink.start(List.of("cat"))) {
            long start = System.nanoTime();
            assertThat(link.read(new byte[16], Duration.ofMillis(200))).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
            assertThat(link.read(new byte[16], Duration.ZERO)).isZero();
        }
    }

    @Test
    void aProcessThatEndsIsLostWithItsExitCodeAndStderrTail() throws IOException {
        try (ProcessLink link = ProcessLink.start(List.of("sh", "-c", "echo last words; echo oops >&2; exit 3"))) {
            assertThat(LinkReads.until(link, "words\n", Duration.ofSeconds(5))).isEqualTo("last words\n");
            assertThatThrownBy(() -> link.read(new byte[16], Duration.ofSeconds(5)))
                    .isInstanceOf(LinkLostException.class)
                    .hasMessageContaining("exec:sh -c")
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("oops");
        }
    }

    @Test
    void writingToAProcessThatEndedIsLost() throws IOException {
        try (ProcessLink link = ProcessLink.start(List.of("sh", "-c", "exit 5"))) {
            assertThatThrownBy(() -> {
                // The pipe only breaks once the process is gone; a big write finds that out.
                for (int i = 0; i < 100; i++) {
                    link.write(new byte[65536]);
                }
            }).isInstanceOf(LinkLostException.class).hasMessageContaining("exited with code 5");
        }
    }

    @Test
    void aCommandThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> ProcessLink.start(List.of("/nonexistent/qemu", "-M", "microbit")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot start exec:/nonexistent/qemu -M microbit");
    }

    @Test
    void closeStopsTheProcessAndWhatItStartedAndCanBeRepeated() throws Exception {
        ProcessLink link = ProcessLink.start(List.of("sh", "-c", "sleep 300 & echo $!; wait"));
        String child = LinkReads.until(link, "\n", Duration.ofSeconds(5)).strip();
        ProcessHandle sleeper = ProcessHandle.of(Long.parseLong(child)).orElseThrow();
        long start = System.nanoTime();
        link.close();
        link.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        sleeper.onExit().get();
        assertThat(sleeper.isAlive()).isFalse();
        assertThatThrownBy(() -> link.read(new byte[16], Duration.ofSeconds(1)))
                .isInstanceOf(LinkLostException.class).hasMessageContaining("closed");
    }
}
