package dev.mpunit.hardware.board;

import java.io.IOException;
import java.util.Arrays;

/**
 * The board answered something the raw REPL protocol does not allow, or nothing in time. The
 * message names the link, what was expected and the last bytes that arrived, escaped, so whoever
 * reads a report sees the garbage (or the silence) that was on the line.
 */
public class RawReplException extends IOException {

    /** How many of the received bytes a message shows: enough for a banner or a short traceback. */
    static final int SHOWN = 200;

    private final byte[] received;

    /**
     * @param linkName the link, as {@link dev.mpunit.hardware.serial.SerialLink#name()} gives it
     * @param expected what the protocol wanted, e.g. "the board did not acknowledge the code (expected OK)"
     * @param received what arrived in the step that failed
     */
    public RawReplException(String linkName, String expected, byte[] received) {
        super(linkName + ": " + expected + "; " + describe(received));
        this.received = received.clone();
    }

    /** What arrived in the step that failed (bounded: a chatty board does not fill the heap). */
    public byte[] received() {
        return received.clone();
    }

    private static String describe(byte[] received) {
        if (received.length == 0) {
            return "received nothing";
        }
        if (received.length <= SHOWN) {
            return "received " + received.length + " bytes: " + escape(received);
        }
        return "received " + received.length + " bytes, the last " + SHOWN + ": "
                + escape(Arrays.copyOfRange(received, received.length - SHOWN, received.length));
    }

    /** Printable ASCII as it is, everything else as {@code \r}, {@code \n}, {@code \t} or {@code \xNN}. */
    static String escape(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        text.append((char) c);
                    } else {
                        text.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return text.toString();
    }
}
