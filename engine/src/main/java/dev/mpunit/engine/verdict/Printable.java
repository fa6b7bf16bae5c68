package dev.mpunit.engine.verdict;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A test's output made fit for a message or a console. Outputs are bytes: a test may print
 * {@code ESC[2J} (which would clear the terminal showing the report) or bytes that are not UTF-8
 * (which a plain decoding turns into U+FFFD, hiding the difference). Such bytes are shown the way
 * Python's {@code repr} shows them ({@code \x1b}, {@code \xff}); the files of a results folder keep
 * the bytes themselves.
 */
public final class Printable {

    private Printable() {
    }

    /**
     * Whether the bytes are text a terminal shows as it is: UTF-8, and no control characters
     * but newline and tab.
     */
    public static boolean isText(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return isText(decoder.decode(ByteBuffer.wrap(bytes)));
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (control(c) && c != '\n' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Several lines for a report entry or an IDE's diff: text as it is; anything else with its
     * control characters, undecodable bytes and backslashes escaped, line breaks kept.
     */
    public static String lines(byte[] bytes) {
        if (isText(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return escaped(bytes, Integer.MAX_VALUE, false);
    }

    /** A message that may quote output: its control characters but newline and tab escaped. */
    public static String message(String text) {
        if (isText(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (control(c) && c != '\n' && c != '\t') {
                escapeControl(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * One string literal's content, as Python's {@code repr} of the bytes decoded with
     * {@code backslashreplace} would show it (newlines too), cut after {@code max} characters.
     */
    static String quoted(byte[] bytes, int max) {
        return escaped(bytes, max, true);
    }

    private static String escaped(byte[] bytes, int max, boolean newlines) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(Math.max(16, bytes.length));
        int shown = 0;
        while (true) {
            CoderResult result = in.hasRemaining() ? decoder.decode(in, chars, true) : decoder.flush(chars);
            chars.flip();
            while (chars.hasRemaining()) {
                if (shown++ >= max) {
                    return out.append('…').toString();
                }
                char c = chars.get();
                switch (c) {
                    case '\n' -> out.append(newlines ? "\\n" : "\n");
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append(newlines ? "\\\"" : "\"");
                    default -> {
                        if (control(c)) {
                            escapeControl(out, c);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    if (shown++ >= max) {
                        return out.append('…').toString();
                    }
                    out.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (!in.hasRemaining() && result.isUnderflow()) {
                return out.toString();
            }
        }
    }

    private static void escapeControl(StringBuilder out, char c) {
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            default -> out.append(String.format("\\x%02x", (int) c));
        }
    }

    /** C0, DEL and C1: what a terminal may act on rather than show. */
    private static boolean control(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f;
    }
}
