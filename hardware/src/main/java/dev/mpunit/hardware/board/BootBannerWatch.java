package dev.mpunit.hardware.board;

/**
 * Notices a board that restarted while code ran: after a boot MicroPython prints
 * {@code MicroPython v1.9.2-34-gd64154c73 on 2017-09-01; micro:bit v1.0.1 with nRF51822\r\n}
 * {@code Type "help()" for more information.\r\n>>> } (often after a NUL or line noise) and waits in
 * the friendly REPL. Both lines must be there, the version line right before the help line, and
 * the prompt must be the last thing that arrived; the caller also waits for the line to stay quiet,
 * so a test that merely prints such text and goes on is not taken for a reboot.
 */
final class BootBannerWatch {

    private static final byte[] HELP_AND_PROMPT = Received.ascii("\r\nType \"help()\" for more information.\r\n>>> ");
    private static final byte[] VERSION = Received.ascii("MicroPython v");
    private static final int LONGEST_VERSION_LINE = 256;

    private final Received tail = new Received(2 * (HELP_AND_PROMPT.length + LONGEST_VERSION_LINE));

    /** Takes the next byte; true when it completed a boot banner and the friendly prompt. */
    boolean add(int b) {
        tail.add(b);
        return b == ' ' && tail.endsWith(HELP_AND_PROMPT) && versionLineBefore();
    }

    private boolean versionLineBefore() {
        byte[] bytes = tail.bytes();
        int lineEnd = bytes.length - HELP_AND_PROMPT.length;
        int lineStart = lineEnd;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
            lineStart--;
        }
        outer:
        for (int i = lineStart; i + VERSION.length <= lineEnd; i++) {
            for (int j = 0; j < VERSION.length; j++) {
                if (bytes[i + j] != VERSION[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
