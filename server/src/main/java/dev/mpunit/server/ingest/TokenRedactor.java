package dev.mpunit.server.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Blanks whatever looks like an mpunit push token ({@code mpt_} and base64url) out of what an upload
 * stores, so that a token a testbed printed by mistake (on a command line, in a test's output) is
 * never kept or shown: {@code mpt_3f9a…} becomes {@code mpt_***}.
 */
public final class TokenRedactor {

    /** How every push token starts. */
    public static final String PREFIX = "mpt_";
    /** What a token is replaced with. */
    public static final String BLANKED = PREFIX + "***";
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]+");
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLANKED_BYTES = BLANKED.getBytes(StandardCharsets.US_ASCII);

    private TokenRedactor() {
    }

    /** The text with every token blanked; null stays null. */
    public static String redact(String text) {
        if (text == null || !text.contains(PREFIX)) {
            return text;
        }
        return TOKEN.matcher(text).replaceAll(BLANKED);
    }

    /** The bytes with every token blanked (a file of any encoding: the token's bytes are ASCII); the same array when none is in it. */
    public static byte[] redact(byte[] bytes) {
        int at = indexOfToken(bytes, 0);
        if (at < 0) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        int from = 0;
        while (at >= 0) {
            out.write(bytes, from, at - from);
            out.write(BLANKED_BYTES, 0, BLANKED_BYTES.length);
            int end = at + PREFIX_BYTES.length;
            while (end < bytes.length && base64url(bytes[end])) {
                end++;
            }
            from = end;
            at = indexOfToken(bytes, from);
        }
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }

    /** Where the next {@code mpt_} followed by at least one base64url byte starts, -1 when nowhere. */
    private static int indexOfToken(byte[] bytes, int from) {
        outer:
        for (int i = from; i + PREFIX_BYTES.length < bytes.length; i++) {
            for (int j = 0; j < PREFIX_BYTES.length; j++) {
                if (bytes[i + j] != PREFIX_BYTES[j]) {
                    continue outer;
                }
            }
            if (base64url(bytes[i + PREFIX_BYTES.length])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean base64url(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
    }
}
