package dev.mpunit.hardware.tentacle;

/** Sends USB control requests without data to a device; the seam between {@link HubPorts} and libusb. */
interface ControlTransfers {

    /** A control request without a data stage. */
    record Request(int requestType, int request, int value, int index) {}

    /** @throws TentacleException naming the device and what to do when the request failed */
    void send(UsbDevice device, Request request) throws TentacleException;
}
