package dev.mpunit.hardware.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subprocess instances of two-board tests, with a fake {@code micropython} (a shell script) that
 * shows how it was started and talks over its stdio as a multitest instance does.
 */
class ProcessInteractiveTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private static Optional<String> next(Interactive.Running running) throws IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Interactive.Output> output = running.poll();
            if (output.isPresent()) {
                assertThat(output.get().error()).isEmpty();
                return Optional.of(new String(output.get().line().orElseThrow(), StandardCharsets.US_ASCII));
            }
            if (running.finished()) {
                return Optional.empty();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("neither a line nor the end within " + LIMIT);
    }

    @Test
    void theUnixPortRunsTheScriptWithDashCInTheTestsDirectoryAndTalksOverItsStdio() throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path tests = Files.createDirectories(directory.resolve("multi_net"));
        Path micropython = FakeCommands.script(bin, "micropython", """
                echo "option: $1"
                printf '%s\\n' "$2" | head -n 1
                echo "cwd: $(pwd)"
                echo "MICROPYPATH: $MICROPYPATH"
                read line
                echo "got: $line"
                echo "to stderr" >&2
                printf 'no line end'
                """);
        UnixTarget target = UnixTarget.open(UnixTarget.Config.defaults().withMicropython(micropython));
        Interactive interactive = target.interactive().orElseThrow();
        assertThat(interactive.name()).isEqualTo("micropython");
        assertThat(interactive.kind()).isEqualTo(Interactive.Kind.PROCESS);

        Interactive.Running running = interactive.start("first line\nsecond line\n".getBytes(StandardCharsets.UTF_8),
                tests, Map.of("MICROPYPATH", ".frozen:/up/extmod"));
        assertThat(next(running)).contains("option: -c");
        assertThat(next(running)).contains("first line");
        assertThat(next(running)).contains("cwd: " + tests.toRealPath());
        assertThat(next(running)).contains("MICROPYPATH: .frozen:/up/extmod");
        assertThat(running.finished()).isFalse();
        running.write("BROADCAST go\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(next(running)).contains("got: BROADCAST go\r");
        assertThat(next(running)).contains("to stderr");
        assertThat(next(running)).contains("no line end");
        assertThat(next(running)).isEmpty();
        assertThat(running.finished()).isTrue();
    }

    @Test
    void stopEndsAScriptThatWaitsForEver() throws Exception {
        Path python = FakeCommands.script(directory, "python3", """
                echo waiting
                while :; do sleep 1; done
                """);
        Interactive interactive = new ProcessInteractive(List.of(python.toString()));
        assertThat(interactive.name()).isEqualTo("python3");
        Interactive.Running running = interactive.start(new byte[0], directory, Map.of());
        assertThat(next(running)).contains("waiting");
        assertThat(running.poll()).isEmpty();
        assertThat(running.finished()).isFalse();
        running.stop();
        assertThat(next(running)).isEmpty();
        assertThat(running.finished()).isTrue();
        // Writing to an instance that has ended fails; the caller decides what that means.
        assertThatThrownBy(() -> {
            running.write("late\r\n".getBytes(StandardCharsets.US_ASCII));
            running.write("late\r\n".getBytes(StandardCharsets.US_ASCII));
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aMissingInterpreterIsATargetException() {
        Interactive interactive = new ProcessInteractive(List.of(directory.resolve("nowhere").toString()));
        assertThatThrownBy(() -> interactive.start(new byte[0], directory, Map.of()))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("cannot start " + directory.resolve("nowhere"));
    }
}
