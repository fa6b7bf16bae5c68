package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.FakeTargetProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.testbed.InventoryException;
import dev.mpunit.hardware.testbed.Testbed;

/** Entries of micropython.target and testbed emulator kinds read through the providers found. */
class TargetKindsTest {

    private final TargetKinds found = TargetKinds.found();

    @Test
    void theProvidersFoundAreTheEnginesAndTheTestsOwn() {
        assertThat(found.providers()).extracting(provider -> provider.getClass().getSimpleName())
                .containsExactlyInAnyOrder("WebAssemblyProvider", "UnixProvider", "QemuMicrobitProvider",
                        "WebAssemblyPtyProvider", "DeviceProvider", "FakeTargetProvider");
        // Providers of words first, so the list of forms ends with the device strings.
        assertThat(found.accepted()).endsWith(" or a device string (" + dev.mpunit.hardware.serial.DeviceString.FORMS + ")");
        assertThat(found.emulatorKinds()).containsExactlyInAnyOrder("qemu-microbit", "webassembly-pty", "fake");
    }

    @Test
    void countsFollowTheKindOfInstances() {
        assertThat(found.parse("fake*3")).extracting(TargetSpec::variant, TargetSpec::boards).containsExactly("fake", 3);
        assertThat(found.parse(" fake ")).extracting(TargetSpec::variant, TargetSpec::boards).containsExactly("fake", 1);
        assertThat(found.parse("unix").board()).isFalse();
        assertThat(found.parse("unix").provider().pcLike()).isTrue();
        assertThat(found.parse("a0").provider().local()).isFalse();
        assertThatThrownBy(() -> found.parse("unix*2")).hasMessageContaining("local targets take no '*N'");
        assertThatThrownBy(() -> found.parse("u0*2"))
                .hasMessageContaining("u0*2: a device is one board; '*N' is for emulators (");
        assertThatThrownBy(() -> found.parse("fake*65")).hasMessageContaining("must be 1 to 64");
    }

    @Test
    void anEntryTwoKindsTakeIsRefusedNamingBoth() {
        TargetKinds twice = new TargetKinds(List.of(new FakeTargetProvider(), new FakeTargetProvider()));
        assertThatThrownBy(() -> twice.parse("fake"))
                .hasMessageContaining("fake is taken by 2 kinds of target (dev.mpunit.engine.FakeTargetProvider,"
                        + " dev.mpunit.engine.FakeTargetProvider): remove one of them from the class path");
    }

    @Test
    void aDeviceStringThatCannotBeReadSaysWhyAfterTheForms() {
        assertThatThrownBy(() -> found.parse("exec:"))
                .hasMessageStartingWith("exec: is not a known target: use ")
                .hasMessageContaining("not a device string: \"exec:\"");
    }

    @Test
    void aTestbedEmulatorOfAnUnknownKindIsAnInventoryProblemWithTheNearestKind(@TempDir Path folder) throws Exception {
        Path inventory = Files.writeString(folder.resolve("lab.json"), """
                {"testbed": "lab", "tentacles": [
                  {"serial": "emulated-01", "board": "MICROBIT", "dut": {"emulator": "fak"}}]}
                """);
        assertThatThrownBy(() -> Testbed.load(inventory, found.emulatorKinds()))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("field 'dut.emulator': unknown emulator kind \"fak\" (did you mean \"fake\"?);"
                        + " accepted: ")
                .hasMessageContaining("qemu-microbit").hasMessageContaining("webassembly-pty");
        assertThat(Testbed.load(Files.writeString(inventory, Files.readString(inventory).replace("fak", "fake")),
                found.emulatorKinds()).tentacles()).hasSize(1);
    }
}
