package dev.mpunit.hardware.serial;

import java.io.IOException;

/** The other end of a {@link SerialLink} is gone: the process ended, the port disappeared, EOF. */
public class LinkLostException extends IOException {

    public LinkLostException(String message) {
        super(message);
    }

    public LinkLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
