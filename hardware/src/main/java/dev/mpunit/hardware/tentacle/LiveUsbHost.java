package dev.mpunit.hardware.tentacle;

import java.util.List;

import dev.mpunit.hardware.serial.SerialPortInfo;
import dev.mpunit.hardware.serial.SerialPorts;

/** This machine's USB: libusb and jSerialComm, asked each time; hub power by sysfs or libusb as configured. */
final class LiveUsbHost implements UsbHost {

    private final UsbTree tree = new LibUsbTree();
    private final HubPorts hubPorts;

    LiveUsbHost(HubPorts.Switch way) {
        this.hubPorts = HubPorts.of(tree, way);
    }

    @Override
    public UsbTree tree() {
        return tree;
    }

    @Override
    public void power(String hubLocation, int port, boolean on) throws TentacleException {
        hubPorts.power(hubLocation, port, on);
    }

    @Override
    public List<SerialPortInfo> serialPorts() {
        return SerialPorts.list();
    }

    @Override
    public String toString() {
        return "USB";
    }
}
