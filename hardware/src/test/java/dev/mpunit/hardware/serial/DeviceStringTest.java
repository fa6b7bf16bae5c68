package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeviceStringTest {

    @ParameterizedTest
    @CsvSource({
        "port:/dev/ttyACM0, /dev/ttyACM0",
        "/dev/ttyUSB0, /dev/ttyUSB0",
        "/dev/serial/by-id/usb-MicroPython_Board_in_FS_mode_e6614c311b7e6f35-if00, /dev/serial/by-id/usb-MicroPython_Board_in_FS_mode_e6614c311b7e6f35-if00",
        "a0, /dev/ttyACM0",
        "a12, /dev/ttyACM12",
        "u0, /dev/ttyUSB0",
        "c3, COM3",
        "COM4, COM4",
        "port:COM5, COM5",
    })
    void serialPortForms(String text, String path) {
        assertThat(DeviceString.parse(text)).isEqualTo(new DeviceString.Port(path));
    }

    @Test
    void execFormsKeepTheirCommandAndSplitIt() {
        DeviceString exec = DeviceString.parse("exec:qemu-system-arm -serial 'stdio' -kernel \"a b.elf\"");
        assertThat(exec).isInstanceOf(DeviceString.Exec.class);
        assertThat(((DeviceString.Exec) exec).arguments())
                .containsExactly("qemu-system-arm", "-serial", "stdio", "-kernel", "a b.elf");

        DeviceString execPty = DeviceString.parse("execpty:qemu-system-arm -serial pty");
        assertThat(execPty).isEqualTo(new DeviceString.ExecPty("qemu-system-arm -serial pty"));
        assertThat(((DeviceString.ExecPty) execPty).arguments()).containsExactly("qemu-system-arm", "-serial", "pty");
    }

    @Test
    void usbForms() {
        assertThat(DeviceString.parse("usb-serial:e6614c311b7e6f35"))
                .isEqualTo(new DeviceString.UsbSerial("e6614c311b7e6f35"));
        assertThat(DeviceString.parse("usb-location:1-1.2")).isEqualTo(new DeviceString.UsbLocation("1-1.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"port:/dev/ttyACM0", "usb-serial:123", "usb-location:1-1.2", "exec:cat", "execpty:qemu -x"})
    void textReadsBackAsTheSameValue(String text) {
        DeviceString device = DeviceString.parse(text);
        assertThat(DeviceString.parse(device.text())).isEqualTo(device);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "port:", "exec:", "execpty:  ", "usb-serial:", "usb-location:",
        "exec:echo 'unclosed", "telnet:1.2.3.4", "192.168.1.10", "unix", "webassembly", "rfc2217://host:1"})
    void malformedStringsNameThemselvesAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DeviceString.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("accepted forms: port:<path>")
                .hasMessageContaining("execpty:<command>");
    }

    @Test
    void aLocalTargetNameSaysWhichKeyToSet() {
        assertThatThrownBy(() -> DeviceString.parse("unix")).hasMessageContaining("micropython.target=unix");
    }
}
