package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(15)
class LinkedProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aLostLinkCarriesTheExitCodeAndTheLastOutput() throws IOException {
        LinkedProcess process = start("echo last words; exit 3");
        IOException cause = new IOException("read failed");

        LinkLostException lost = process.lost(cause, (exitCode, output) -> "code " + exitCode + ": " + output);

        assertThat(lost).hasMessage("code 3: last words").hasCause(cause);
        assertThat(lost.exitCode()).hasValue(3);
        process.close(() -> {});
    }

    @Test
    void afterCloseALostLinkWasClosedAndTheProcessIsStoppedOnce() throws IOException {
        LinkedProcess process = start("sleep 30");
        AtomicInteger firsts = new AtomicInteger();

        process.close(firsts::incrementAndGet);
        process.close(firsts::incrementAndGet);

        assertThat(firsts).hasValue(1);
        assertThat(process.isAlive()).isFalse();
        LinkLostException lost = process.lost(null, (exitCode, output) -> "not asked");
        assertThat(lost).hasMessage("sh-test was closed");
        assertThat(lost.exitCode()).isEmpty();
    }

    private static LinkedProcess start(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        OutputTail output = OutputTail.start(process.getInputStream(), "test-output-" + process.pid());
        return new LinkedProcess("sh-test", process, ExitGuard.of(process), output, WAIT, WAIT);
    }
}
