package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.tentacle.ControlTransfers.Request;
import dev.mpunit.hardware.tentacle.FakeUsb.Sent;

/**
 * Hub power through sysfs or libusb, on a temporary sysfs-like tree ({@code <hub>:1.0/<hub>-port<N>/disable},
 * {@code /dev/bus/usb/BBB/DDD}) and a libusb double that answers {@code LIBUSB_ERROR_ACCESS}.
 */
class HubPowerRightsTest {

    @TempDir
    Path root;

    private final List<String> events = new ArrayList<>();
    private final FakeUsb usb = new FakeUsb(Fixtures.tree("testbed-3.usb"), events);
    private final List<Path> madeImmutable = new ArrayList<>();

    private Path sysfs() {
        return root.resolve("sys/bus/usb/devices");
    }

    private Path nodes() {
        return root.resolve("dev/bus/usb");
    }

    /** Tentacle 1331's hub 1-4.2 (bus 1, address 5): its port files and its device node, writable or not. */
    private Path tree(boolean writable) throws IOException {
        Path node = Files.createDirectories(nodes().resolve("001")).resolve("005");
        Files.writeString(node, "");
        Path disable = null;
        for (int port = 1; port <= 4; port++) {
            Path file = Files.createDirectories(sysfs().resolve("1-4.2:1.0/1-4.2-port" + port)).resolve("disable");
            Files.writeString(file, "0\n");
            if (port == 3) {
                disable = file;
            }
        }
        if (!writable) {
            readOnly(disable);
            readOnly(node);
        }
        return disable;
    }

    /**
     * Read-only for this user. As root, file modes deny nothing: the file is then made immutable
     * ({@code chattr +i}), which root's writes respect too; without that the test cannot be made here.
     */
    private void readOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        if (!Files.isWritable(file)) {
            return;
        }
        try {
            Process chattr = new ProcessBuilder("chattr", "+i", file.toString()).redirectErrorStream(true).start();
            chattr.getInputStream().readAllBytes();
            if (chattr.waitFor() == 0) {
                madeImmutable.add(file);
            }
        } catch (IOException | InterruptedException e) {
            // Said by the assumption below.
        }
        assumeTrue(!Files.isWritable(file), "running as root, where a read-only file is writable, and chattr +i"
                + " could not make " + file + " immutable: a missing right cannot be made here");
    }

    @AfterEach
    void mutableAgain() throws Exception {
        for (Path file : madeImmutable) {
            new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor();
        }
    }

    private HubPorts ports(HubPorts.Switch way) {
        return new HubPorts(usb, usb, sysfs(), nodes(), way);
    }

    @Test
    void sysfsIsUsedWhenItsFileIsWritable() throws Exception {
        Path disable = tree(true);

        ports(HubPorts.Switch.AUTO).power("1-4.2", 3, false);
        assertThat(disable).hasContent("1");
        ports(HubPorts.Switch.AUTO).power("1-4.2", 3, true);
        assertThat(disable).hasContent("0");

        assertThat(usb.sent()).isEmpty();
        assertThat(ports(HubPorts.Switch.AUTO).missingRight("1-4.2")).isEmpty();
    }

    @Test
    void libusbIsUsedWhenAsked() throws Exception {
        Path disable = tree(true);

        ports(HubPorts.Switch.LIBUSB).power("1-4.2", 3, false);

        assertThat(usb.sent()).containsExactly(new Sent("1-4.2", new Request(0x23, 0x01, 8, 3)));
        assertThat(disable).hasContent("0\n");
    }

    @Test
    void withoutTheFileLibusbSwitchesInAutoAndSysfsAloneSaysWhy() throws Exception {
        ports(HubPorts.Switch.AUTO).power("1-4.2", 3, true);
        assertThat(usb.sent()).containsExactly(new Sent("1-4.2", new Request(0x23, 0x03, 8, 3)));

        assertThatThrownBy(() -> ports(HubPorts.Switch.SYSFS).power("1-4.2", 3, true))
                .hasMessage("tentacle 1331 (hub 1-4.2): cannot switch port 3 through sysfs: "
                        + sysfs().resolve("1-4.2:1.0/1-4.2-port3/disable") + " does not exist (Linux before 6.0 has"
                        + " no such file: set micropython.hub-power=libusb)");
    }

    @Test
    void noRightEitherWayIsOneMessageNamingTheTentacleTheFilesAndTheUdevRule() throws Exception {
        Path disable = tree(false);
        usb.answer = HubPorts.LIBUSB_ERROR_ACCESS;

        assertThatThrownBy(() -> ports(HubPorts.Switch.AUTO).power("1-4.2", 3, false))
                .isInstanceOf(TentacleException.class)
                .hasMessage("tentacle 1331 (hub 1-4.2): no right to switch the power of port 3 of hub 1-4.2: "
                        + disable + " is not writable and " + nodes().resolve("001/005") + " (the hub's device node)"
                        + " cannot be opened (LIBUSB_ERROR_ACCESS); add the line SUBSYSTEM==\"usb\", DRIVER==\"usb\","
                        + " ATTR{idVendor}==\"0424\", ATTR{idProduct}==\"2514\", MODE=\"0660\", GROUP=\"plugdev\","
                        + " RUN+=\"/bin/sh -c 'chgrp plugdev /sys%p/*:1.0/*-port*/disable; chmod g+w"
                        + " /sys%p/*:1.0/*-port*/disable'\" to /etc/udev/rules.d/49-mpunit-hub-power.rules, then run"
                        + " sudo udevadm control --reload && sudo udevadm trigger --attr-match=subsystem=usb, and add"
                        + " your user to the plugdev group (sudo usermod -aG plugdev $USER, then log in again);"
                        + " see docs/testbed-host.md");
        assertThat(disable).hasContent("0\n");
        assertThat(ports(HubPorts.Switch.AUTO).missingRight("1-4.2")).contains(disable + " is not writable and "
                + nodes().resolve("001/005") + " is not writable");
    }

    @Test
    void aReadOnlySysfsFileWhenSysfsIsForcedIsTheSameOneMessage() throws Exception {
        Path disable = tree(false);

        assertThatThrownBy(() -> ports(HubPorts.Switch.SYSFS).power("1-4.2", 3, true))
                .hasMessageStartingWith("tentacle 1331 (hub 1-4.2): no right to switch the power of port 3 of hub"
                        + " 1-4.2: " + disable + " is not writable; add the line SUBSYSTEM==\"usb\"")
                .hasMessageEndingWith("see docs/testbed-host.md");
        assertThat(usb.sent()).isEmpty();
    }

    @Test
    void anotherLibusbErrorIsPassedOnAsItIs() throws Exception {
        usb.answer = -4; // LIBUSB_ERROR_NO_DEVICE

        assertThatThrownBy(() -> ports(HubPorts.Switch.LIBUSB).power("1-4.2", 3, true))
                .hasMessage("libusb answered -4 for the hub at 1-4.2");
    }

    @Test
    void theSettingIsReadAnyCase() {
        assertThat(HubPorts.Switch.parse(" SysFS ")).isEqualTo(HubPorts.Switch.SYSFS);
        assertThatThrownBy(() -> HubPorts.Switch.parse("usb")).hasMessage("\"usb\" is not auto, sysfs or libusb");
    }

    @Test
    void theRightsLineNamesTheHubsThatCannotBeSwitched() throws Exception {
        Path disable = tree(false);

        assertThat(ports(HubPorts.Switch.AUTO).rightsLine(List.of("1-4.2"))).contains("hub power: this user may not"
                + " switch the power of 1 of 1 tentacle hub (auto; 1-4.2: " + disable + " is not writable and "
                + nodes().resolve("001/005") + " is not writable): " + HubPorts.UDEV_FIX);
        assertThat(ports(HubPorts.Switch.AUTO).rightsLine(List.of())).isEmpty();
    }

    @Test
    void theRightsLineIsSilentWhenEveryHubCanBeSwitched() throws Exception {
        tree(true);

        assertThat(ports(HubPorts.Switch.SYSFS).rightsLine(List.of("1-4.2"))).isEmpty();
        assertThat(ports(HubPorts.Switch.LIBUSB).rightsLine(List.of("1-4.2"))).isEmpty();
    }
}
