package dev.mpunit.hardware.serial;

import java.io.IOException;
import java.util.OptionalInt;

/** The other end of a {@link SerialLink} is gone: the process ended, the port disappeared, EOF. */
public class LinkLostException extends IOException {

    private final Integer exitCode;

    public LinkLostException(String message) {
        this(message, null, null);
    }

    public LinkLostException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param exitCode the exit code of the process that was the other end, null when none or still running */
    public LinkLostException(String message, Throwable cause, Integer exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** How the process at the other end ended, when it was a process and it ended. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
}
