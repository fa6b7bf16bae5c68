package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.serial.SerialPortInfo;

class DutPortTest {

    private static final SerialPortInfo OTHER = new SerialPortInfo("/dev/ttyACM0", 0x2e8a, 0x0005,
            "E46340474B0E1331", "1-4.2.1:1.0", "Board in FS mode");
    private static final SerialPortInfo DUT = new SerialPortInfo("/dev/ttyUSB0", 0x10c4, 0xea60, "0001",
            "1-4.2.3:1.0", "CP2102");

    @Test
    void pollsUntilThePortAppearsAtTheLocation() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        DutPort port = new DutPort(() -> polls.incrementAndGet() < 3 ? List.of(OTHER) : List.of(OTHER, DUT));

        assertThat(port.find("1-4.2.3", Duration.ofMillis(10), Duration.ofSeconds(2))).isEqualTo("/dev/ttyUSB0");
        assertThat(polls).hasValue(3);
    }

    @Test
    void aPortAtAnotherLocationDoesNotCount() {
        DutPort port = new DutPort(() -> List.of(OTHER, new SerialPortInfo("/dev/ttyACM5", 1, 2, "", "1-4.2.30:1.0",
                "")));

        assertThatThrownBy(() -> port.find("1-4.2.3", Duration.ZERO, Duration.ofSeconds(3)).length())
                .isInstanceOf(TentacleException.class)
                .hasMessage("no serial port appeared at USB location 1-4.2.3 within 3 s after power-on:"
                        + " is the board's firmware running a USB REPL?");
    }
}
