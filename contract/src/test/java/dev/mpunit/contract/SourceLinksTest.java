package dev.mpunit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLinksTest {

    @Test
    void aBranchOrTagOfAGithubUrlLinksTheTestUnderTests() {
        assertThat(SourceLinks.file("https://github.com/micropython/micropython.git@master", "basics/list1.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/master/tests/basics/list1.py");
        assertThat(SourceLinks.file("https://github.com/micropython/micropython.git@v1.25.0", "perf_bench/bm_chaos.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/v1.25.0/tests/perf_bench/bm_chaos.py");
        assertThat(SourceLinks.file("https://github.com/someone/micropython@feature/uart-irq", "extmod/machine_uart_irq.py"))
                .isEqualTo("https://github.com/someone/micropython/blob/feature/uart-irq/tests/extmod/machine_uart_irq.py");
    }

    @Test
    void aPullRequestLinksItsHeadAndAUrlWithoutRefTheDefaultBranch() {
        assertThat(SourceLinks.file("https://github.com/micropython/micropython.git~17232", "basics/list1.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/refs/pull/17232/head/tests/basics/list1.py");
        assertThat(SourceLinks.file("https://github.com/micropython/micropython.git", "basics/list1.py"))
                .isEqualTo("https://github.com/micropython/micropython/blob/HEAD/tests/basics/list1.py");
    }

    @Test
    void otherSchemesHostsAndOddRefsOrNamesGetNoLink() {
        for (String ref : new String[] {"http://github.com/micropython/micropython.git@master",
                "git@github.com:micropython/micropython.git", "file:///home/me/micropython@master",
                "javascript:alert(1)//github.com/a/b.git@master", "https://gitlab.com/a/b.git@main",
                "https://github.com.evil.example/a/b.git@main", "https://github.com/a/b.git@../../x",
                "https://github.com/a/b.git~pr1", "https://github.com/a/b.git@main\"><script>", "/local/tests", null}) {
            assertThat(SourceLinks.file(ref, "basics/list1.py")).as(ref).isNull();
        }
        String ref = "https://github.com/micropython/micropython.git@master";
        for (String name : new String[] {"TestRing.test_empty", "../../etc/passwd.py", "basics/<script>alert(1)</script>.py",
                "/etc/x.py", "basics//x.py", "basics/a b.py", null}) {
            assertThat(SourceLinks.file(ref, name)).as(name).isNull();
        }
    }

    @Test
    void theRefLinksItsCommitThePullRequestOrTheRepository() {
        assertThat(SourceLinks.commit("https://github.com/micropython/micropython.git@0123abcd"))
                .isEqualTo("https://github.com/micropython/micropython/commit/0123abcd");
        assertThat(SourceLinks.commit("https://github.com/micropython/micropython.git~17232"))
                .isEqualTo("https://github.com/micropython/micropython/pull/17232");
        assertThat(SourceLinks.commit("https://github.com/micropython/micropython.git"))
                .isEqualTo("https://github.com/micropython/micropython");
        for (String ref : new String[] {"/home/me/micropython", "git@github.com:micropython/micropython.git@master",
                "https://github.com/a/b.git@../x", "", null}) {
            assertThat(SourceLinks.commit(ref)).as(ref).isNull();
        }
    }
}
