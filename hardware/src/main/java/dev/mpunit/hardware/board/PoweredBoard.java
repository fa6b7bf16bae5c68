package dev.mpunit.hardware.board;

import java.io.IOException;

import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.serial.SerialLink;
import dev.mpunit.hardware.serial.SerialPortLink;

/**
 * A tentacle's board under test behind a switchable hub port: reached on its serial port, hard
 * reset by a power cycle. The board is switched off while its link is still open, as Octoprobe
 * powers a DUT off before it kills a hung test's connection: a board that streams output or hangs
 * the USB stack cannot hold up closing the port.
 */
final class PoweredBoard extends NamedBoard {

    private final DutPower power;
    private final int baudRate;
    private final DeviceSetting setting;
    private String path;
    private SerialLink link;

    PoweredBoard(String port, DutPower power, String path, int baudRate, BoardTraits traits, DeviceSetting setting) {
        super(port, traits);
        this.power = power;
        this.path = path;
        this.baudRate = baudRate;
        this.setting = setting;
    }

    @Override
    public synchronized SerialLink connect() throws IOException {
        closeLink();
        link = SerialPortLink.open(path, baudRate, setting);
        return link;
    }

    @Override
    public boolean canHardReset() {
        return true;
    }

    @Override
    public synchronized void hardReset() throws IOException {
        power.off();
        closeLink();
        path = power.on();
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /** Closes the link; powering the board off is its tentacle's business, at the end of the run. */
    @Override
    public synchronized void close() {
        closeLink();
    }
}
