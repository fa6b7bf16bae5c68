package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expectations are GNU {@code diff -u --label expected --label output}'s output for the same texts. */
class UnifiedDiffTest {

    private static String diff(String expected, String output) {
        return UnifiedDiff.of("expected", expected, "output", output);
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(diff("a\nb\n", "a\nb\n")).isEmpty();
        assertThat(diff("", "")).isEmpty();
    }

    @Test
    void changesFarApartAreSeparateHunksWithThreeLinesOfContext() {
        assertThat(diff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\nn\n"))
                .isEqualTo("""
                        --- expected
                        +++ output
                        @@ -1,5 +1,5 @@
                         a
                        -b
                        +B
                         c
                         d
                         e
                        @@ -9,5 +9,6 @@
                         i
                         j
                         k
                        -l
                        +L
                         m
                        +n
                        """);
    }

    @Test
    void changesCloseTogetherShareAHunk() {
        assertThat(diff("a\nb\nc\nd\ne\nf\n", "a\nB\nc\nd\ne\nF\n")).isEqualTo("""
                --- expected
                +++ output
                @@ -1,6 +1,6 @@
                 a
                -b
                +B
                 c
                 d
                 e
                -f
                +F
                """);
    }

    @Test
    void aMissingFinalNewlineIsAChange() {
        assertThat(diff("x", "x\n")).isEqualTo("""
                --- expected
                +++ output
                @@ -1 +1 @@
                -x
                \\ No newline at end of file
                +x
                """);
    }

    @Test
    void outputOfAnEmptyExpectationAndALostLastLine() {
        assertThat(diff("", "one\n")).isEqualTo("""
                --- expected
                +++ output
                @@ -0,0 +1 @@
                +one
                """);
        assertThat(diff("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\ne\nf\ng\n")).isEqualTo("""
                --- expected
                +++ output
                @@ -5,4 +5,3 @@
                 e
                 f
                 g
                -h
                """);
    }

    @Test
    void aMiddleTooBigToMatchIsReplacedWhole() {
        StringBuilder expected = new StringBuilder("head\n");
        StringBuilder output = new StringBuilder("head\n");
        for (int i = 0; i < 2100; i++) {
            expected.append("e").append(i).append('\n');
            output.append("o").append(i).append('\n');
        }
        String diff = diff(expected + "tail\n", output + "tail\n");
        assertThat(diff).startsWith("--- expected\n+++ output\n@@ -1,2102 +1,2102 @@\n head\n-e0\n")
                .endsWith("+o2099\n tail\n").contains("-e2099\n+o0\n");
    }
}
