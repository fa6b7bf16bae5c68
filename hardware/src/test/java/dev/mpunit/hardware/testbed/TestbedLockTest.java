package dev.mpunit.hardware.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestbedLockTest {

    @TempDir
    Path folder;

    @Test
    void aSecondRunIsRefusedNamingTheHolder() throws Exception {
        Path file = folder.resolve("locks").resolve("testbed.lock");
        TestbedLock.Holder first = new TestbedLock.Holder(4242, "lab1", Instant.parse("2026-12-06T22:50:01Z"),
                "java -jar mpunit.jar run --testbed lab.json");
        try (TestbedLock lock = TestbedLock.take(file, first)) {
            assertThat(lock.tookOverFrom()).isEmpty();
            assertThat(lock.describe()).isEqualTo("took the testbed lock " + file);

            assertThatThrownBy(() -> TestbedLock.take(file, TestbedLock.Holder.thisProcess()))
                    .isInstanceOf(TestbedLock.HeldException.class)
                    .hasMessage("the testbed is in use: its lock " + file + " is held by pid 4242 on host lab1 since"
                            + " 2026-12-06T22:50:01Z (java -jar mpunit.jar run --testbed lab.json). Wait for that run"
                            + " to end or stop it (kill 4242); a run on another testbed sets micropython.testbed.lock"
                            + " to its own lock file");
        }
        // Released: the next run takes it without a takeover.
        try (TestbedLock again = TestbedLock.take(file, TestbedLock.Holder.thisProcess())) {
            assertThat(again.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void aLockLeftByAKilledRunIsTakenOver() throws Exception {
        Path file = folder.resolve("testbed.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TestbedLockProbe.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("locked " + other.pid());

            assertThatThrownBy(() -> TestbedLock.take(file, TestbedLock.Holder.thisProcess()))
                    .isInstanceOf(TestbedLock.HeldException.class)
                    .hasMessageStartingWith("the testbed is in use: its lock " + file + " is held by pid " + other.pid()
                            + " on host ")
                    .hasMessageContaining(TestbedLockProbe.class.getName())
                    .hasMessageContaining("(kill " + other.pid() + ")");
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(file)).contains("pid=" + other.pid());

        try (TestbedLock lock = TestbedLock.take(file, TestbedLock.Holder.thisProcess())) {
            assertThat(lock.tookOverFrom()).get().extracting(TestbedLock.Holder::pid).isEqualTo(other.pid());
            assertThat(lock.describe()).startsWith("took the testbed lock " + file + ", taking it over from pid "
                    + other.pid() + " on host ").endsWith(", which ended without releasing it");
            assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(Files.readString(file)).isEmpty();
    }
}
