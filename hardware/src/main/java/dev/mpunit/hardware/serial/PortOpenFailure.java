package dev.mpunit.hardware.serial;

import java.util.List;

/** Why a serial port did not open, told so that the reader knows what to do next. */
enum PortOpenFailure {
    NO_SUCH_PORT,
    BUSY,
    PERMISSION_DENIED,
    OTHER;

    private static final int ENOENT_AS_BUSY = 2; // jSerialComm's code when another program has the port locked
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;

    /**
     * @param exists whether the path is there (true where that cannot be checked, on Windows)
     * @param readWrite whether this user may read and write it
     * @param errorCode jSerialComm's last error code after the failed open
     */
    static PortOpenFailure classify(boolean exists, boolean readWrite, int errorCode) {
        if (!exists) {
            return NO_SUCH_PORT;
        }
        if (errorCode == EACCES || !readWrite) {
            return PERMISSION_DENIED;
        }
        if (errorCode == ENOENT_AS_BUSY || errorCode == EAGAIN || errorCode == EBUSY) {
            return BUSY;
        }
        return OTHER;
    }

    /** The message for a port of {@code micropython.target}. */
    String message(String path, int errorCode, List<SerialPortInfo> ports) {
        return message(path, errorCode, ports, DeviceSetting.TARGET);
    }

    /**
     * The message for {@code path}; {@code ports} is what the system lists, for a port that is not there;
     * {@code setting} is where the port was named.
     */
    String message(String path, int errorCode, List<SerialPortInfo> ports, DeviceSetting setting) {
        return switch (this) {
            case NO_SUCH_PORT -> "no serial port " + path + "; " + SerialPorts.listing(ports)
                    + "; plug the board in or set " + setting.setting() + " to one of them"
                    + " (" + setting.bySerial() + " finds a USB board wherever it is)";
            case BUSY -> "serial port " + path + " is busy: another program has it open (a serial terminal,"
                    + " mpremote, an IDE, another test run); close that program and try again";
            case PERMISSION_DENIED -> "permission denied on serial port " + path
                    + ": on Linux add your user to the group that owns it, usually dialout"
                    + " (sudo usermod -aG dialout $USER, then log in again)";
            case OTHER -> "cannot open serial port " + path + " (jSerialComm error code " + errorCode
                    + "); check that it is a serial port and that the board is connected";
        };
    }
}
