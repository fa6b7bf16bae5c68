package dev.mpunit.hardware.board;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import dev.mpunit.hardware.serial.SerialLink;

/**
 * Writes code in raw-paste mode, after the board answered {@code R\x01} and its window size: never
 * more than the board granted (the window at first, another window for each {@code \x01}), stop
 * when the board sends {@code \x04}, end with {@code \x04} and wait for the board's {@code \x04}.
 * The board's flow control makes pacing unnecessary here.
 */
final class RawPasteWriter {

    private static final int GRANT = 0x01;
    private static final int END = 0x04;

    private final SerialLink link;
    private final LinkReader reader;

    RawPasteWriter(SerialLink link, LinkReader reader) {
        this.link = link;
        this.reader = reader;
    }

    /** Sends {@code code}; {@code accept} bounds each wait for a grant and the wait for the final ack. */
    void write(byte[] code, int window, Duration accept) throws IOException {
        Received received = new Received();
        long granted = window;
        int sent = 0;
        while (sent < code.length) {
            boolean blocked = sent == granted;
            int b = blocked ? reader.read(LinkReader.deadline(accept)) : reader.poll();
            if (b == LinkReader.TIMED_OUT) {
                if (blocked) {
                    throw new RawReplException(link.name(), "the board granted no further raw-paste window within "
                            + accept.toMillis() + " ms after " + sent + " of " + code.length
                            + " bytes (expected \\x01)", received.bytes());
                }
                int count = (int) Math.min(granted - sent, code.length - sent);
                link.write(Arrays.copyOfRange(code, sent, sent + count));
                sent += count;
                continue;
            }
            received.add(b);
            if (b == GRANT) {
                granted += window;
            } else if (b == END) {
                // The board stopped reading (a syntax error, say); it waits for our \x04 before it reports.
                link.write(new byte[] {END});
                return;
            } else {
                throw new RawReplException(link.name(),
                        "unexpected byte while writing in raw-paste mode (expected \\x01 or \\x04)", received.bytes());
            }
        }
        link.write(new byte[] {END});
        long deadline = LinkReader.deadline(accept);
        while (true) {
            int b = reader.read(deadline);
            if (b == LinkReader.TIMED_OUT) {
                throw new RawReplException(link.name(), "the board did not acknowledge the code within "
                        + accept.toMillis() + " ms (expected \\x04 after raw paste)", received.bytes());
            }
            received.add(b);
            if (b == END) {
                return;
            }
            if (b != GRANT) {
                throw new RawReplException(link.name(),
                        "the board did not acknowledge the code (expected \\x04 after raw paste)", received.bytes());
            }
        }
    }
}
