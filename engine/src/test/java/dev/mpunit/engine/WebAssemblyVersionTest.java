package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** A wrong micropython.webassembly.version is one message, once, naming the versions there are (issue 11, item 12). */
class WebAssemblyVersionTest {

    @TempDir
    Path temp;

    @Test
    void aVersionNpmDoesNotHaveFailsTheRunOnceAndLeavesNoCacheFolder() throws Exception {
        WebAssemblyAvailable.assumeNode();
        Path tree = GeneratedTree.basics(temp, 5);
        Path cache = temp.resolve("cache");

        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", cache.toString())
                .configurationParameter("micropython.webassembly.version", "9.9.9")
                .configurationParameter("micropython.workers", "3")
                .selectors(selectDirectory(tree.toFile()))
                .execute();

        assertThat(results.testEvents().started().count()).as("no test ran").isZero();
        Event failed = results.containerEvents().failed().list().stream().reduce((a, b) -> {
            throw new AssertionError("more than one failure: " + a + ", " + b);
        }).orElseThrow(() -> new AssertionError("the run did not fail"));
        String message = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertThat(message)
                .startsWith("micropython.webassembly.version=9.9.9: @micropython/micropython-webassembly-pyscript"
                        + " has no version 9.9.9 on the npm registry; its releases are ")
                .contains("1.27.0")
                .doesNotContain("npm error", "reachable");
        assertThat(cache.resolve("webassembly/9.9.9")).as("the version's cache folder").doesNotExist();
    }
}
