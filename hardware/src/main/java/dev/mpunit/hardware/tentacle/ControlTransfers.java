package dev.mpunit.hardware.tentacle;

/** Sends USB control requests without data to a device; the seam between {@link HubPorts} and libusb. */
interface ControlTransfers {

    /** A control request without a data stage. */
    record Request(int requestType, int request, int value, int index) {}

    /**
     * libusb answered with an error code ({@code LIBUSB_ERROR_*}, negative): {@link HubPorts} tells a
     * missing right ({@code LIBUSB_ERROR_ACCESS}) from the rest.
     */
    final class Refused extends TentacleException {
        private final int libusbError;

        Refused(int libusbError, String message) {
            super(message);
            this.libusbError = libusbError;
        }

        int libusbError() {
            return libusbError;
        }
    }

    /**
     * @throws Refused when libusb answered with an error: opening the device or sending to it
     * @throws TentacleException naming the device and what to do when the request failed otherwise
     */
    void send(UsbDevice device, Request request) throws TentacleException;
}
