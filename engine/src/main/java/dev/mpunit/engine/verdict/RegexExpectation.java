package dev.mpunit.engine.verdict;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Expected outputs that are patterns rather than text, as run-tests.py handles
 * them for a short list of tests whose output is not stable across runs
 * (addresses, memory sizes).
 *
 * <p>Each line of the {@code .exp} file is a regex in which the characters
 * {@code ()[]{}.*+^$} are literal unless preceded by a backslash, a backslash
 * before any other character just drops (so {@code \\d} means {@code \d}),
 * and a final newline also accepts carriage returns before it. A line that is
 * exactly {@code ########} matches any number of whole lines. Where an output
 * line matches its pattern, the line is replaced by the {@code .exp} line
 * itself; the rewritten output is then compared with the {@code .exp} file
 * byte for byte like any other test.
 */
public final class RegexExpectation {

    /**
     * Upstream's {@code tests_with_regex_output}, relative to the tests root.
     * run-tests.py also treats every special test this way (cmdline/ tests on the
     * unix port), see {@link RunTestsOutput#afterRun}.
     */
    public static final List<String> FILES = List.of(
            "micropython/meminfo.py",
            "basics/bytes_compare3.py",
            "basics/builtin_help.py",
            "basics/weakref_callback_exception.py",
            "misc/sys_settrace_cov.py",
            "net_inet/tls_text_errors.py",
            "ports/unix/extra_coverage.py",
            "thread/thread_exc2.py",
            "ports/esp32/partition_ota.py");

    private static final Set<String> FILE_SET = Set.copyOf(FILES);
    private static final byte[] ANY_LINES = Bytes.ascii("########\n");
    private static final byte[] ANY_LINES_FAILED = Bytes.ascii("######## FAIL\n");

    private RegexExpectation() {
    }

    /** Whether run-tests.py matches this test's output against its {@code .exp} as regexes. */
    public static boolean appliesTo(String relPath) {
        return FILE_SET.contains(relPath);
    }

    /**
     * Rewrites {@code normalisedOutput} the way run-tests.py does before comparing
     * it with a regex {@code .exp}: lines matching their pattern become the
     * pattern line, a {@code ########} line swallows the lines up to the first
     * one that matches the next pattern, or marks {@code ######## FAIL} when
     * none does. Note that, as upstream, the result always ends with a newline
     * (even for output that did not).
     *
     * @param expFileBytes the {@code .exp} file as read (not normalised, as upstream)
     * @throws IllegalArgumentException where run-tests.py itself would stop with an
     *         exception: a line that is not UTF-8 or not a valid regex, a lone
     *         backslash line, {@code ########} as the last line or twice in a row
     */
    public static byte[] rewrite(byte[] expFileBytes, byte[] normalisedOutput) {
        List<ExpLine> exp = new ArrayList<>();
        int lineNo = 0;
        for (byte[] line : Bytes.readlines(expFileBytes)) {
            lineNo++;
            // Upstream compiles every pattern before matching anything, so a bad
            // pattern anywhere fails the test even if matching would stop earlier.
            exp.add(Arrays.equals(line, ANY_LINES)
                    ? new ExpLine(line, null)
                    : new ExpLine(line, compileLine(line, lineNo)));
        }

        List<byte[]> out = new ArrayList<>();
        for (byte[] piece : Bytes.splitOnNewline(normalisedOutput)) {
            out.add(Bytes.concat(piece, new byte[] {'\n'}));
        }
        if (normalisedOutput.length > 0 && normalisedOutput[normalisedOutput.length - 1] == '\n') {
            out.remove(out.size() - 1);
        }

        int o = 0;
        for (int i = 0; i < exp.size(); i++) {
            ExpLine e = exp.get(i);
            if (e.pattern == null) {
                if (i + 1 >= exp.size()) {
                    throw new IllegalArgumentException("regex expectation ends with ########: nothing to match after it");
                }
                ExpLine next = exp.get(i + 1);
                if (next.pattern == null) {
                    throw new IllegalArgumentException("regex expectation has ######## twice in a row (line " + (i + 2) + ")");
                }
                int skip = 0;
                while (o + skip < out.size() && !next.matches(out.get(o + skip))) {
                    skip++;
                }
                if (o + skip >= out.size()) {
                    out.set(o, ANY_LINES_FAILED);
                    break;
                }
                out.subList(o, o + skip).clear();
                out.add(o, ANY_LINES);
                o++;
            } else {
                if (e.matches(out.get(o))) {
                    out.set(o, e.line);
                }
                o++;
            }
            if (o >= out.size()) {
                break;
            }
        }
        return Bytes.join(out);
    }

    private record ExpLine(byte[] line, Pattern pattern) {
        boolean matches(byte[] outputLine) {
            // Python's re.match: anchored at the start, not at the end.
            return pattern.matcher(Bytes.latin1(outputLine)).lookingAt();
        }
    }

    private static Pattern compileLine(byte[] line, int lineNo) {
        try {
            return PythonRegex.compile(Bytes.latin1(convertEscapes(line)), PythonRegex.Flavour.BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("regex expectation line " + lineNo + ": " + e.getMessage(), e);
        }
    }

    /**
     * Upstream's {@code convert_regex_escapes}: works on the line decoded as
     * UTF-8, so a backslash drops before a whole (multi-byte) character.
     */
    static byte[] convertEscapes(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("line is not valid UTF-8", e);
        }
        StringBuilder sb = new StringBuilder();
        boolean escape = false;
        boolean any = false;
        boolean lastIsNewline = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (escape) {
                escape = false;
                sb.appendCodePoint(cp);
            } else if (cp == '\\') {
                escape = true;
                continue;
            } else if ("()[]{}.*+^$".indexOf(cp) >= 0) {
                sb.append('\\').appendCodePoint(cp);
            } else {
                sb.appendCodePoint(cp);
            }
            any = true;
            lastIsNewline = cp == '\n';
        }
        if (!any) {
            throw new IllegalArgumentException("a line holding only a backslash is not a pattern");
        }
        if (lastIsNewline) {
            // Accept carriage return(s) before the final newline.
            sb.setLength(sb.length() - 1);
            sb.append("\r*\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
