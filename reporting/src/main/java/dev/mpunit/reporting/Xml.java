package dev.mpunit.reporting;

/** Text and attribute values for the XHTML and SVG the summary writes. */
final class Xml {

    private Xml() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters even as references: a test name could hold one.
                    out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
                }
            }
        }
        return out.toString();
    }
}
