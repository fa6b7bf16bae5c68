package dev.mpunit.hardware.tentacle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/**
 * The live USB tree through libusb (usb4java). Serial and product strings need the device opened;
 * a device that may not be opened (no permission) is listed with empty strings.
 */
final class LibUsbTree implements UsbTree {

    private static final int HUB_CLASS = 9;

    @Override
    public String source() {
        return "libusb";
    }

    @Override
    public List<UsbDevice> devices() throws TentacleException {
        LibUsb4j.requireDeviceNodes();
        return listWithLibUsb();
    }

    /** The devices as libusb lists them, without looking for /dev/bus/usb first. */
    List<UsbDevice> listWithLibUsb() throws TentacleException {
        Context context = LibUsb4j.initWithoutCheck();
        try {
            DeviceList list = new DeviceList();
            int count = LibUsb.getDeviceList(context, list);
            if (count < 0) {
                throw new TentacleException("cannot read USB devices: libusb could not list them ("
                        + LibUsb.strError(count) + ")"
                        + (count == LibUsb.ERROR_ACCESS ? "; " + LibUsb4j.PERMISSION_HINT : ""));
            }
            try {
                List<UsbDevice> devices = new ArrayList<>();
                for (Device device : list) {
                    devices.add(describe(device));
                }
                return devices;
            } finally {
                LibUsb.freeDeviceList(list, true);
            }
        } finally {
            LibUsb4j.exit(context);
        }
    }

    private static UsbDevice describe(Device device) {
        DeviceDescriptor descriptor = new DeviceDescriptor();
        int result = LibUsb.getDeviceDescriptor(device, descriptor);
        int vendor = result == LibUsb.SUCCESS ? descriptor.idVendor() & 0xffff : 0;
        int product = result == LibUsb.SUCCESS ? descriptor.idProduct() & 0xffff : 0;
        boolean hub = result == LibUsb.SUCCESS && (descriptor.bDeviceClass() & 0xff) == HUB_CLASS;
        ByteBuffer ports = ByteBuffer.allocateDirect(8);
        int depth = LibUsb.getPortNumbers(device, ports);
        List<Integer> path = new ArrayList<>();
        for (int i = 0; i < Math.max(depth, 0); i++) {
            path.add(ports.get(i) & 0xff);
        }
        String serial = "";
        String productName = "";
        if (result == LibUsb.SUCCESS && (descriptor.iSerialNumber() != 0 || descriptor.iProduct() != 0)) {
            DeviceHandle handle = new DeviceHandle();
            if (LibUsb.open(device, handle) == LibUsb.SUCCESS) {
                try {
                    serial = string(handle, descriptor.iSerialNumber());
                    productName = string(handle, descriptor.iProduct());
                } finally {
                    LibUsb.close(handle);
                }
            }
        }
        return new UsbDevice(LibUsb.getBusNumber(device), path, LibUsb.getDeviceAddress(device), vendor, product,
                serial, productName, hub);
    }

    private static String string(DeviceHandle handle, byte index) {
        if (index == 0) {
            return "";
        }
        StringBuffer text = new StringBuffer();
        return LibUsb.getStringDescriptorAscii(handle, index, text) >= 0 ? text.toString() : "";
    }
}
