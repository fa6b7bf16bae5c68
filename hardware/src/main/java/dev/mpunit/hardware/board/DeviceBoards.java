package dev.mpunit.hardware.board;

import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.serial.ExecPtyLink;
import dev.mpunit.hardware.serial.ProcessLink;
import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.serial.SerialPortLink;
import dev.mpunit.hardware.serial.SerialPorts;
import java.time.Duration;
import java.util.List;

/**
 * The {@link Board} a {@link DeviceString} names. Serial ports cannot be hard-reset (run-tests.py's
 * plain device mode, no power cycling); processes ({@code exec:}, {@code execpty:}) are restarted.
 *
 * <pre>{@code
 * try (Board board = DeviceBoards.of(DeviceString.parse("a0"))) { ... }
 * }</pre>
 */
public final class DeviceBoards {

    private DeviceBoards() {}

    /**
     * The board behind {@code device}: serial ports at {@value SerialPortLink#DEFAULT_BAUD_RATE} baud
     * with {@link BoardTraits#serialPort()}, processes with the same traits (paced, as nothing is
     * known about what they emulate).
     */
    public static Board of(DeviceString device) {
        return of(device, SerialPortLink.DEFAULT_BAUD_RATE, BoardTraits.serialPort());
    }

    /**
     * The board behind {@code device}.
     *
     * @param baudRate for serial ports
     * @param processTraits the traits of an {@code exec:} or {@code execpty:} process, which
     *     depend on what it runs; serial ports always get {@link BoardTraits#serialPort()}
     */
    public static Board of(DeviceString device, int baudRate, BoardTraits processTraits) {
        return of(device, baudRate, processTraits, DeviceSetting.TARGET);
    }

    /**
     * The board behind {@code device}, set at {@code setting}: what a message about its serial port
     * tells to correct.
     */
    public static Board of(DeviceString device, int baudRate, BoardTraits processTraits, DeviceSetting setting) {
        if (device instanceof DeviceString.Port port) {
            return new SerialPortBoard(port.path(), port::path, baudRate, BoardTraits.serialPort(), setting);
        }
        if (device instanceof DeviceString.UsbSerial usb) {
            return new SerialPortBoard(usb.text(), () -> SerialPorts.bySerialNumber(usb.serialNumber(), setting),
                    baudRate, BoardTraits.serialPort(), setting);
        }
        if (device instanceof DeviceString.UsbLocation usb) {
            return new SerialPortBoard(usb.text(), () -> SerialPorts.byLocation(usb.location(), setting), baudRate,
                    BoardTraits.serialPort(), setting);
        }
        if (device instanceof DeviceString.Exec exec) {
            return exec(exec.arguments(), processTraits);
        }
        if (device instanceof DeviceString.ExecPty execPty) {
            return execPty(execPty.arguments(), processTraits);
        }
        throw new IllegalArgumentException("no board for device string " + device.text());
    }

    /** A board on the serial port at {@code path}. */
    public static Board serialPort(String path, int baudRate) {
        return new SerialPortBoard(path, () -> path, baudRate, BoardTraits.serialPort(), DeviceSetting.TARGET);
    }

    /**
     * A tentacle's board under test on the serial port at {@code path}, hard reset by switching its
     * power off (before its link is closed) and on again ({@code power}).
     *
     * @param port what messages and the {@code micropython.port} entry call it
     */
    public static Board powered(String port, DutPower power, String path, int baudRate, BoardTraits traits,
            DeviceSetting setting) {
        return new PoweredBoard(port, power, path, baudRate, traits, setting);
    }

    /** A board that is a process talking on its stdin and stdout; a hard reset restarts it. */
    public static Board exec(List<String> command, BoardTraits traits) {
        List<String> copy = List.copyOf(command);
        return new ProcessBoard("exec:" + String.join(" ", copy), traits, () -> ProcessLink.start(copy));
    }

    /** A board that is a process printing the pty it serves on; a hard reset restarts it. */
    public static Board execPty(List<String> command, BoardTraits traits) {
        return execPty(command, traits, ExecPtyLink.DEFAULT_PTY_TIMEOUT);
    }

    /**
     * A board that is a process printing the pty it serves on; a hard reset restarts it.
     *
     * @param ptyTimeout how long the process may take to print its pty
     */
    public static Board execPty(List<String> command, BoardTraits traits, Duration ptyTimeout) {
        return execPty("execpty:" + String.join(" ", command), command, traits, ptyTimeout);
    }

    /**
     * A board that is a process printing the pty it serves on, named {@code name} in messages
     * instead of by its command.
     */
    public static Board execPty(String name, List<String> command, BoardTraits traits, Duration ptyTimeout) {
        List<String> copy = List.copyOf(command);
        return new ProcessBoard(name, traits, () -> ExecPtyLink.start(name, copy, ptyTimeout));
    }
}
