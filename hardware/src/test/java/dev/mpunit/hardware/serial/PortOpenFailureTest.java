package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortOpenFailureTest {

    @Test
    void classifiesWhatJSerialCommReports() {
        assertThat(PortOpenFailure.classify(false, true, 2)).isEqualTo(PortOpenFailure.NO_SUCH_PORT);
        // Measured: a second open of a QEMU pty fails with code 2.
        assertThat(PortOpenFailure.classify(true, true, 2)).isEqualTo(PortOpenFailure.BUSY);
        assertThat(PortOpenFailure.classify(true, true, 16)).isEqualTo(PortOpenFailure.BUSY);
        assertThat(PortOpenFailure.classify(true, true, 13)).isEqualTo(PortOpenFailure.PERMISSION_DENIED);
        assertThat(PortOpenFailure.classify(true, false, 0)).isEqualTo(PortOpenFailure.PERMISSION_DENIED);
        // Measured: /dev/null fails with code 25 (not a tty).
        assertThat(PortOpenFailure.classify(true, true, 25)).isEqualTo(PortOpenFailure.OTHER);
    }

    @Test
    void messagesNameThePortAndWhatToDo() {
        List<SerialPortInfo> ports = List.of(new SerialPortInfo("/dev/ttyACM1", 0x2e8a, 5, "abc", "1-2", ""));
        assertThat(PortOpenFailure.NO_SUCH_PORT.message("/dev/ttyACM0", 2, ports))
                .contains("/dev/ttyACM0", "ports found: /dev/ttyACM1", "micropython.target", "usb-serial:");
        assertThat(PortOpenFailure.BUSY.message("/dev/ttyACM0", 2, ports))
                .contains("/dev/ttyACM0", "busy", "another program");
        assertThat(PortOpenFailure.PERMISSION_DENIED.message("/dev/ttyACM0", 13, ports))
                .contains("/dev/ttyACM0", "dialout");
        assertThat(PortOpenFailure.OTHER.message("/dev/null", 25, ports)).contains("/dev/null", "25");
    }
}
