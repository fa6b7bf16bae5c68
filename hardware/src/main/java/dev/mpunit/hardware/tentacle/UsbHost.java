package dev.mpunit.hardware.tentacle;

import java.util.List;

import dev.mpunit.hardware.serial.SerialPortInfo;

/**
 * This machine's USB as a testbed uses it: the device tree, the power of a hub's downstream port
 * and the serial ports with their USB locations. The engine drives real tentacles through it alone,
 * so that a simulated testbed ({@link SimulatedUsb}) can stand in for the live machine.
 */
public interface UsbHost {

    /** The devices, read each time they are asked for. */
    UsbTree tree();

    /**
     * Powers port {@code port} of the hub at {@code hubLocation} on or off.
     *
     * @throws TentacleException naming the hub and what to do when the port could not be switched
     */
    void power(String hubLocation, int port, boolean on) throws TentacleException;

    /** The serial ports now, with their USB locations ({@code 1-2.3}, {@code 1-2.3:1.0}). */
    List<SerialPortInfo> serialPorts();

    /**
     * This machine: libusb for the tree, hub power through sysfs or libusb ({@code way},
     * {@code micropython.hub-power}), jSerialComm for the serial ports.
     */
    static UsbHost live(HubPorts.Switch way) {
        return new LiveUsbHost(way);
    }
}
