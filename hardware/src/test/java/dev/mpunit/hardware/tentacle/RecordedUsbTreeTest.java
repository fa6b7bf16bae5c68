package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedUsbTreeTest {

    @Test
    void readsEveryField() throws Exception {
        RecordedUsbTree tree = RecordedUsbTree.parse("t", """
                # comment

                usb1 1d6b:0002 hub
                1-4.1.3   2E8A:0005 addr=9 serial=4F21AFA5A9A3B7B1 product="Board in \\"FS\\" mode"
                """);

        assertThat(tree.source()).isEqualTo("t");
        assertThat(tree.devices()).containsExactly(
                new UsbDevice(1, List.of(), 0, 0x1d6b, 0x0002, "", "", true),
                new UsbDevice(1, List.of(4, 1, 3), 9, 0x2e8a, 0x0005, "4F21AFA5A9A3B7B1", "Board in \"FS\" mode",
                        false));
        assertThat(tree.devices().get(0).location()).isEqualTo("usb1");
        assertThat(tree.devices().get(1).location()).isEqualTo("1-4.1.3");
        assertThat(tree.devices().get(1).usbId()).isEqualTo("2e8a:0005");
    }

    @Test
    void formatReadsBackTheSameDevices(@TempDir Path dir) throws Exception {
        List<UsbDevice> devices = Fixtures.tree("testbed-3.usb").devices();
        Path file = dir.resolve("live.usb");
        Files.writeString(file, RecordedUsbTree.format(devices));

        assertThat(RecordedUsbTree.read(file).devices()).isEqualTo(devices);
        assertThat(RecordedUsbTree.read(file).source()).isEqualTo("live.usb");
    }

    @Test
    void namesTheLineItCannotRead() {
        assertThatThrownBy(() -> RecordedUsbTree.parse("bench.usb", "usb1 1d6b:0002 hub\n1-2 2e8a:5 hub\n"))
                .isInstanceOf(TentacleException.class)
                .hasMessage("bench.usb line 2: not a 4-digit hex id: 5: 1-2 2e8a:5 hub");
        assertThatThrownBy(() -> RecordedUsbTree.parse("b", "1-0 2e8a:0005"))
                .hasMessageContaining("not a USB location (1-2.3 or usb1): 1-0");
        assertThatThrownBy(() -> RecordedUsbTree.parse("b", "1-2 2e8a:0005 colour=blue"))
                .hasMessageContaining("unknown field colour=blue");
        assertThatThrownBy(() -> RecordedUsbTree.parse("b", "1-2 2e8a:0005 product=\"open"))
                .hasMessageContaining("unclosed double quote");
    }
}
