package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * A MicroPython test prints its WLAN password and a token; the run is real (engine, launcher,
 * webassembly MicroPython), and then every byte of every file in the results folder is searched
 * for them.
 */
class SecretsRedactionTest {

    static final Path SECRET = Path.of("src/test/resources/fixtures/secret").toAbsolutePath();
    /** A quote and a backslash: in JSON files it stands escaped, and must be caught there too. */
    static final String WLAN_PASS = "s3cr\"et\\pa55";
    /** Its tail has letters no hex digit uses: Allure's random UUIDs once held "1234". */
    static final String TOKEN = "tok-en-kqzw";

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void noFileOfTheResultsFolderHoldsASecretValue() throws IOException {
        Path results = temp.resolve("results");
        EngineRun.execute(EngineRun.request(SECRET)
                .configurationParameter("micropython.secrets", "MPUNIT_TEST_WLAN_PASS,MPUNIT_TEST_SHORT")
                .configurationParameter("MPUNIT_TEST_WLAN_PASS", WLAN_PASS)
                // Too short to be blanked out everywhere: "abc" would eat half of every output.
                .configurationParameter("MPUNIT_TEST_SHORT", "abc")
                // Secret by its name alone.
                .configurationParameter("my.api.token", TOKEN)
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                .build(), new ResultsFolderListener());
        // The same run with the output over the inline limit: it comes as a file entry, which is copied.
        Path large = temp.resolve("large");
        EngineRun.execute(EngineRun.request(SECRET)
                .configurationParameter("micropython.report.inline-limit", "8")
                .configurationParameter("micropython.secrets", "MPUNIT_TEST_WLAN_PASS")
                .configurationParameter("MPUNIT_TEST_WLAN_PASS", WLAN_PASS)
                .configurationParameter("my.api.token", TOKEN)
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit2").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, large.toString())
                .build(), new ResultsFolderListener());

        for (Path folder : List.of(results, large)) {
            Path run = folder.resolve("RUN-TESTS_STANDARD@webassembly");
            assertThat(run.resolve("basics_leak.py.out")).as("the failing test's output was written")
                    .hasContent("wifi: ***\ntoken: ***\nshort: abc\n");
            assertThat(run.resolve("basics_leak.py.exp")).hasContent("wifi: *** (as expected)\ntoken: ***\nshort: abc\n");
            List<Path> files = allFiles(folder);
            assertThat(files).hasSizeGreaterThan(5);
            for (Path file : files) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(latin1(WLAN_PASS))
                        .doesNotContain(latin1(Json.escaped(WLAN_PASS))).doesNotContain(latin1(TOKEN))
                        .doesNotContain("pa55").doesNotContain("kqzw");
                if (file.getFileName().toString().endsWith(".json")) {
                    JsonReader.parse(Files.readString(file));
                }
            }
            assertThat(files).anySatisfy(file -> assertThat(file).content().contains("***"));
            assertThat(files).filteredOn(file -> file.getFileName().toString().equals("context_test.json"))
                    .singleElement().satisfies(file -> assertThat(file).content().contains("***"));
        }
    }

    @Test
    void noFileAllureIsGivenHoldsASecretValue() throws IOException {
        Path allure = temp.resolve("allure-results");
        String previous = System.getProperty("allure.results.directory");
        System.setProperty("allure.results.directory", allure.toString());
        try {
            Allure.setLifecycle(new AllureLifecycle());
            EngineRun.execute(EngineRun.request(SECRET)
                    .configurationParameter("micropython.secrets", "MPUNIT_TEST_WLAN_PASS")
                    .configurationParameter("MPUNIT_TEST_WLAN_PASS", WLAN_PASS)
                    .configurationParameter("my.api.token", TOKEN)
                    .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit3").toString())
                    .build(), new AllureJunitPlatform(), new AllureEntriesListener());
        } finally {
            if (previous == null) {
                System.clearProperty("allure.results.directory");
            } else {
                System.setProperty("allure.results.directory", previous);
            }
            Allure.setLifecycle(new AllureLifecycle());
        }
        List<Path> files = allFiles(allure);
        assertThat(files).as("Allure wrote results and attachments").hasSizeGreaterThan(2);
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain(latin1(WLAN_PASS))
                    .doesNotContain(latin1(Json.escaped(WLAN_PASS))).doesNotContain(latin1(TOKEN))
                    .doesNotContain("pa55").doesNotContain("kqzw");
        }
        assertThat(files).anySatisfy(file -> assertThat(file).content().contains("wifi: ***"));
    }

    static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
