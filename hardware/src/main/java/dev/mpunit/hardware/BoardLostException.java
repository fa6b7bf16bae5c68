package dev.mpunit.hardware;

/**
 * A board stopped answering for good, and recovery (interrupt, soft reset, reconnect, hard reset)
 * did not bring it back. The script given to {@link Target#execute} did not run: whoever owns the
 * work hands it to another target, and this target is not used again.
 */
public class BoardLostException extends TargetException {

    public BoardLostException(String message) {
        super(message);
    }

    public BoardLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
