package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ExitGuardTest {

    @Test
    void boardProcessStopsWhenItsJvmIsTerminatedBeforeTheLinkIsClosed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitGuardProbe.class.getName()).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(jvm.getInputStream())).readLine();
        assertThat(line).startsWith("child ");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(line.substring(6).trim())).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        jvm.destroy(); // SIGTERM, as an IDE's stop button or a killed build sends
        assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).isTrue();
        child.onExit().get(10, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
    }
}
