package dev.mpunit.hardware.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A serial port through jSerialComm: a USB board's CDC port, a UART adapter, an emulator's pty. */
public final class SerialPortLink implements SerialLink {

    public static final int DEFAULT_BAUD_RATE = 115200;

    /** Like pyboard.py's write_timeout: a port that takes nothing for this long is stuck. */
    private static final int WRITE_TIMEOUT_MS = 5000;

    private final String path;
    private final SerialPort port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int readTimeoutMs = -1;

    private SerialPortLink(String path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    /** Opens {@code path} at {@value #DEFAULT_BAUD_RATE} baud. */
    public static SerialPortLink open(String path) throws IOException {
        return open(path, DEFAULT_BAUD_RATE);
    }

    /**
     * Opens {@code path} exclusively at {@code baudRate}, 8N1.
     *
     * @throws IOException naming the port and what to do: no such port (with the ports there are),
     *     busy, permission denied, or another failure
     */
    public static SerialPortLink open(String path, int baudRate) throws IOException {
        return open(path, baudRate, DeviceSetting.TARGET);
    }

    /**
     * Opens {@code path} exclusively at {@code baudRate}, 8N1.
     *
     * @param setting where the port was named, for what a message tells to change
     * @throws IOException naming the port and what to do: no such port (with the ports there are),
     *     busy, permission denied, or another failure
     */
    public static SerialPortLink open(String path, int baudRate, DeviceSetting setting) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(PortOpenFailure.NO_SUCH_PORT.message(path, 0, SerialPorts.list(), setting), e);
        }
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        if (!port.openPort()) {
            int code = port.getLastErrorCode();
            // Only a POSIX path can be checked as a file; COM3 is no file.
            boolean posix = path.startsWith("/");
            Path file = Path.of(path);
            boolean exists = !posix || Files.exists(file);
            boolean readWrite = !posix || !exists || (Files.isReadable(file) && Files.isWritable(file));
            PortOpenFailure failure = PortOpenFailure.classify(exists, readWrite, code);
            throw new IOException(failure.message(path, code,
                    failure == PortOpenFailure.NO_SUCH_PORT ? SerialPorts.list() : List.of(), setting));
        }
        return new SerialPortLink(path, port);
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - done, done);
            if (n < 0 || closed.get()) {
                throw new LinkLostException(path + " is gone (write failed): the board was unplugged,"
                        + " reset into another mode, or its emulator ended");
            }
            if (n == 0) {
                throw new IOException(path + " took no bytes for " + WRITE_TIMEOUT_MS + " ms");
            }
            done += n;
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        // Semi-blocking with 0 would wait for ever; 1 ms is as good as not waiting.
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (ms != readTimeoutMs) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    ms, WRITE_TIMEOUT_MS);
            readTimeoutMs = ms;
        }
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0 || closed.get()) {
            throw new LinkLostException(path + " is gone (read failed): the board was unplugged,"
                    + " reset into another mode, or its emulator ended");
        }
        return n;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            port.closePort();
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
