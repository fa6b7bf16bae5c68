package dev.mpunit.server.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks whatever looks like an mpunit push token ({@code mpt_} and base64url) out of what an upload
 * stores, so that a token a testbed printed by mistake (on a command line, in a test's output) is
 * never kept or shown: {@code mpt_3f9a…} becomes {@code mpt_***}. Markdown (a results folder's
 * {@code summary_report.md}) writes each {@code _} as {@code \_}: that form is a token too.
 */
public final class TokenRedactor {

    /** How every push token starts. */
    public static final String PREFIX = "mpt_";
    /** What a token is replaced with. */
    public static final String BLANKED = PREFIX + "***";
    private static final Pattern TOKEN = Pattern.compile("mpt\\\\?_(?:[A-Za-z0-9-]|\\\\?_)+");
    private static final byte[] BLANKED_BYTES = BLANKED.getBytes(StandardCharsets.US_ASCII);

    private TokenRedactor() {
    }

    /** The text with every token blanked; null stays null. */
    public static String redact(String text) {
        if (text == null || !text.contains("mpt")) {
            return text;
        }
        return TOKEN.matcher(text).replaceAll(Matcher.quoteReplacement(BLANKED));
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
            from = tokenEnd(bytes, at);
            at = indexOfToken(bytes, from);
        }
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }

    /** Where the next {@code mpt_} (or {@code mpt\_}) followed by a base64url byte starts, -1 when nowhere. */
    private static int indexOfToken(byte[] bytes, int from) {
        for (int i = from; i + 4 < bytes.length; i++) {
            if (bytes[i] == 'm' && bytes[i + 1] == 'p' && bytes[i + 2] == 't') {
                int body = underscore(bytes, i + 3);
                if (body > 0 && body < bytes.length && (base64url(bytes[body]) || underscore(bytes, body) > 0)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Past the token that starts at {@code at}. */
    private static int tokenEnd(byte[] bytes, int at) {
        int end = underscore(bytes, at + 3);
        while (end < bytes.length) {
            int next = underscore(bytes, end);
            if (next > 0) {
                end = next;
            } else if (base64url(bytes[end])) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    /** Past an {@code _} or {@code \_} at {@code at}; -1 when there is none. */
    private static int underscore(byte[] bytes, int at) {
        if (at < bytes.length && bytes[at] == '_') {
            return at + 1;
        }
        if (at + 1 < bytes.length && bytes[at] == '\\' && bytes[at + 1] == '_') {
            return at + 2;
        }
        return -1;
    }

    private static boolean base64url(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-';
    }
}
