package dev.mpunit.engine.verdict;

import java.util.Objects;
import java.util.Optional;

import dev.mpunit.contract.Verdicts;

/**
 * The judgement of one test file.
 *
 * <p>Byte arrays are held as given (no copies, records compare them by
 * reference); treat them as read-only.
 *
 * @param kind pass, fail, skip, or ignored (a known-flaky test that failed)
 * @param reason the reason run-tests.py writes to {@code _results.json}: empty,
 *        {@code too large}, or {@code flaky: <why>}
 * @param message for humans: why it failed or was skipped, the unittest counts
 *        when it passed; never null
 * @param expected the expected output compared against, null when there was
 *        none (unittest summaries, skips, CPython problems)
 * @param actual the output judged (after markers, normalisation and regex
 *        rewriting), null for skips decided before running
 * @param unittest the unittest summary the verdict came from, null otherwise
 * @param firstDifferingLine 1-based first line where expected and actual
 *        differ, 0 when not an output comparison failure
 * @param testcaseCount what run-tests.py adds to its "individual testcases":
 *        the number of expected lines, or the unittest count
 */
public record Verdict(Kind kind, String reason, String message, byte[] expected, byte[] actual,
        UnittestSummary unittest, int firstDifferingLine, int testcaseCount) {

    public enum Kind {
        PASS, FAIL, SKIP, IGNORED;

        /** The word run-tests.py uses in {@code _results.json}, and {@code micropython.verdict}'s value. */
        public String resultsWord() {
            return switch (this) {
                case PASS -> Verdicts.PASS;
                case FAIL -> Verdicts.FAIL;
                case SKIP -> Verdicts.SKIP;
                case IGNORED -> Verdicts.IGNORED;
            };
        }
    }

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** A test the skip rules removed before it ran ({@link SkipRules}); upstream's reason is empty. */
    public static Verdict skippedBeforeRun(String why) {
        return new Verdict(Kind.SKIP, "", why, null, null, null, 0, 0);
    }

    /** The same verdict, its message followed by a note (a hint on why it failed). */
    public Verdict withNote(String note) {
        return new Verdict(kind, reason, message.isEmpty() ? note : message + "; " + note, expected, actual, unittest,
                firstDifferingLine, testcaseCount);
    }

    public Optional<UnittestSummary> unittestSummary() {
        return Optional.ofNullable(unittest);
    }
}
