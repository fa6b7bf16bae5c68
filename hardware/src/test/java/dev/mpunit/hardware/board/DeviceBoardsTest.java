package dev.mpunit.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.SerialLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class DeviceBoardsTest {

    @Test
    void aSerialPortBoardCannotBeHardResetAndSaysWhichPortIsMissing() {
        try (Board board = DeviceBoards.of(DeviceString.parse("a97"))) {
            assertThat(board.port()).isEqualTo("/dev/ttyACM97");
            assertThat(board.canHardReset()).isFalse();
            assertThat(board.traits()).isEqualTo(BoardTraits.serialPort());
            assertThatThrownBy(board::hardReset).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(board::connect).isInstanceOf(IOException.class).hasMessageContaining("/dev/ttyACM97");
        }
    }

    @Test
    void aUsbSerialBoardLooksItsPortUpAtConnect() {
        try (Board board = DeviceBoards.of(DeviceString.parse("usb-serial:no-such-serial-number"))) {
            assertThat(board.port()).isEqualTo("usb-serial:no-such-serial-number");
            assertThatThrownBy(board::connect).isInstanceOf(IOException.class)
                    .hasMessageContaining("no serial port with USB serial number no-such-serial-number");
        }
    }

    @Test
    void aProcessBoardIsRestartedByAHardReset() throws IOException {
        BoardTraits traits = new BoardTraits(Pacing.UNPACED, false, true, Duration.ofSeconds(1));
        try (Board board = DeviceBoards.of(DeviceString.parse("exec:cat"), 115200, traits)) {
            assertThat(board.traits()).isEqualTo(traits);
            assertThat(board.canHardReset()).isTrue();
            SerialLink first = board.connect();
            assertThat(echo(first, "one")).isEqualTo("one");

            board.hardReset();
            assertThatThrownBy(() -> first.read(new byte[8], Duration.ofSeconds(1))).isInstanceOf(LinkLostException.class);
            SerialLink second = board.connect();
            assertThat(echo(second, "two")).isEqualTo("two");

            // Closing the link ends the process; the next connect starts another.
            second.close();
            assertThat(echo(board.connect(), "three")).isEqualTo("three");
        }
    }

    @Test
    void aProcessThatCannotStartFailsTheHardReset() {
        try (Board board = DeviceBoards.exec(List.of("/nonexistent/emulator"), BoardTraits.serialPort())) {
            assertThatThrownBy(board::hardReset).isInstanceOf(IOException.class)
                    .hasMessageContaining("/nonexistent/emulator");
        }
    }

    private static String echo(SerialLink link, String text) throws IOException {
        link.write(text.getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[text.length()];
        int got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (got < buffer.length && System.nanoTime() < deadline) {
            byte[] chunk = new byte[buffer.length - got];
            int n = link.read(chunk, Duration.ofMillis(100));
            System.arraycopy(chunk, 0, buffer, got, n);
            got += n;
        }
        return new String(buffer, 0, got, StandardCharsets.US_ASCII);
    }
}
