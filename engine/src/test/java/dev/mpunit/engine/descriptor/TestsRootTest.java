package dev.mpunit.engine.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestsRootTest {

    @TempDir
    Path directory;

    private Path touch(String relativePath) throws IOException {
        Path file = directory.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "print(1)\n");
    }

    @Test
    void aFileBelongsToItsNearestUpstreamStyleAncestor() throws IOException {
        Path file = touch("tests/basics/list1.py");
        touch("tests/feature_check/target_info.py");
        TestsRoot root = TestsRoot.of(file);
        assertThat(root.directory()).isEqualTo(directory.resolve("tests").toAbsolutePath().normalize());
        assertThat(root.upstreamLayout()).isTrue();
        assertThat(root.relativize(file)).isEqualTo("basics/list1.py");
        assertThat(root.groupOf("basics/list1.py")).contains(TestGroup.RUN_TESTS_STANDARD);
        assertThat(root.groupOf("net_inet/tls.py")).contains(TestGroup.RUN_TESTS_NET_INET);
        assertThat(root.groupOf("feature_check/slice.py")).isEmpty();
    }

    @Test
    void aPlainDirectoryIsItsOwnRootOfStandardTests() throws IOException {
        Path file = touch("mine/a_test.py");
        TestsRoot root = TestsRoot.of(file);
        assertThat(root.upstreamLayout()).isFalse();
        assertThat(root.relativize(file)).isEqualTo("a_test.py");
        assertThat(root.groupOf("a_test.py")).contains(TestGroup.RUN_TESTS_STANDARD);
    }

    @Test
    void aWholeTreeCoversTheStandardDirectoriesAndEveryArchAndPort() throws IOException {
        for (String path : new String[] {"basics/a.py", "float/b.py", "inlineasm/thumb/asm.py", "inlineasm/rv32/asm.py",
                "ports/unix/u.py", "net_inet/n.py", "perf_bench/p.py", "cpydiff/c.py"}) {
            touch("tests/" + path);
        }
        TestsRoot root = new TestsRoot(directory.resolve("tests"), true);
        assertThat(root.testDirectories(Set.of(TestGroup.RUN_TESTS_STANDARD)))
                .extracting(p -> root.relativize(p))
                .containsExactly("basics", "float", "inlineasm/rv32", "inlineasm/thumb", "ports/unix");
        assertThat(root.testDirectories(Set.of(TestGroup.RUN_TESTS_NET_INET)))
                .extracting(p -> root.relativize(p)).containsExactly("net_inet");
    }

    @Test
    void testFilesAreTopLevelPythonAndJavaScriptSorted() throws IOException {
        touch("d/b.py");
        touch("d/a.py");
        touch("d/c.mjs");
        touch("d/a.py.exp");
        touch("d/sub/deeper.py");
        assertThat(TestsRoot.testFilesIn(directory.resolve("d"))).extracting(p -> p.getFileName().toString())
                .containsExactly("a.py", "b.py", "c.mjs");
    }
}
