package dev.mpunit.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLinksTest {

    @Test
    void aBranchOrTagOfAGithubUrlLinksTheTestUnderTests() {
        assertThat(SourceLinks.link("https://github.com/micropython/micropython.git@master", "basics/list1.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/master/tests/basics/list1.py");
        assertThat(SourceLinks.link("https://github.com/micropython/micropython.git@v1.25.0", "perf_bench/bm_chaos.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/v1.25.0/tests/perf_bench/bm_chaos.py");
        assertThat(SourceLinks.link("https://github.com/someone/micropython@feature/uart-irq", "extmod/machine_uart_irq.py"))
                .isEqualTo("https://github.com/someone/micropython/blob/feature/uart-irq/tests/extmod/machine_uart_irq.py");
    }

    @Test
    void aPullRequestLinksItsHeadAndAUrlWithoutRefTheDefaultBranch() {
        assertThat(SourceLinks.link("https://github.com/micropython/micropython.git~17232", "basics/list1.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/refs/pull/17232/head/tests/basics/list1.py");
        assertThat(SourceLinks.link("https://github.com/micropython/micropython.git", "basics/list1.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/HEAD/tests/basics/list1.py");
    }

    @Test
    void otherSchemesHostsAndOddRefsOrNamesGetNoLink() {
        for (String ref : new String[] {"http://github.com/micropython/micropython.git@master",
                "git@github.com:micropython/micropython.git", "file:///home/me/micropython@master",
                "javascript:alert(1)//github.com/a/b.git@master", "https://gitlab.com/a/b.git@main",
                "https://github.com.evil.example/a/b.git@main", "https://github.com/a/b.git@../../x",
                "https://github.com/a/b.git~pr1", "https://github.com/a/b.git@main\"><script>", "/local/tests", null}) {
            assertThat(SourceLinks.link(ref, "basics/list1.py")).as(ref).isNull();
        }
        String ref = "https://github.com/micropython/micropython.git@master";
        for (String name : new String[] {"TestRing.test_empty", "../../etc/passwd.py", "basics/<script>alert(1)</script>.py",
                "/etc/x.py", "basics//x.py", "basics/a b.py", null}) {
            assertThat(SourceLinks.link(ref, name)).as(name).isNull();
        }
    }
}
