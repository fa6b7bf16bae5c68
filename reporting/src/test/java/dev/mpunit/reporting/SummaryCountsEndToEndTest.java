package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.w3c.dom.Element;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * The summary's JUnit line counts what the console launcher's {@code --reports-dir} XML counts,
 * on a real run (webassembly MicroPython) of plain files and a unittest-based file whose cases are
 * tests too; and its file table adds up to the files.
 */
class SummaryCountsEndToEndTest {

    static final Path COUNTS = Path.of("src/test/resources/fixtures/counts").toAbsolutePath();
    private static final Pattern JUNIT = Pattern.compile("\\| JUnit \\| (\\d+) tests, (\\d+) passed, (\\d+) failed, (\\d+) skipped \\|");
    private static final Pattern GROUP = Pattern.compile(
            "\\| RUN-TESTS\\\\_STANDARD \\| 1 \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|");

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void theSummaryCountsWhatTheXmlReportCounts() throws Exception {
        Path results = temp.resolve("results");
        Path reports = temp.resolve("reports");
        EngineRun.execute(EngineRun.request(COUNTS)
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                .build(), new ResultsFolderListener(),
                new LegacyXmlReportGeneratingListener(reports, new PrintWriter(new StringWriter())));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Element suite = factory.newDocumentBuilder().parse(reports.resolve("TEST-micropython.xml").toFile())
                .getDocumentElement();
        int tests = Integer.parseInt(suite.getAttribute("tests"));
        int failed = Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors"));
        int skipped = Integer.parseInt(suite.getAttribute("skipped"));
        String md = Files.readString(results.resolve(Summary.MARKDOWN));

        Matcher junit = JUNIT.matcher(md);
        assertThat(junit.find()).as(md).isTrue();
        assertThat(Integer.parseInt(junit.group(1))).as("tests").isEqualTo(tests);
        assertThat(Integer.parseInt(junit.group(3))).as("failed").isEqualTo(failed);
        assertThat(Integer.parseInt(junit.group(4))).as("skipped").isEqualTo(skipped);
        assertThat(Integer.parseInt(junit.group(2))).as("passed").isEqualTo(tests - failed - skipped);
        // 4 files and the unittest file's 3 cases.
        assertThat(tests).isEqualTo(7);
        // unittest_mixed.py's only failure is test_wrong's own: the file passes in JUnit, test_adds too.
        assertThat(failed).as("fail_exp.py and unittest_mixed.py's test_wrong").isEqualTo(2);
        assertThat(skipped).as("skip_print.py and test_skipped").isEqualTo(2);

        Matcher group = GROUP.matcher(md);
        assertThat(group.find()).as(md).isTrue();
        // Files only: passed, ignored, skipped, xfailed, failed.
        // unittest_mixed.py counts failed here, as run-tests.py counts it.
        assertThat(group.group(1) + " " + group.group(2) + " " + group.group(3) + " " + group.group(4) + " "
                + group.group(5)).isEqualTo("1 0 1 0 2");
    }
}
