package dev.mpunit.reporting;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders maps, lists, strings, numbers, booleans and null as JSON. Hand-written so the
 * reporting module needs nothing beyond the JUnit Platform launcher.
 */
final class Json {

    private Json() {
    }

    /** Pretty-printed with two-space indentation and a final newline, as people read these files. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, "");
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double number) {
            // JSON has no NaN or infinity (a benchmark compared with one timed at 0): null says "no number".
            out.append(Double.isFinite(number) ? number.toString() : "null");
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, indent);
        } else if (value instanceof List<?> list) {
            array(out, list, indent);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            out.append(inner);
            string(out, (String) entry.getKey());
            out.append(": ");
            append(out, entry.getValue(), inner);
            out.append(entries.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void array(StringBuilder out, List<?> list, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + "  ";
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append(inner);
            append(out, list.get(i), inner);
            out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    /** The text as it stands between the quotes of a JSON string. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        escape(out, text);
        return out.toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        escape(out, text);
        out.append('"');
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/2029 too, or JavaScript readers choke.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
