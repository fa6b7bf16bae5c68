package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.mpunit.reporting.ResultsFolderListener;

class ReportCommandTest {

    @TempDir
    Path temp;

    /** A pass and a failure run on the webassembly MicroPython, the results folder written by the listener. */
    private Path resultsOfARealRun() throws IOException {
        Emulators.assumeNode();
        Path tree = Files.createDirectories(temp.resolve("tests/basics"));
        Files.writeString(tree.resolve("good.py"), "print('good')\n");
        Files.writeString(tree.resolve("good.py.exp"), "good\n");
        Files.writeString(tree.resolve("bad.py"), "print('bad')\n");
        Files.writeString(tree.resolve("bad.py.exp"), "expected\n");
        Path results = temp.resolve("results");
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectDirectory(tree.getParent().toFile()))
                        .filters(EngineFilter.includeEngines("micropython"))
                        .configurationParameter("micropython.workers", "1")
                        .configurationParameter("micropython.results.dir", results.toString()).build(),
                        new ResultsFolderListener());
        return results;
    }

    @Test
    void rebuildsTheSummaryAndAnotherXfailFileCountsTheFailureAsExpected() throws IOException {
        Path results = resultsOfARealRun();
        String written = Files.readString(results.resolve("summary_report.md"));
        Files.delete(results.resolve("summary_report.md"));

        Run same = Run.of("report", results.toString());

        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).startsWith("rebuilt " + results.toAbsolutePath().resolve("summary_report.html")
                + " (summary_outcomes.json, timeline.svg, summary_report.html, summary_report.md, xfail_template.json)");
        assertThat(results.resolve("summary_report.md")).hasContent(written);
        assertThat(written).contains("| RUN-TESTS\\_STANDARD | 1 | 1 | 0 | 0 | 0 | 1 |");

        Path xfail = Files.writeString(temp.resolve("xfail.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/bad.py\": [\"*\"]}}");
        Run known = Run.of("report", results.toString(), "--xfail", xfail.toString(), "--baseline", results.toString());

        assertThat(known.exitCode()).as(known.err()).isZero();
        assertThat(known.out()).contains("baseline.json, baseline.md");
        assertThat(results.resolve("summary_report.md")).content()
                .contains("| RUN-TESTS\\_STANDARD | 1 | 1 | 0 | 0 | 1 | 0 |");
    }

    @Test
    void aFolderThatIsNotAResultsFolderIsExitTwoWithAOneLineMessage() throws IOException {
        Run run = Run.of("report", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mpunit report: " + temp.toAbsolutePath() + " is not a results folder (no"
                + " summary_outcomes.json, no context.json): give the folder a run wrote (micropython.results.dir,"
                + " ./mpunit's results/<yyyymmdd-HHMMSS>)" + System.lineSeparator());
        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anXfailFileThatIsNotJsonIsExitTwo() throws IOException {
        Path results = resultsOfARealRun();
        Path xfail = Files.writeString(temp.resolve("xfail.json"), "{not json");

        Run run = Run.of("report", results.toString(), "--xfail", xfail.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("mpunit report: xfail file " + xfail + " is not JSON");
        assertThat(run.err().lines()).hasSize(1);
    }
}
