package dev.mpunit.hardware;

/**
 * A target cannot run anything: it is not installed, cannot start, or stopped answering for good.
 * The message says what to do about it (which program to install, which key to set).
 */
public class TargetException extends Exception {

    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
