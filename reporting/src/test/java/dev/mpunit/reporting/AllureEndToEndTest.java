package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.junit.platform.launcher.TestExecutionListener;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

/**
 * Allure's own JUnit Platform listener and mpunit's bridge under a real launcher, behind the real
 * engine on the webassembly MicroPython: the {@code *-result.json} files Allure writes carry
 * mpunit's suites, parameters and attachments, and a second run keeps every history id.
 */
class AllureEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/allure").toAbsolutePath();
    static final String RESULTS_DIRECTORY = "allure.results.directory";

    static final String PASS = "[engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:webassembly]/"
            + "[file:basics%2Fallure_pass.py]";
    static final String FAIL = PASS.replace("allure_pass", "allure_fail");
    static final String SKIP = PASS.replace("allure_pass", "allure_skip");

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void everyTestArrivesWithSuitesParametersAndAttachmentsAndKeepsItsHistoryIdAcrossRuns() throws IOException {
        Path first = temp.resolve("allure-first");
        Path second = temp.resolve("allure-second");
        // Allure's listener first, then ours; the second run the other way round, and with every
        // output over the inline limit, so it arrives as a file entry: neither order nor the
        // entry kind may change what Allure shows.
        run(first, "100000", true);
        run(second, "8", false);

        for (Path results : List.of(first, second)) {
            Map<String, Map<String, Object>> byId = resultsByUniqueId(results);
            assertThat(byId).containsOnlyKeys(PASS, FAIL, SKIP);
            for (Map<String, Object> result : byId.values()) {
                assertThat(labels(result, "parentSuite")).containsExactly("RUN-TESTS_STANDARD");
                assertThat(labels(result, "suite")).containsExactly("webassembly");
                assertThat(labels(result, "subSuite")).containsExactly("basics");
                assertThat(labels(result, "tag")).contains("basics", "RUN-TESTS_STANDARD");
                assertThat(parameter(result, "tentacle")).as("tentacle of %s", result.get("name"))
                        .containsEntry("excluded", true).extracting(p -> p.get("value")).asString().isNotBlank();
                assertThat(parameter(result, "port")).containsEntry("excluded", true)
                        .extracting(p -> p.get("value")).asString().isNotBlank();
            }
            assertThat(byId.get(PASS)).containsEntry("status", "passed");
            assertThat(attachments(byId.get(PASS))).isEmpty();
            assertThat(byId.get(SKIP)).containsEntry("status", "skipped");

            Map<String, Object> failed = byId.get(FAIL);
            assertThat(failed).containsEntry("status", "failed")
                    .containsEntry("fullName", "RUN-TESTS_STANDARD/webassembly/basics/allure_fail.py");
            Map<String, String> attached = attachmentContents(results, failed);
            assertThat(attached).containsOnlyKeys("output", "expected", "diff");
            assertThat(attached.get("output")).isEqualTo("alpha\nbeta as printed\ngamma\n");
            assertThat(attached.get("expected")).isEqualTo(Files.readString(TREE.resolve("basics/allure_fail.py.exp")));
            assertThat(attached.get("diff")).isEqualTo("""
                    --- expected
                    +++ output
                    @@ -1,3 +1,3 @@
                     alpha
                    -beta as expected
                    +beta as printed
                     gamma
                    """);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) failed.get("statusDetails");
            assertThat(details).containsEntry("actual", "alpha\nbeta as printed\ngamma\n")
                    .containsEntry("expected", attached.get("expected"));
        }

        Map<String, Map<String, Object>> before = resultsByUniqueId(first);
        Map<String, Map<String, Object>> after = resultsByUniqueId(second);
        for (String id : List.of(PASS, FAIL, SKIP)) {
            // Allure 2 keys history by historyId; Allure 3 by testCaseId plus the parameters not
            // excluded (there are none): both must be the same in both runs.
            assertThat(after.get(id).get("historyId")).as("historyId of %s", id).isNotNull()
                    .isEqualTo(before.get(id).get("historyId"));
            assertThat(after.get(id).get("testCaseId")).isEqualTo(before.get(id).get("testCaseId"));
            assertThat(after.get(id).get("uuid")).isNotEqualTo(before.get(id).get("uuid"));
        }
    }

    /** One launcher run of the fixture tree with Allure writing to {@code results}. */
    private static void run(Path results, String inlineLimit, boolean allureFirst) {
        String previousDirectory = System.getProperty(RESULTS_DIRECTORY);
        System.setProperty(RESULTS_DIRECTORY, results.toString());
        try {
            // What the service-loaded AllureJunitPlatform does, on a lifecycle that writes here.
            Allure.setLifecycle(new AllureLifecycle());
            TestExecutionListener allure = new AllureJunitPlatform();
            TestExecutionListener ours = new AllureEntriesListener();
            EngineRun.execute(EngineRun.request(TREE)
                    .configurationParameter("micropython.report.inline-limit", inlineLimit)
                    .configurationParameter("junit.platform.reporting.output.dir", results.resolveSibling(
                            results.getFileName() + "-junit").toString())
                    .build(), allureFirst ? allure : ours, allureFirst ? ours : allure);
        } finally {
            if (previousDirectory == null) {
                System.clearProperty(RESULTS_DIRECTORY);
            } else {
                System.setProperty(RESULTS_DIRECTORY, previousDirectory);
            }
            Allure.setLifecycle(new AllureLifecycle());
        }
    }

    static Map<String, Map<String, Object>> resultsByUniqueId(Path results) throws IOException {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                Map<String, Object> result = JsonReader.object(Files.readString(file));
                List<String> ids = labels(result, "junit.platform.uniqueid");
                assertThat(ids).as("unique id label of %s", file).hasSize(1);
                assertThat(byId.put(ids.get(0), result)).as("one result for %s", ids.get(0)).isNull();
            }
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    static List<String> labels(Map<String, Object> result, String name) {
        return ((List<Map<String, Object>>) result.get("labels")).stream()
                .filter(label -> name.equals(label.get("name"))).map(label -> (String) label.get("value")).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parameter(Map<String, Object> result, String name) {
        List<Map<String, Object>> matching = ((List<Map<String, Object>>) result.get("parameters")).stream()
                .filter(parameter -> name.equals(parameter.get("name"))).toList();
        assertThat(matching).as("parameter %s of %s", name, result.get("name")).hasSize(1);
        return matching.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attachments(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("attachments");
    }

    static Map<String, String> attachmentContents(Path results, Map<String, Object> result) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        for (Map<String, Object> attachment : attachments(result)) {
            assertThat(attachment).containsEntry("type", "text/plain");
            contents.put((String) attachment.get("name"),
                    Files.readString(results.resolve((String) attachment.get("source"))));
        }
        return contents;
    }
}
