package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerialPortLinkTest {

    @Test
    void aPortThatDoesNotExistIsNamedWithThePortsThereAre() {
        assertThatThrownBy(() -> SerialPortLink.open("/dev/ttyNOPE"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no serial port /dev/ttyNOPE")
                .hasMessageMatching("(?s).*(ports found: |no serial ports found at all).*")
                .hasMessageContaining("micropython.target");
    }

    @Test
    void somethingThatIsNoSerialPortIsNamed() {
        assertThatThrownBy(() -> SerialPortLink.open("/dev/null", 9600))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open serial port /dev/null");
    }
}
