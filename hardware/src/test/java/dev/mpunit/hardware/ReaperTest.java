package dev.mpunit.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaperTest {

    @TempDir
    Path temp;

    @Test
    void whatAJvmStartedEndsWhenTheJvmIsKilledWithoutAWord() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                ReaperProbe.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
            ProcessHandle child = handle(out.readLine(), "child ");
            ProcessHandle grandchild = handle(out.readLine(), "grandchild ");
            String folderLine = out.readLine();
            assertThat(folderLine).startsWith("folder ");
            Path folder = Path.of(folderLine.substring("folder ".length()));
            assertThat(folder).exists();
            ProcessHandle awaited = handle(out.readLine(), "awaited ");
            ProcessHandle watchdog = jvm.children().filter(p -> p.info().commandLine().orElse("").contains("trap"))
                    .findFirst().orElseThrow();

            jvm.destroyForcibly(); // kill -9: no shutdown hook runs
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // Liveness bounds: the watchdog notices at once; 10 s means it never will.
            watchdog.onExit().get(10, TimeUnit.SECONDS);
            child.onExit().get(10, TimeUnit.SECONDS);
            grandchild.onExit().get(10, TimeUnit.SECONDS);
            awaited.onExit().get(10, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
            assertThat(grandchild.isAlive()).isFalse();
            assertThat(awaited.isAlive()).as("a process its caller was waiting for").isFalse();
            assertThat(folder).doesNotExist();
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static ProcessHandle handle(String line, String prefix) {
        assertThat(line).startsWith(prefix);
        return ProcessHandle.of(Long.parseLong(line.substring(prefix.length()).trim())).orElseThrow();
    }
}
