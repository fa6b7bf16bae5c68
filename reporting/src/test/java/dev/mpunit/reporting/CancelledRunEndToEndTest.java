package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * A real fail-fast: the launcher's cancellation token is cancelled when the first file ends, as
 * the console launcher's {@code --fail-fast} does. The engine skips what it had not handed out;
 * the folder must say the run did not run everything.
 */
class CancelledRunEndToEndTest {

    static final Path TINY = ResultsFolderEndToEndTest.TINY;

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void aRunCancelledAfterItsFirstFileLeavesAReadableFolderMarkedUnfinished() throws IOException {
        Path results = temp.resolve("results");
        CancellationToken token = CancellationToken.create();
        TestExecutionListener failFast = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    token.cancel();
                }
            }
        };
        var discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(TINY.toFile()))
                .filters(EngineFilter.includeEngines("micropython"))
                .configurationParameter("micropython.root", TINY.toString())
                .configurationParameter("micropython.workers", "1")
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                .build();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherExecutionRequestBuilder.request(discovery).cancellationToken(token)
                        .listeners(new ResultsFolderListener(), failFast).build());

        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
        assertThat(context).containsEntry("unfinished", true).containsEntry("error", "cancelled: 2 test files were not run");
        assertThat(context.get("time_end")).as("the plan did end").isNotNull();
        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        Map<String, Object> contextTest = JsonReader.object(Files.readString(run.resolve("context_test.json")));
        assertThat(contextTest).containsEntry("unfinished", true);
        List<?> listed = (List<?>) JsonReader.object(Files.readString(run.resolve("_results.json"))).get("results");
        assertThat(listed).as("every file is listed: one ran, two were skipped by the cancellation").hasSize(3);
        assertThat(listed).filteredOn(result -> ((List<?>) result).get(2).toString().contains("cancelled"))
                .hasSize(2).allSatisfy(result -> assertThat(((List<?>) result).get(1)).isEqualTo("skip"));
        // Whichever file ran first: it was performed unless it printed SKIP, the two cancelled ones were skipped.
        String text = Files.readString(run.resolve("testresults.txt"));
        int performed = count(text, "tests performed");
        int skipped = count(text, "tests skipped");
        assertThat(performed + skipped).as(text).isEqualTo(3);
        assertThat(skipped).as(text).isGreaterThanOrEqualTo(2);
    }

    /** The number on the summary line of {@code testresults.txt} that ends in {@code words} (0 when absent). */
    private static int count(String text, String words) {
        return text.lines().filter(line -> line.matches("\\d+ " + words + "\\b.*"))
                .mapToInt(line -> Integer.parseInt(line.substring(0, line.indexOf(' ')))).findFirst().orElse(0);
    }
}
