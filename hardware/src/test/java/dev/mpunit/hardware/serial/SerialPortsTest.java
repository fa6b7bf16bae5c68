package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port lists as jSerialComm reported them on Linux machines with boards plugged in. */
class SerialPortsTest {

    private static final SerialPortInfo UART = new SerialPortInfo("/dev/ttyS0", -1, -1, "", "", "Physical Port S0");
    private static final SerialPortInfo PICO = new SerialPortInfo("/dev/ttyACM0", 0x2e8a, 0x0005,
            "e6614c311b7e6f35", "1-1.2:1.0", "Board in FS mode");
    private static final SerialPortInfo ESP32 = new SerialPortInfo("/dev/ttyUSB0", 0x10c4, 0xea60,
            "0001", "1-1.3", "CP2102 USB to UART Bridge Controller");
    /** A board with two CDC interfaces: one serial number on both ports. */
    private static final SerialPortInfo DUAL_A = new SerialPortInfo("/dev/ttyACM1", 0x303a, 0x1001,
            "F4:12:FA:00:11:22", "1-1.4:1.0", "USB JTAG/serial debug unit");
    private static final SerialPortInfo DUAL_B = new SerialPortInfo("/dev/ttyACM2", 0x303a, 0x1001,
            "F4:12:FA:00:11:22", "1-1.4:1.2", "USB JTAG/serial debug unit");

    private static final List<SerialPortInfo> PORTS = List.of(UART, PICO, ESP32, DUAL_A, DUAL_B);

    @Test
    void findsTheOnePortWithASerialNumber() throws IOException {
        assertThat(SerialPorts.bySerialNumber("e6614c311b7e6f35", PORTS)).isEqualTo("/dev/ttyACM0");
        assertThat(SerialPorts.bySerialNumber("E6614C311B7E6F35", PORTS)).isEqualTo("/dev/ttyACM0");
    }

    @Test
    void findsTheOnePortAtALocationWithOrWithoutItsInterface() throws IOException {
        assertThat(SerialPorts.byLocation("1-1.3", PORTS)).isEqualTo("/dev/ttyUSB0");
        assertThat(SerialPorts.byLocation("1-1.2", PORTS)).isEqualTo("/dev/ttyACM0");
        assertThat(SerialPorts.byLocation("1-1.4:1.2", PORTS)).isEqualTo("/dev/ttyACM2");
    }

    @Test
    void aLocationDoesNotMatchTheHubPortsBelowIt() {
        assertThatThrownBy(() -> SerialPorts.byLocation("1-1", PORTS)).hasMessageContaining("no serial port");
    }

    @Test
    void nothingMatchingListsWhatWasFound() {
        assertThatThrownBy(() -> SerialPorts.bySerialNumber("nope", PORTS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no serial port with USB serial number nope")
                .hasMessageContaining("/dev/ttyS0 Physical Port S0")
                .hasMessageContaining("/dev/ttyACM0 (USB 2e8a:0005, serial e6614c311b7e6f35, location 1-1.2:1.0)")
                .hasMessageContaining("/dev/ttyUSB0 (USB 10c4:ea60, serial 0001, location 1-1.3)")
                .hasMessageContaining("micropython.target");
    }

    @Test
    void aTestbedsBoardIsCorrectedInItsInventoryNotInMicropythonTarget() {
        DeviceSetting tentacle = DeviceSetting.inventory("mb01-MICROBIT", "lab.json");

        assertThatThrownBy(() -> SerialPorts.bySerialNumber("nope", PORTS, tentacle))
                .hasMessageContaining("plug the board in, or correct the \"dut\" of tentacle mb01-MICROBIT in the"
                        + " inventory lab.json")
                .hasMessageNotContaining("micropython.target");
        assertThatThrownBy(() -> SerialPorts.byLocation("1-1.4", PORTS, tentacle))
                .hasMessageContaining("choose one with \"dut\": {\"device\": \"port:<path>\"}")
                .hasMessageNotContaining("micropython.target");
        assertThat(PortOpenFailure.NO_SUCH_PORT.message("/dev/ttyACM7", 2, PORTS, tentacle))
                .contains("set the \"dut\" of tentacle mb01-MICROBIT in the inventory lab.json to one of them",
                        "\"dut\": {\"usb_serial\": \"<serial number>\"} finds a USB board wherever it is")
                .doesNotContain("micropython.target");
    }

    @Test
    void noPortsAtAllIsSaid() {
        assertThatThrownBy(() -> SerialPorts.byLocation("1-1.2", List.of()))
                .hasMessageContaining("no serial ports found at all");
    }

    @Test
    void severalMatchingListsThemAndSaysHowToChoose() {
        assertThatThrownBy(() -> SerialPorts.bySerialNumber("F4:12:FA:00:11:22", PORTS))
                .hasMessageContaining("2 serial ports have USB serial number F4:12:FA:00:11:22")
                .hasMessageContaining("/dev/ttyACM1")
                .hasMessageContaining("/dev/ttyACM2")
                .hasMessageNotContaining("/dev/ttyACM0")
                .hasMessageContaining("micropython.target=port:<path>");
        assertThatThrownBy(() -> SerialPorts.byLocation("1-1.4", PORTS)).hasMessageContaining("2 serial ports");
    }

    @Test
    void listingThisMachineDoesNotFail() {
        assertThat(SerialPorts.list()).allSatisfy(port -> assertThat(port.path()).isNotBlank());
    }
}
