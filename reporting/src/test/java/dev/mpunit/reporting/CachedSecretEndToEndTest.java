package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.local.WebAssemblyInstallation;

/**
 * Issue 11, item 2: a test prints {@code os.getenv("WLAN_PASS")}; three real runs (each a JVM of
 * its own, as the variable comes from the environment) share one cache directory: with a first
 * password, with another, with none. The later runs must get the expected output their own
 * environment gives, and no byte written to a results folder or to the cache holds a password.
 */
class CachedSecretEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/env-secret").toAbsolutePath();
    static final String FIRST = "a-first-secret";
    static final String SECOND = "another-value";
    static final String RUN = "RUN-TESTS_STANDARD@webassembly";

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void aCachedExpectedOutputIsNeverAnotherEnvironmentsAndHoldsNoSecret() throws Exception {
        Path cache = temp.resolve("cache");
        Path first = run(cache, "first", Map.of("WLAN_PASS", FIRST, "MPUNIT_TEST_GREETING", "hello"));
        Path second = run(cache, "second", Map.of("WLAN_PASS", SECOND, "MPUNIT_TEST_GREETING", "bye"));
        Path third = run(cache, "third", Map.of());

        assertThat(first.resolve(RUN).resolve("basics_wlan.py.exp")).hasContent("password: ***\n");
        assertThat(second.resolve(RUN).resolve("basics_wlan.py.exp")).hasContent("password: ***\n");
        assertThat(third.resolve(RUN).resolve("basics_wlan.py.exp")).hasContent("password: None\n");
        assertThat(first.resolve(RUN).resolve("basics_greeting.py.exp")).hasContent("greeting: hello\n");
        assertThat(second.resolve(RUN).resolve("basics_greeting.py.exp")).hasContent("greeting: bye\n");
        assertThat(third.resolve(RUN).resolve("basics_greeting.py.exp")).hasContent("greeting: None\n");

        List<Path> written = new ArrayList<>();
        for (Path folder : List.of(first, second, third, cache)) {
            written.addAll(SecretsRedactionTest.allFiles(folder));
        }
        assertThat(SecretsRedactionTest.allFiles(cache)).as("the cache holds the outputs that are no secret")
                .anySatisfy(entry -> assertThat(entry).content().contains("greeting: hello"));
        for (Path file : written) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain(FIRST).doesNotContain(SECOND);
        }
    }

    /** One run in a child JVM with exactly this WLAN_PASS and greeting (none when absent); its results folder. */
    private Path run(Path cache, String name, Map<String, String> environment)
            throws IOException, InterruptedException, TargetException {
        Path results = temp.resolve(name);
        Path mjs = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults()).micropythonMjs();
        ProcessBuilder builder = ChildEngineRun.command(TREE, List.of(
                "micropython.cache=" + cache,
                "micropython.webassembly.mjs=" + mjs,
                "junit.platform.reporting.output.dir=" + temp.resolve("junit-" + name),
                ReportingConfigurationKeys.RESULTS_DIR + "=" + results))
                .redirectErrorStream(true).redirectOutput(temp.resolve(name + ".log").toFile());
        builder.environment().remove("WLAN_PASS");
        builder.environment().remove("MPUNIT_TEST_GREETING");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the run ended").isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve(name + ".log"))).isZero();
        assertThat(results.resolve(RUN).resolve("_results.json")).as(Files.readString(temp.resolve(name + ".log")))
                .exists();
        return results;
    }
}
