package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.engine.verdict.Filters.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersTest {

    private static final List<String> TESTS = List.of("basics/async_def.py", "basics/async_foo.py",
            "extmod/asyncio_basic.py", "basics/int_big1.py", "basics/big_int_x.py", "basics/list1.py");

    private static List<String> accepted(Filters f) {
        return TESTS.stream().filter(f::accepts).toList();
    }

    @Test
    void noFiltersAcceptEverything() {
        assertThat(accepted(Filters.NONE)).isEqualTo(TESTS);
        assertThat(accepted(Filters.parse(null, null, null))).isEqualTo(TESTS);
        assertThat(accepted(Filters.parse("", " ", ""))).isEqualTo(TESTS);
    }

    @Test
    void helpExampleIncludeOnly() {
        // -i async: exclude all, then include tests containing "async" anywhere
        assertThat(accepted(Filters.parse(null, null, "-i async")))
                .containsExactly("basics/async_def.py", "basics/async_foo.py", "extmod/asyncio_basic.py");
    }

    @Test
    void helpExampleExcludeByRegex() {
        // -e '/big.+int': include all, then exclude by regex
        assertThat(accepted(Filters.parse(null, null, "-e '/big.+int'")))
                .containsExactly("basics/async_def.py", "basics/async_foo.py", "extmod/asyncio_basic.py",
                        "basics/int_big1.py", "basics/list1.py");
    }

    @Test
    void helpExampleLastMatchWins() {
        // -e async -i async_foo: include all, exclude async, yet still include async_foo
        assertThat(accepted(Filters.parse(null, null, "-e async -i async_foo")))
                .containsExactly("basics/async_foo.py", "basics/int_big1.py", "basics/big_int_x.py", "basics/list1.py");
    }

    @Test
    void argumentForms() {
        Filters f = Filters.parse(null, null, "--exclude async --include=async_foo -eint_ \"-i\" list");
        assertThat(f.filters()).extracting(Filters.Filter::action)
                .containsExactly(Action.EXCLUDE, Action.INCLUDE, Action.EXCLUDE, Action.INCLUDE);
        assertThat(f.filters()).extracting(Filters.Filter::regex).containsExactly("async", "async_foo", "int_", "list");
        assertThat(f.toString()).isEqualTo("-e async -i async_foo -e int_ -i list");
        assertThat(Filters.parse(null, null, "-i 'a b'").filters().get(0).regex()).isEqualTo("a b");
    }

    @Test
    void shorthandsIncludeFirstThenExcludeThenOrdered() {
        Filters f = Filters.parse("async;int\nlist", "async_foo", "-i async_foo/never");
        assertThat(f.filters()).extracting(Filters.Filter::toString)
                .containsExactly("-i async", "-i int", "-i list", "-e async_foo", "-i async_foo/never");
        assertThat(accepted(f)).containsExactly("basics/async_def.py", "extmod/asyncio_basic.py", "basics/int_big1.py",
                "basics/big_int_x.py", "basics/list1.py");
        // commas stay inside a regex
        assertThat(Filters.parse("a{1,2}sync", null, null).filters()).hasSize(1);
    }

    @Test
    void searchNotMatch() {
        assertThat(Filters.parse(null, null, "-i ^basics/").accepts("basics/x.py")).isTrue();
        assertThat(Filters.parse(null, null, "-i ^x").accepts("basics/x.py")).isFalse();
        assertThat(Filters.parse(null, null, "-i x\\.py$").accepts("basics/x.py")).isTrue();
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> Filters.parse(null, null, "-i")).hasMessageContaining("expected one REGEX");
        assertThatThrownBy(() -> Filters.parse(null, null, "async")).hasMessageContaining("not an include/exclude option");
        assertThatThrownBy(() -> Filters.parse(null, null, "-i 'open")).hasMessageContaining("unterminated quote");
        assertThatThrownBy(() -> Filters.parse("(", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
