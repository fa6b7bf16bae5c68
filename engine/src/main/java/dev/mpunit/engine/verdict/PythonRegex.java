package dev.mpunit.engine.verdict;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a Python {@code re} pattern into an equivalent {@link Pattern}.
 *
 * <p>run-tests.py compiles regexes with Python's {@code re}: {@code bytes}
 * patterns for regex expectations, {@code str} patterns for {@code -i}/{@code -e}
 * filters. The two syntaxes differ in places that matter here: Python's
 * {@code \Z} is Java's {@code \z}; Python takes a {@code {} that does not form
 * a repeat literally where Java rejects it; {@code &&} and a nested {@code [}
 * mean intersection and union inside a Java class but are plain characters in
 * Python; {@code \v}, {@code \b} in a class, octal escapes, {@code (?P<name>)}
 * and {@code {,n}} are spelt differently. So every construct is parsed and
 * re-emitted rather than passed through.
 *
 * <p>A {@code bytes} pattern is handed in as a Latin-1 string (one char per
 * byte) and must be matched against Latin-1 strings: then each char is one
 * byte, {@code .} and classes see bytes, and {@code \d \w \s} are ASCII-only,
 * exactly as for Python bytes patterns. {@link Pattern#UNIX_LINES} makes
 * {@code \n} the only line terminator, as in Python (otherwise Java would stop
 * {@code .} at {@code \r} and at byte 0x85).
 *
 * <p>Python's {@code re.match} is {@link java.util.regex.Matcher#lookingAt()},
 * {@code re.search} is {@link java.util.regex.Matcher#find()}.
 *
 * <p>Constructs Python rejects are rejected here too, with Python's wording
 * where it helps ({@code bad escape \q}); the few Python features Java lacks
 * (conditional groups, verbose mode, locale flag) are reported as unsupported.
 */
final class PythonRegex {

    enum Flavour {
        /** A {@code bytes} pattern (given as Latin-1 text), matched against bytes. */
        BYTES,
        /** A {@code str} pattern, Unicode-aware {@code \w \d \s} and case folding. */
        STR
    }

    /**
     * Java 17's {@code \\b} counts every Unicode letter as a word character, even
     * without UNICODE_CHARACTER_CLASS; a Python bytes pattern counts only ASCII
     * {@code [A-Za-z0-9_]}, so bytes patterns spell the boundary out.
     */
    private static final String ASCII_WORD_BOUNDARY =
            "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))";

    private final String src;
    private final Flavour flavour;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, String> groupNames = new HashMap<>();
    private final Map<String, Integer> groupNumbers = new HashMap<>();
    /** Open groups, innermost last: the capturing group's number, or 0. */
    private final Deque<Integer> open = new ArrayDeque<>();
    /** Whether MULTILINE applies, per open group (outermost first is the pattern's own). */
    private final Deque<Boolean> multiline = new ArrayDeque<>();
    private final Set<Integer> closed = new HashSet<>();
    private int groupsOpened;
    private int pos;
    /** What precedes the current position, for Python's quantifier checks. */
    private Last last = Last.NONE;
    /** Python accepts global flags like (?i) only before anything else. */
    private boolean atStart = true;

    private enum Last {
        /** Start of pattern, group or alternative: a quantifier has nothing to repeat. */
        NONE,
        /** An anchor ({@code ^ $ \A \Z \b \B}): Python will not repeat it either. */
        ANCHOR,
        /** Something repeatable. */
        ATOM,
        /** A quantifier: another one would be a "multiple repeat". */
        REPEAT
    }

    private PythonRegex(String src, Flavour flavour) {
        this.src = src;
        this.flavour = flavour;
        multiline.push(false);
    }

    /**
     * @throws IllegalArgumentException when Python would not compile the pattern
     *         or it uses a construct Java cannot express
     */
    static Pattern compile(String pythonPattern, Flavour flavour) {
        String java = translate(pythonPattern, flavour);
        int flags = Pattern.UNIX_LINES;
        if (flavour == Flavour.STR) {
            flags |= Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
        }
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid regex " + quoted(pythonPattern) + ": " + e.getDescription(), e);
        }
    }

    static String translate(String pythonPattern, Flavour flavour) {
        PythonRegex t = new PythonRegex(pythonPattern, flavour);
        t.run();
        return t.out.toString();
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            boolean globalFlags = false;
            switch (c) {
                case '\\' -> escapeOutsideClass();
                case '[' -> {
                    characterClass();
                    last = Last.ATOM;
                }
                case '(' -> globalFlags = groupOpen();
                case ')' -> groupClose();
                case '{' -> brace();
                case '*', '+', '?' -> quantifier(String.valueOf(c));
                case '|' -> {
                    out.append('|');
                    last = Last.NONE;
                }
                // Spelt out rather than left to Java's MULTILINE mode, whose ^ does not
                // match at the end of the input (Python's does, e.g. in an empty string).
                case '^' -> anchor(multiline.peek() ? "(?:\\A|(?<=\n))" : "\\A");
                case '$' -> anchor(multiline.peek() ? "(?=\n|\\z)" : "(?=\n?\\z)");
                case '.' -> {
                    out.append('.');
                    last = Last.ATOM;
                }
                default -> literal(c);
            }
            atStart &= globalFlags;
        }
        if (!open.isEmpty()) {
            throw error("missing ), unterminated subpattern");
        }
    }

    private void quantifier(String java) {
        if (last == Last.NONE || last == Last.ANCHOR) {
            throw error("nothing to repeat");
        }
        if (last == Last.REPEAT) {
            throw error("multiple repeat");
        }
        out.append(java);
        // a lazy (?) or, since Python 3.11, possessive (+) suffix belongs to the repeat
        if (more() && (peek() == '?' || peek() == '+')) {
            out.append(src.charAt(pos++));
        }
        last = Last.REPEAT;
    }

    private void groupClose() {
        if (open.isEmpty()) {
            throw error("unbalanced parenthesis");
        }
        int number = open.pop();
        multiline.pop();
        if (number > 0) {
            closed.add(number);
        }
        out.append(')');
        last = Last.ATOM;
    }

    private void openGroup(String java, boolean capturing) {
        out.append(java);
        open.push(capturing ? ++groupsOpened : 0);
        multiline.push(multiline.peek());
        last = Last.NONE;
    }

    private void groupReference(int number) {
        if (number > groupsOpened) {
            throw error("invalid group reference " + number);
        }
        if (!closed.contains(number)) {
            throw error("cannot refer to an open group");
        }
        // The empty group keeps a following digit from being read as part of the number.
        out.append('\\').append(number).append("(?:)");
        last = Last.ATOM;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " in regex " + quoted(src) + " at position " + pos);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    private void literal(int codePoint) {
        last = Last.ATOM;
        if ((codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
                || (codePoint >= '0' && codePoint <= '9') || codePoint == ' ' || codePoint == '_') {
            out.append((char) codePoint);
        } else {
            out.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
        }
    }

    private boolean more() {
        return pos < src.length();
    }

    private char peek() {
        return src.charAt(pos);
    }

    private void escapeOutsideClass() {
        if (!more()) {
            throw error("bad escape (end of pattern)");
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 'b' -> anchor(flavour == Flavour.BYTES ? ASCII_WORD_BOUNDARY : "\\b");
            // Python's \B never matches in an empty string; Java's does.
            case 'B' -> anchor("(?!\\A\\z)" + (flavour == Flavour.BYTES ? "(?!" + ASCII_WORD_BOUNDARY + ")" : "\\B"));
            case 'A' -> anchor("\\A");
            case 'Z' -> anchor("\\z");
            case 'd', 'D', 's', 'S', 'w', 'W' -> {
                out.append('\\').append(c);
                last = Last.ATOM;
            }
            case '0' -> literal(octal(c));
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> backReferenceOrOctal(c);
            default -> {
                int v = commonEscape(c);
                if (v < 0) {
                    throw error("bad escape \\" + c);
                }
                literal(v);
            }
        }
    }

    private void anchor(String java) {
        out.append(java);
        last = Last.ANCHOR;
    }

    /** Escapes meaning the same inside and outside a class; -1 when {@code c} is not one. */
    private int commonEscape(char c) {
        switch (c) {
            case 'a':
                return 0x07;
            case 'f':
                return 0x0c;
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 0x0b;
            case 'x':
                return hex(2);
            case 'u':
                return unicodeEscape(4, c);
            case 'U':
                return unicodeEscape(8, c);
            case 'N':
                return namedEscape();
            default:
                if (c < 128 && Character.isLetterOrDigit(c)) {
                    return -1;
                }
                return c;
        }
    }

    private int hex(int digits) {
        if (pos + digits > src.length()) {
            throw error("incomplete escape \\x");
        }
        String h = src.substring(pos, pos + digits);
        if (!h.matches("[0-9a-fA-F]+")) {
            throw error("incomplete escape \\x" + h);
        }
        pos += digits;
        return Integer.parseInt(h, 16);
    }

    private int unicodeEscape(int digits, char c) {
        if (flavour == Flavour.BYTES) {
            throw error("bad escape \\" + c);
        }
        if (pos + digits > src.length() || !src.substring(pos, pos + digits).matches("[0-9a-fA-F]+")) {
            throw error("incomplete escape \\" + c);
        }
        int v = Integer.parseInt(src.substring(pos, pos + digits), 16);
        pos += digits;
        if (!Character.isValidCodePoint(v)) {
            throw error("bad escape \\" + c);
        }
        return v;
    }

    private int namedEscape() {
        if (flavour == Flavour.BYTES) {
            throw error("bad escape \\N");
        }
        int close = src.indexOf('}', pos);
        if (!more() || peek() != '{' || close < 0) {
            throw error("missing {} after \\N");
        }
        String name = src.substring(pos + 1, close);
        pos = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw error("undefined character name '" + name + "'");
        }
    }

    /** {@code \0} followed by up to two more octal digits. */
    private int octal(char first) {
        int v = first - '0';
        for (int k = 0; k < 2 && more() && peek() >= '0' && peek() <= '7'; k++) {
            v = v * 8 + (src.charAt(pos++) - '0');
        }
        return v;
    }

    private void backReferenceOrOctal(char first) {
        // Python: three octal digits make an octal escape, otherwise one or two
        // digits are a group reference.
        if (pos + 1 < src.length() && isOctal(first) && isOctal(src.charAt(pos)) && isOctal(src.charAt(pos + 1))) {
            int v = (first - '0') * 64 + (src.charAt(pos) - '0') * 8 + (src.charAt(pos + 1) - '0');
            pos += 2;
            if (v > 0377) {
                throw error("octal escape value \\" + src.substring(pos - 3, pos) + " outside of range 0-0o377");
            }
            literal(v);
            return;
        }
        int group = first - '0';
        if (more() && isAsciiDigit(peek())) {
            group = group * 10 + (src.charAt(pos++) - '0');
        }
        groupReference(group);
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private void characterClass() {
        StringBuilder cls = new StringBuilder("[");
        if (more() && peek() == '^') {
            cls.append('^');
            pos++;
        }
        boolean first = true;
        while (true) {
            if (!more()) {
                throw error("unterminated character set");
            }
            char c = src.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            pos++;
            int lo;
            if (c == '\\') {
                if (!more()) {
                    throw error("bad escape (end of pattern)");
                }
                char e = src.charAt(pos++);
                if ("dDsSwW".indexOf(e) >= 0) {
                    cls.append('\\').append(e);
                    continue;
                }
                lo = classEscapeValue(e);
            } else {
                lo = c;
            }
            if (pos + 1 < src.length() && peek() == '-' && src.charAt(pos + 1) != ']') {
                pos++;
                char h = src.charAt(pos++);
                int hi;
                if (h == '\\') {
                    if (!more()) {
                        throw error("bad escape (end of pattern)");
                    }
                    char e = src.charAt(pos++);
                    if ("dDsSwW".indexOf(e) >= 0) {
                        throw error("bad character range");
                    }
                    hi = classEscapeValue(e);
                } else {
                    hi = h;
                }
                if (hi < lo) {
                    throw error("bad character range");
                }
                classChar(cls, lo);
                cls.append('-');
                classChar(cls, hi);
            } else {
                classChar(cls, lo);
            }
        }
        out.append(cls).append(']');
    }

    private int classEscapeValue(char e) {
        if (e == 'b') {
            return 0x08;
        }
        if (isOctal(e)) {
            int v = e - '0';
            for (int k = 0; k < 2 && more() && isOctal(peek()); k++) {
                v = v * 8 + (src.charAt(pos++) - '0');
            }
            if (v > 0377) {
                throw error("octal escape value outside of range 0-0o377");
            }
            return v;
        }
        int v = commonEscape(e);
        if (v < 0) {
            throw error("bad escape \\" + e);
        }
        return v;
    }

    private static void classChar(StringBuilder cls, int codePoint) {
        if ((codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
                || (codePoint >= '0' && codePoint <= '9')) {
            cls.append((char) codePoint);
        } else {
            cls.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
        }
    }

    /** @return whether this was a global-flags group such as {@code (?i)} */
    private boolean groupOpen() {
        if (!more() || peek() != '?') {
            openGroup("(", true);
            return false;
        }
        pos++;
        if (!more()) {
            throw error("unexpected end of pattern");
        }
        char c = src.charAt(pos++);
        switch (c) {
            case ':' -> openGroup("(?:", false);
            case '=' -> openGroup("(?=", false);
            case '!' -> openGroup("(?!", false);
            case '>' -> openGroup("(?>", false);
            case '#' -> {
                // a comment leaves the preceding item as it was: "a(?#c)*" repeats the a
                int close = src.indexOf(')', pos);
                if (close < 0) {
                    throw error("missing ), unterminated comment");
                }
                pos = close + 1;
                return atStart;
            }
            case '<' -> {
                if (more() && (peek() == '=' || peek() == '!')) {
                    openGroup("(?<" + src.charAt(pos++), false);
                } else {
                    throw error("unknown extension ?<" + (more() ? String.valueOf(peek()) : ""));
                }
            }
            case 'P' -> namedGroup();
            case '(' -> throw error("conditional groups (?(...)) are not supported");
            default -> {
                pos--;
                return inlineFlags();
            }
        }
        return false;
    }

    private void namedGroup() {
        if (!more()) {
            throw error("unexpected end of pattern");
        }
        char c = src.charAt(pos++);
        int end = src.indexOf(c == '<' ? '>' : ')', pos);
        if ((c != '<' && c != '=') || end < 0) {
            throw error("unknown extension ?P" + c);
        }
        String name = src.substring(pos, end);
        pos = end + 1;
        if (c == '<') {
            if (groupNames.containsKey(name)) {
                throw error("redefinition of group name '" + name + "'");
            }
            // Java group names allow no underscore; numbers keep them apart.
            String javaName = "pyg" + (groupNames.size() + 1);
            groupNames.put(name, javaName);
            groupNumbers.put(name, groupsOpened + 1);
            openGroup("(?<" + javaName + ">", true);
        } else {
            String javaName = groupNames.get(name);
            if (javaName == null) {
                throw error("unknown group name '" + name + "'");
            }
            if (!closed.contains(groupNumbers.get(name))) {
                throw error("cannot refer to an open group");
            }
            out.append("\\k<").append(javaName).append('>');
            last = Last.ATOM;
        }
    }

    /** @return true for global flags ({@code (?i)}), false for a scoped group ({@code (?i:...)}) */
    private boolean inlineFlags() {
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        StringBuilder target = on;
        Boolean multilineFlag = null;
        while (true) {
            if (!more()) {
                throw error("missing -, : or )");
            }
            char f = src.charAt(pos++);
            switch (f) {
                case 'i' -> target.append(flavour == Flavour.STR ? "iu" : "i");
                case 's' -> target.append(f);
                case 'm' -> multilineFlag = target == on ? Boolean.TRUE : Boolean.FALSE;
                case 'a' -> {
                    if (flavour == Flavour.STR) {
                        throw error("the ASCII flag (?a) is not supported for str patterns");
                    }
                    // bytes patterns are ASCII already
                }
                case 'x' -> throw error("verbose mode (?x) is not supported");
                case 'L', 'u' -> throw error("flag (?" + f + ") is not supported");
                case '-' -> {
                    if (target == off) {
                        throw error("bad inline flags");
                    }
                    target = off;
                }
                case ':' -> {
                    openGroup(javaFlags(on, off) + ":", false);
                    if (multilineFlag != null) {
                        multiline.pop();
                        multiline.push(multilineFlag);
                    }
                    return false;
                }
                case ')' -> {
                    if (target == off) {
                        throw error("missing :");
                    }
                    if (!atStart || !open.isEmpty()) {
                        throw error("global flags not at the start of the expression");
                    }
                    out.append(javaFlags(on, off)).append(')');
                    if (multilineFlag != null) {
                        multiline.pop();
                        multiline.push(multilineFlag);
                    }
                    last = Last.NONE;
                    return true;
                }
                default -> throw error("unknown extension ?" + f);
            }
        }
    }

    /** {@code (?flags} or {@code (?on-off}; {@code (?} alone when only MULTILINE changed (handled here, not by Java). */
    private static String javaFlags(CharSequence on, CharSequence off) {
        return "(?" + on + (off.length() > 0 ? "-" + off : "");
    }

    /** A {@code {} is a repeat only when it reads {@code {m}}, {@code {m,}}, {@code {,n}} or {@code {m,n}}. */
    private void brace() {
        int p = pos;
        StringBuilder lo = new StringBuilder();
        while (p < src.length() && isAsciiDigit(src.charAt(p))) {
            lo.append(src.charAt(p++));
        }
        boolean comma = false;
        StringBuilder hi = new StringBuilder();
        if (p < src.length() && src.charAt(p) == ',') {
            comma = true;
            p++;
            while (p < src.length() && isAsciiDigit(src.charAt(p))) {
                hi.append(src.charAt(p++));
            }
        }
        boolean empty = !comma && lo.length() == 0;
        if (empty || p >= src.length() || src.charAt(p) != '}') {
            literal('{');
            return;
        }
        String min = lo.length() == 0 ? "0" : lo.toString();
        String max = comma ? hi.toString() : min;
        if (!max.isEmpty() && new java.math.BigInteger(min).compareTo(new java.math.BigInteger(max)) > 0) {
            throw error("min repeat greater than max repeat");
        }
        pos = p + 1;
        quantifier("{" + min + (comma ? "," + hi : "") + "}");
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
