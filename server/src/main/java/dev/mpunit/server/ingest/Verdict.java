package dev.mpunit.server.ingest;

import java.util.Locale;

import dev.mpunit.contract.Verdicts;

/** mpunit's five verdict words, to which every format's words are mapped. */
public enum Verdict {
    PASS(Verdicts.PASS, 'P'), FAIL(Verdicts.FAIL, 'F'), SKIP(Verdicts.SKIP, 'S'), IGNORED(Verdicts.IGNORED, 'I'),
    XFAIL(Verdicts.XFAIL, 'X');

    private final String word;
    private final char letter;

    Verdict(String word, char letter) {
        this.word = word;
        this.letter = letter;
    }

    /** The word as stored and shown: run-tests.py's {@code pass}, {@code fail}, ... */
    public String word() {
        return word;
    }

    /** One letter per run in a series' recent verdicts (flaky detection). */
    public char letter() {
        return letter;
    }

    public static Verdict ofWord(String word) {
        for (Verdict verdict : values()) {
            if (verdict.word.equals(word.toLowerCase(Locale.ROOT))) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + word + "'; known: pass, fail, skip, ignored, xfail");
    }

    public static Verdict ofLetter(char letter) {
        for (Verdict verdict : values()) {
            if (verdict.letter == letter) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("unknown verdict letter '" + letter + "'");
    }
}
