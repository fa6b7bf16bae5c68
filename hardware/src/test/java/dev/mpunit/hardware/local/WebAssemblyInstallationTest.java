package dev.mpunit.hardware.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.hardware.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAssemblyInstallationTest {

    @TempDir
    Path temp;

    private WebAssemblyInstallation.Config fakes(String npmDelay) throws Exception {
        return WebAssemblyInstallation.Config.defaults()
                .withNode(FakeCommands.node(temp, "v20.11.1").toString())
                .withNpm(FakeCommands.npm(temp, npmDelay).toString())
                .withCacheDirectory(temp.resolve("cache"));
    }

    @Test
    void installsOnFirstUseAndReusesTheInstallation() throws Exception {
        WebAssemblyInstallation.Config config = fakes("0");

        WebAssemblyInstallation first = WebAssemblyInstallation.obtain(config);
        WebAssemblyInstallation second = WebAssemblyInstallation.obtain(config);

        assertThat(FakeCommands.npmRuns(temp)).isEqualTo(1);
        assertThat(first.micropythonMjs()).isEqualTo(second.micropythonMjs()).isRegularFile()
                .startsWith(temp.resolve("cache")).endsWith(Path.of("micropython.mjs"));
        assertThat(first.version()).isEqualTo("1.27.0");
        assertThat(first.nodeVersion()).isEqualTo("v20.11.1");
        // Only the finished installation and the lock remain: no temporary directory.
        try (var entries = Files.list(temp.resolve("cache"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("npm", "install.lock");
        }
    }

    @Test
    void twoThreadsInstallingAtOnceInstallOnce() throws Exception {
        WebAssemblyInstallation.Config config = fakes("1");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Path> obtain = () -> {
            start.await();
            return WebAssemblyInstallation.obtain(config).micropythonMjs();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> results = pool.invokeAll(List.of(obtain, obtain));
            assertThat(results.get(0).get()).isEqualTo(results.get(1).get()).isRegularFile();
        } finally {
            pool.shutdownNow();
        }
        assertThat(FakeCommands.npmRuns(temp)).isEqualTo(1);
    }

    @Test
    void leftoversOfAnInterruptedInstallAreRemoved() throws Exception {
        Path leftover = Files.createDirectories(temp.resolve("cache/.installing-123/node_modules"));

        WebAssemblyInstallation.obtain(fakes("0"));

        assertThat(leftover.getParent()).doesNotExist();
    }

    @Test
    void missingNodeSaysWhatToDo() {
        WebAssemblyInstallation.Config config = WebAssemblyInstallation.Config.defaults()
                .withNode(temp.resolve("no-such-node").toString()).withCacheDirectory(temp.resolve("cache"));

        assertThatThrownBy(() -> WebAssemblyInstallation.obtain(config))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("node not found: install Node.js 18+ or set micropython.node");
    }

    @Test
    void oldNodeIsRefused() throws Exception {
        WebAssemblyInstallation.Config config = fakes("0").withNode(FakeCommands.node(temp, "v16.20.0").toString());

        assertThatThrownBy(() -> WebAssemblyInstallation.obtain(config))
                .hasMessageContaining("v16.20.0 is too old").hasMessageContaining("micropython.node");
    }

    @Test
    void missingNpmNamesItAndTheWayAround() throws Exception {
        WebAssemblyInstallation.Config config = fakes("0").withNpm(temp.resolve("no-such-npm").toString());

        assertThatThrownBy(() -> WebAssemblyInstallation.obtain(config))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("npm not found")
                .hasMessageContaining("no-such-npm")
                .hasMessageContaining("@micropython/micropython-webassembly-pyscript@1.27.0")
                .hasMessageContaining("set micropython.webassembly.mjs to a built micropython.mjs");
    }

    @Test
    void failingNpmShowsItsOutputAndTheRegistryHint() throws Exception {
        Path npm = FakeCommands.script(temp, "npm-fails", """
                echo "npm http fetch GET 404 https://registry.example/@micropython%2fmicropython-webassembly-pyscript"
                echo "npm error 404 Not Found" >&2
                exit 1
                """);
        WebAssemblyInstallation.Config config = fakes("0").withNpm(npm.toString()).withVersion("0.0.404");

        assertThatThrownBy(() -> WebAssemblyInstallation.obtain(config))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("failed with exit code 1")
                .hasMessageContaining("npm error 404 Not Found")
                .hasMessageContaining("registry");
        try (var entries = Files.list(temp.resolve("cache"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("install.lock");
        }
    }

    @Test
    void npmThatTakesTooLongIsStopped() throws Exception {
        WebAssemblyInstallation.Config config = fakes("30").withInstallTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> WebAssemblyInstallation.obtain(config)).hasMessageContaining("timed out after 1 s");
    }

    @Test
    void anExplicitMicropythonMjsSkipsNpm() throws Exception {
        Path mjs = Files.createDirectories(temp.resolve("build")).resolve("micropython.mjs");
        Files.writeString(mjs, "// built");
        WebAssemblyInstallation.Config config = fakes("0").withNpm(temp.resolve("no-such-npm").toString())
                .withMicropythonMjs(mjs);

        WebAssemblyInstallation installation = WebAssemblyInstallation.obtain(config);

        assertThat(installation.micropythonMjs()).isEqualTo(mjs);
        assertThat(installation.version()).isEqualTo("unknown");
        assertThat(temp.resolve("cache")).doesNotExist();
    }

    @Test
    void aMissingExplicitMicropythonMjsSaysWhichKey() throws Exception {
        WebAssemblyInstallation.Config config = fakes("0").withMicropythonMjs(temp.resolve("nowhere/micropython.mjs"));

        assertThatThrownBy(() -> WebAssemblyInstallation.obtain(config))
                .hasMessageContaining("nowhere/micropython.mjs").hasMessageContaining("micropython.webassembly.mjs");
    }

    @Test
    void theDefaultCacheIsPerVersionUnderTheUsersCache() {
        assertThat(WebAssemblyInstallation.Config.defaults().withVersion("1.28.0").effectiveCacheDirectory())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache/mpunit/webassembly/1.28.0"));
        assertThat(WebAssemblyInstallation.Config.defaults().withCacheDirectory(temp).effectiveCacheDirectory())
                .isEqualTo(temp);
    }
}
