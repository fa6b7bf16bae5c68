package dev.mpunit.engine.verdict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MicroPython tracebacks so that failures can point at source lines:
 *
 * <pre>
 * Traceback (most recent call last):
 *   File "&lt;stdin&gt;", line 9, in test_err
 *   File "unittest/__init__.py", line 97, in assertEqual
 * AssertionError: 1 vs (expected) 2
 * </pre>
 *
 * The main script shows as {@code <stdin>} when it was sent over the raw REPL
 * or run by the webassembly port, and as the path it was started with by the
 * unix port.
 */
public final class Tracebacks {

    private static final String HEADER = "Traceback (most recent call last):";
    private static final Pattern FRAME = Pattern.compile("\\s*File \"([^\"]*)\", line ([0-9]{1,9})(?:, in (.*))?");

    private Tracebacks() {
    }

    /**
     * One {@code File "...", line N} entry.
     *
     * @param file as printed: {@code <stdin>}, a relative or an absolute path
     * @param line 1-based line number
     * @param function the {@code in ...} part, null when absent (e.g. SyntaxError)
     */
    public record Frame(String file, int line, String function) {

        public Frame {
            Objects.requireNonNull(file, "file");
        }

        /** Whether this frame is in the script that was run, as opposed to a module it imported. */
        public boolean isMainScript(Path testFile) {
            if (file.equals("<stdin>")) {
                return true;
            }
            Path p = Path.of(file);
            return p.isAbsolute() ? p.normalize().equals(testFile.toAbsolutePath().normalize())
                    : testFile.toAbsolutePath().normalize().endsWith(p.normalize());
        }

        /**
         * The file this frame refers to: the test file for {@code <stdin>}, an
         * absolute path as it is, a relative one against the test's directory (the
         * directory run-tests.py runs tests in). Empty for other pseudo files
         * ({@code <string>} from exec). The caller checks whether it exists:
         * frozen modules ({@code unittest/__init__.py}) have no file here.
         */
        public Optional<Path> resolve(Path testFile) {
            if (file.equals("<stdin>")) {
                return Optional.of(testFile);
            }
            if (file.startsWith("<")) {
                return Optional.empty();
            }
            Path p = Path.of(file);
            if (p.isAbsolute()) {
                return Optional.of(p);
            }
            Path dir = testFile.toAbsolutePath().getParent();
            return Optional.of(dir == null ? p : dir.resolve(p).normalize());
        }
    }

    /** Every {@code File "...", line N} line of {@code text}, in order: innermost call last. */
    public static List<Frame> frames(String text) {
        List<Frame> frames = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = FRAME.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (m.matches()) {
                frames.add(new Frame(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
            }
        }
        return frames;
    }

    /**
     * The frames of the last traceback in the output (the one that ended the run),
     * or an empty list when there is none.
     */
    public static List<Frame> lastTraceback(String output) {
        int at = output.lastIndexOf(HEADER);
        return at < 0 ? List.of() : frames(output.substring(at + HEADER.length()));
    }
}
