package dev.mpunit.hardware.board;

import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.serial.SerialLink;
import dev.mpunit.hardware.serial.SerialPortLink;
import java.io.IOException;

/**
 * A board on a serial port, as run-tests.py's plain device mode has it: nothing here can power-cycle
 * it. The path is looked up at each connect, so that a board found by its USB serial number is found
 * again after it re-enumerated under another path.
 */
final class SerialPortBoard extends NamedBoard {

    /** Finds the port's path now. */
    @FunctionalInterface
    interface PathLookup {
        String path() throws IOException;
    }

    private final PathLookup lookup;
    private final int baudRate;
    private final DeviceSetting setting;
    private SerialLink link;

    SerialPortBoard(String port, PathLookup lookup, int baudRate, BoardTraits traits, DeviceSetting setting) {
        super(port, traits);
        this.lookup = lookup;
        this.baudRate = baudRate;
        this.setting = setting;
    }

    @Override
    public synchronized SerialLink connect() throws IOException {
        if (link != null) {
            link.close();
        }
        link = SerialPortLink.open(lookup.path(), baudRate, setting);
        return link;
    }

    @Override
    public boolean canHardReset() {
        return false;
    }

    @Override
    public void hardReset() {
        throw new UnsupportedOperationException(port() + " is a plain serial port: nothing here can power-cycle it");
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
