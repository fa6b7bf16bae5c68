package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProgrammerTest {

    private static final Path FW = Path.of("/fw/firmware.uf2");
    private static final Programmer.Dut DUT = new Programmer.Dut("1-4.2.3", 1, 17, "4F21AFA5A9A3B7B1",
            "/dev/ttyUSB0");

    @TempDir
    Path bin;

    @Test
    void buildsEachToolsCommandLine() {
        assertThat(Programmer.of("picotool", List.of()).command(FW, DUT)).containsExactly("picotool", "load",
                "--update", "--bus", "1", "--address", "17", "--execute", "/fw/firmware.uf2");
        assertThat(Programmer.of("esptool", List.of("--chip", "esp32", "write_flash", "0x1000")).command(FW, DUT))
                .containsExactly("esptool", "--port", "/dev/ttyUSB0", "--chip", "esp32", "write_flash", "0x1000",
                        "/fw/firmware.uf2");
        assertThat(Programmer.of("dfu-util", List.of("--alt", "0")).command(FW, DUT)).containsExactly("dfu-util",
                "--path", "1-4.2.3", "--alt", "0", "--download", "/fw/firmware.uf2");
        assertThat(Programmer.of("bossac", List.of("--offset=0x2000")).command(FW, DUT)).containsExactly("bossac",
                "--erase", "--write", "--port", "/dev/ttyUSB0", "--info", "--verify", "--reset", "--offset=0x2000",
                "/fw/firmware.uf2");
        assertThat(Programmer.of("teensy_loader_cli", List.of("--mcu=TEENSY40")).command(FW, DUT)).containsExactly(
                "teensy_loader_cli", "--mcu=TEENSY40", "-v", "-w", "/fw/firmware.uf2");
        assertThat(Programmer.of("mpremote", List.of()).command(FW, DUT)).containsExactly("mpremote", "connect",
                "/dev/ttyUSB0", "cp", "/fw/firmware.uf2", ":");
        assertThat(Programmer.of("command", List.of("my-flasher", "-s", "{serial}", "-l", "{location}", "{bus}:{address}",
                "{port}", "{firmware}")).command(FW, DUT)).containsExactly("my-flasher", "-s", "4F21AFA5A9A3B7B1",
                        "-l", "1-4.2.3", "1:17", "/dev/ttyUSB0", "/fw/firmware.uf2");
        assertThatThrownBy(() -> Programmer.of("jtag", List.of())).hasMessageStartingWith("unknown programmer jtag");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aSuccessfulRunGivesItsOutput() throws Exception {
        tool("picotool", "echo \"loading $*\"; echo 'done' >&2; exit 0");

        FlashResult result = Programmer.of("picotool", List.of()).flash(FW, DUT, Duration.ofSeconds(10), env());

        assertThat(result.success()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo(
                "loading load --update --bus 1 --address 17 --execute /fw/firmware.uf2\ndone\n");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aFailingRunGivesItsExitCode() throws Exception {
        tool("dfu-util", "echo 'No DFU capable USB device available'; exit 74");

        FlashResult result = Programmer.of("dfu-util", List.of()).flash(FW, DUT, Duration.ofSeconds(10), env());

        assertThat(result.success()).isFalse();
        assertThat(result.exitCode()).isEqualTo(74);
        assertThat(result.output()).isEqualTo("No DFU capable USB device available\n");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aHangingRunIsKilledWithItsChildren() throws Exception {
        Path pidFile = bin.resolve("child.pid");
        tool("esptool", "echo connecting; sleep 60 & echo $! > " + pidFile + "; wait");

        FlashResult result = Programmer.of("esptool", List.of()).flash(FW, DUT, Duration.ofMillis(700), env());

        assertThat(result.success()).isFalse();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).isEqualTo("connecting\n[mpunit: killed esptool and its children after 700 ms]\n");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        if (handle.isPresent()) {
            handle.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void longOutputKeepsItsTail() throws Exception {
        tool("picotool", "i=0; while [ $i -lt 3000 ]; do echo \"line $i of the output\"; i=$((i+1)); done");

        FlashResult result = Programmer.of("picotool", List.of()).flash(FW, DUT, Duration.ofSeconds(20), env());

        assertThat(result.output()).startsWith("[mpunit: ").contains("characters left out]")
                .endsWith("line 2999 of the output\n");
        assertThat(result.output().length()).isLessThan(ToolRun.KEEP + 100);
    }

    @Test
    void aMissingToolSaysHowToGetIt() {
        assertThatThrownBy(() -> Programmer.of("picotool", List.of()).flash(FW, DUT, Duration.ofSeconds(1),
                Map.of("PATH", bin.toString()))).isInstanceOf(TentacleException.class)
                .hasMessage("picotool not found on PATH: install it (apt-get install picotool, or build it from"
                        + " github.com/raspberrypi/picotool) or set MPUNIT_PICOTOOL to its path");
        assertThatThrownBy(() -> Programmer.of("dfu-util", List.of()).flash(FW, DUT, Duration.ofSeconds(1),
                Map.of("PATH", bin.toString(), "MPUNIT_DFU_UTIL", "/nowhere/dfu-util")))
                .hasMessage("MPUNIT_DFU_UTIL=/nowhere/dfu-util is not an executable file: correct it or unset it");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theEnvironmentVariableNamesTheTool() throws Exception {
        Path tool = tool("my-bossac", "echo \"bossac $1\"");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "MPUNIT_BOSSAC", tool.toString());

        FlashResult result = Programmer.of("bossac", List.of()).flash(FW, DUT, Duration.ofSeconds(10), env);

        assertThat(result.output()).isEqualTo("bossac --erase\n");
    }

    private Map<String, String> env() {
        return Map.of("PATH", bin + ":/usr/bin:/bin");
    }

    private Path tool(String name, String script) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
