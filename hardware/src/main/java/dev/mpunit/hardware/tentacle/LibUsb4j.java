package dev.mpunit.hardware.tentacle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.usb4java.Context;
import org.usb4java.LibUsb;

/** Opening libusb through usb4java, with messages that say what to do when it cannot be opened. */
final class LibUsb4j {

    static final String PERMISSION_HINT = "give your user access to the USB devices: a udev rule such as"
            + " SUBSYSTEM==\"usb\", MODE=\"0660\", GROUP=\"plugdev\" in /etc/udev/rules.d/49-mpunit.rules"
            + " (then udevadm control --reload && udevadm trigger) and your user in that group";

    private LibUsb4j() {}

    /** A fresh libusb context; close it with {@link #exit}. */
    static Context init() throws TentacleException {
        requireDeviceNodes();
        return initWithoutCheck();
    }

    /** A fresh libusb context, without looking for /dev/bus/usb first. */
    static Context initWithoutCheck() throws TentacleException {
        Context context = new Context();
        int result;
        try {
            result = LibUsb.init(context);
        } catch (LinkageError | RuntimeException e) {
            // usb4java's Loader throws LoaderException (a RuntimeException) or an UnsatisfiedLinkError;
            // the second attempt gives NoClassDefFoundError.
            throw new TentacleException("cannot read USB devices: usb4java's native libusb library did not load on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + e
                    + "); usb4java 1.3.0 ships it for linux x86, x86-64, arm, aarch64, windows and macOS x86-64", e);
        }
        if (result != LibUsb.SUCCESS) {
            throw new TentacleException("cannot read USB devices: libusb could not start (" + LibUsb.strError(result)
                    + ")" + (result == LibUsb.ERROR_ACCESS ? "; " + PERMISSION_HINT : "; is USB available here?"));
        }
        return context;
    }

    static void exit(Context context) {
        try {
            LibUsb.exit(context);
        } catch (RuntimeException | LinkageError ignored) {
            // nothing left to release
        }
    }

    /** On Linux libusb needs /dev/bus/usb; without it there is no point in loading libusb. */
    static void requireDeviceNodes() throws TentacleException {
        requireDeviceNodes(System.getProperty("os.name", ""), Path.of("/dev/bus/usb"));
    }

    static void requireDeviceNodes(String osName, Path nodes) throws TentacleException {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        if (!Files.isDirectory(nodes)) {
            throw new TentacleException("cannot read USB devices: " + nodes + " does not exist, so this machine (or"
                    + " container) has no USB device nodes; on a host, check that USB is there (lsusb); in a"
                    + " container, pass the devices in: docker run --device /dev/bus/usb (or -v /dev/bus/usb:/dev/bus/usb"
                    + " --device-cgroup-rule 'c 189:* rmw' to see boards plugged in later)");
        }
        if (!Files.isReadable(nodes)) {
            throw new TentacleException("cannot read USB devices: no permission to read " + nodes + "; "
                    + PERMISSION_HINT);
        }
    }
}
