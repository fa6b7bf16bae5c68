package dev.mpunit.engine.configuration;

import dev.mpunit.engine.execution.Progress;

import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.tentacle.DeviceProvider;
import dev.mpunit.engine.tentacle.QemuMicrobitProvider;
import dev.mpunit.engine.tentacle.TargetSpec;
import dev.mpunit.engine.tentacle.WebAssemblyPtyProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

public class EngineConfigurationTest {

    public static ConfigurationParameters parameters(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }

    @Test
    void defaultsMakeABareRunWork() {
        EngineConfiguration configuration = EngineConfiguration.from(parameters(Map.of()));
        assertThat(configuration.variants()).containsExactly("webassembly");
        assertThat(configuration.selection().groups()).containsExactly(TestGroup.RUN_TESTS_STANDARD);
        assertThat(configuration.run().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.run().emit()).isEqualTo("bytecode");
        assertThat(configuration.targets().webassemblyVersion()).isEqualTo("1.27.0");
        assertThat(configuration.run().workers()).as("not set: each kind's own number per core").isEmpty();
        assertThat(configuration.run().workers(1)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(configuration.run().workers(4)).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.workers", "3"))).run().workers(4))
                .as("set: the same for every kind").isEqualTo(3);
        assertThat(configuration.run().cacheDirectory().toString()).endsWith("mpunit");
    }

    @Test
    void boardTargetsAreEmulatorsWithACountOrRunTestsDeviceStrings() {
        EngineConfiguration configuration = EngineConfiguration.from(parameters(Map.of("micropython.target",
                "qemu-microbit*3, webassembly-pty, a0, port:/dev/ttyUSB1, execpty:qemu-system-arm -M microbit -serial pty")));
        assertThat(configuration.targets().entries()).extracting(TargetSpec::variant, target -> target.provider().getClass(),
                TargetSpec::boards).containsExactly(
                tuple("qemu-microbit", QemuMicrobitProvider.class, 3),
                tuple("webassembly-pty", WebAssemblyPtyProvider.class, 1),
                tuple("a0", DeviceProvider.class, 1),
                tuple("port:/dev/ttyUSB1", DeviceProvider.class, 1),
                tuple("execpty:qemu-system-arm -M microbit -serial pty", DeviceProvider.class, 1));
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.target",
                "qemu-microbit*2,qemu-microbit"))).targets().entries()).extracting(TargetSpec::variant, TargetSpec::boards)
                .containsExactly(tuple("qemu-microbit", 3));
        assertThat(configuration.targets().kinds().parse("exec:python3 -c print(2*3)").provider())
                .isInstanceOf(DeviceProvider.class);
        // QEMU's own commas stay in its command: an exec entry runs to the end of the value.
        assertThat(EngineConfiguration.targetEntries("unix, execpty:qemu-system-arm -device loader,file=fw.hex"))
                .containsExactly("unix", "execpty:qemu-system-arm -device loader,file=fw.hex");
        // A re-run by unique id names only the variant.
        assertThat(configuration.targets().target("u0")).extracting(TargetSpec::variant, target -> target.provider().getClass(),
                TargetSpec::boards).containsExactly("u0", DeviceProvider.class, 1);
    }

    @Test
    void misspeltOrMiscountedTargetsAreRefusedWithTheForms() {
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.target", "qemu-mikrobit"))))
                .hasMessageContaining("micropython.target=qemu-mikrobit is not a known target"
                        + " (did you mean qemu-microbit?): use ")
                .hasMessageContaining("webassembly, unix, qemu-microbit[*N], webassembly-pty[*N]")
                .hasMessageContaining("qemu-microbit[*N]").hasMessageContaining("execpty:");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.target", "webassembly*2"))))
                .hasMessageContaining("micropython.workers");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.target", "a0*2"))))
                .hasMessageContaining("a device is one board");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.target",
                "qemu-microbit*99999999999"))))
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.target",
                "qemu-microbit*40,qemu-microbit*40"))))
                .hasMessageContaining("80 boards").hasMessageContaining("at most 64");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.board.pacing", "fast"))))
                .hasMessageContaining("micropython.board.pacing=fast").hasMessageContaining("32/4ms");
    }

    @Test
    void boardKeys() {
        EngineConfiguration configuration = EngineConfiguration.from(parameters(Map.of(
                "micropython.board.pacing", "16/2ms", "micropython.board.calibrate", "false",
                "micropython.board.repl-timeout", "20", "micropython.serial.baudrate", "921600")));
        assertThat(configuration.targets().boardPacing()).contains(dev.mpunit.hardware.board.Pacing.of(16, Duration.ofMillis(2)));
        assertThat(configuration.targets().boardCalibrate()).isFalse();
        assertThat(configuration.targets().boardReplTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(configuration.targets().serialBaudrate()).isEqualTo(921600);
    }

    @Test
    void durationsAreSecondsByDefaultAndTakeUnits() {
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.timeout", "5"))).run().timeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.timeout", "500ms"))).run().timeout())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.timeout", "1.5 s"))).run().timeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.cpython.timeout", "2m"))).run().cpythonTimeout())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badValuesNameTheKeyAndWhatItTakes() {
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.timeout", "soon"))))
                .hasMessageContaining("micropython.timeout=soon").hasMessageContaining("500ms");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.workers", "0"))))
                .hasMessageContaining("micropython.workers=0");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.target", "esp32"))))
                .hasMessageContaining("micropython.target=esp32").hasMessageContaining("webassembly, unix");
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.groups", "RUN-EVERYTHING"))))
                .hasMessageContaining("RUN-EVERYTHING").hasMessageContaining("RUN-TESTS_STANDARD");
    }

    @Test
    void listsAreCommaSeparated() {
        EngineConfiguration configuration = EngineConfiguration.from(parameters(Map.of(
                "micropython.target", "unix, webassembly",
                "micropython.groups", "RUN-TESTS_STANDARD,RUN-TESTS_NET_INET",
                "micropython.root", "a,b")));
        assertThat(configuration.variants()).containsExactly("unix", "webassembly");
        assertThat(configuration.selection().groups()).containsExactlyInAnyOrder(TestGroup.RUN_TESTS_STANDARD,
                TestGroup.RUN_TESTS_NET_INET);
        assertThat(configuration.selection().roots()).hasSize(2);
    }

    @Test
    void progressIsAutoUnlessSaidAndAnythingElseNamesTheKey() {
        assertThat(EngineConfiguration.from(parameters(Map.of())).run().progress()).isEqualTo(Progress.Mode.AUTO);
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.progress", " ON "))).run().progress())
                .isEqualTo(Progress.Mode.ON);
        assertThat(EngineConfiguration.from(parameters(Map.of("micropython.progress", "off"))).run().progress())
                .isEqualTo(Progress.Mode.OFF);
        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.progress", "loud"))))
                .hasMessageContaining("micropython.progress=loud");
    }

    @Test
    void groupKeysCombineAsMptestsOnlyAndSkipOptions() {
        EngineConfiguration configuration = EngineConfiguration.from(parameters(Map.of(
                "micropython.only-fut", "WLAN,FUT_EXTMOD_HARDWARE", "micropython.skip-group", "RUN-TESTS_NET_HOSTED")));
        // RUN-PERFBENCH asks for FUT_EXTMOD_HARDWARE too, as upstream's perfbench does; the two-board
        // MULTINET needs WLAN.
        assertThat(configuration.selection().groups()).containsExactlyInAnyOrder(TestGroup.RUN_TESTS_EXTMOD_HARDWARE,
                TestGroup.RUN_PERFBENCH, TestGroup.RUN_TESTS_NET_INET, TestGroup.RUN_MULTITESTS_MULTINET);
        assertThat(configuration.selection().groupAdmitted(TestGroup.RUN_TESTS_NET_HOSTED)).isFalse();
        assertThat(configuration.selection().groupAdmitted(TestGroup.RUN_TESTS_STANDARD)).isFalse();
        assertThat(configuration.selection().selectedVariants(java.util.List.of("RPI_PICO2", "RPI_PICO2-RISCV")))
                .containsExactly("RPI_PICO2", "RPI_PICO2-RISCV");
        EngineConfiguration alone = EngineConfiguration.from(parameters(Map.of("micropython.groups", "RUN-TESTS_NET_INET")));
        assertThat(alone.selection().groupAdmitted(TestGroup.RUN_TESTS_STANDARD)).as("groups scopes a tree, it filters nothing").isTrue();
    }

    @Test
    void usbHealthAndHubPowerAreReadWithTheirDefaults() {
        TestbedConfiguration defaults = EngineConfiguration.from(parameters(Map.of())).testbed();
        assertThat(defaults.usbHealth()).isEqualTo(UsbHealthSettings.DEFAULT);
        assertThat(defaults.hubPower()).isEqualTo(dev.mpunit.hardware.tentacle.HubPorts.Switch.AUTO);

        TestbedConfiguration set = EngineConfiguration.from(parameters(Map.of("micropython.usb-health", "OFF",
                "micropython.usb-health.command", " journalctl -k -f ", "micropython.hub-power", "sysfs"))).testbed();
        assertThat(set.usbHealth()).isEqualTo(new UsbHealthSettings(UsbHealthSettings.Mode.OFF,
                java.util.Optional.of("journalctl -k -f")));
        assertThat(set.hubPower()).isEqualTo(dev.mpunit.hardware.tentacle.HubPorts.Switch.SYSFS);

        assertThatThrownBy(() -> EngineConfiguration.from(parameters(Map.of("micropython.hub-power", "uhubctl"))))
                .hasMessage("micropython.hub-power=uhubctl is not auto, sysfs or libusb");
    }
}
