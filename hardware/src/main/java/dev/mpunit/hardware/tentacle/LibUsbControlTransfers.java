package dev.mpunit.hardware.tentacle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/** Control requests through libusb (usb4java): the device is found by bus and port path, opened, sent to, closed. */
final class LibUsbControlTransfers implements ControlTransfers {

    private static final long TIMEOUT_MS = 1000;

    @Override
    public void send(UsbDevice target, Request request) throws TentacleException {
        Context context = LibUsb4j.init();
        DeviceList list = new DeviceList();
        try {
            int count = LibUsb.getDeviceList(context, list);
            if (count < 0) {
                throw new TentacleException("cannot list USB devices to reach " + target.location() + ": "
                        + LibUsb.strError(count));
            }
            try {
                Device device = find(list, target);
                DeviceHandle handle = new DeviceHandle();
                int opened = LibUsb.open(device, handle);
                if (opened != LibUsb.SUCCESS) {
                    throw new Refused(opened, "cannot open the USB hub at " + target.location() + ": "
                            + LibUsb.strError(opened)
                            + (opened == LibUsb.ERROR_ACCESS ? "; " + LibUsb4j.PERMISSION_HINT : ""));
                }
                try {
                    int sent = LibUsb.controlTransfer(handle, (byte) request.requestType(), (byte) request.request(),
                            (short) request.value(), (short) request.index(), ByteBuffer.allocateDirect(0), TIMEOUT_MS);
                    if (sent < 0) {
                        throw new Refused(sent, "the USB hub at " + target.location() + " refused the request "
                                + request + ": " + LibUsb.strError(sent)
                                + (sent == LibUsb.ERROR_ACCESS ? "; " + LibUsb4j.PERMISSION_HINT : ""));
                    }
                } finally {
                    LibUsb.close(handle);
                }
            } finally {
                LibUsb.freeDeviceList(list, true);
            }
        } finally {
            LibUsb4j.exit(context);
        }
    }

    private static Device find(DeviceList list, UsbDevice target) throws TentacleException {
        for (Device device : list) {
            if (LibUsb.getBusNumber(device) != target.bus()) {
                continue;
            }
            ByteBuffer ports = ByteBuffer.allocateDirect(8);
            int depth = LibUsb.getPortNumbers(device, ports);
            List<Integer> path = new ArrayList<>();
            for (int i = 0; i < Math.max(depth, 0); i++) {
                path.add(ports.get(i) & 0xff);
            }
            if (path.equals(target.path())) {
                return device;
            }
        }
        throw new TentacleException("no USB device at " + target.location() + " any more: was it unplugged?");
    }
}
