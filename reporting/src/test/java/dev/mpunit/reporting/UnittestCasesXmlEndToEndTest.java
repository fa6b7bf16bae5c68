package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * A unittest file with one failing case among passing ones, run on webassembly MicroPython and
 * read back from the console launcher's XML ({@code --reports-dir}): each case has its own
 * verdict there (the failing one a single failure, the passing ones none), while the results
 * folder still says what run-tests.py says of the file: it failed.
 */
class UnittestCasesXmlEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/unittest-xml").toAbsolutePath();

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void eachCaseKeepsItsOwnVerdictInTheXmlAndTheFileStaysFailedInTheResultsFolder() throws Exception {
        Path reports = temp.resolve("reports");
        Path results = temp.resolve("results");
        EngineRun.execute(EngineRun.request(TREE)
                        .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                        .build(),
                new ResultsFolderListener(),
                new LegacyXmlReportGeneratingListener(reports, new PrintWriter(new StringWriter())));

        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("TEST-micropython.xml").toFile()).getDocumentElement();
        Map<String, Integer> failuresByCase = new LinkedHashMap<>();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            failuresByCase.put(testcase.getAttribute("name"), testcase.getElementsByTagName("failure").getLength()
                    + testcase.getElementsByTagName("error").getLength());
        }
        assertThat(failuresByCase).containsOnly(
                Map.entry("basics/unittest_one_fails.py", 0),
                Map.entry("Checks.test_adds", 0),
                Map.entry("Checks.test_multiplies", 1),
                Map.entry("Checks.test_true", 0),
                Map.entry("Checks.test_contains", 0));
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("FAIL: Checks.test_multiplies")
                .contains("6 vs (expected) 7");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");

        // run-tests.py's word for the file is unchanged: it failed, and the summary counts it so.
        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        assertThat(Files.readString(run.resolve("_results.json")))
                .containsPattern("\\[\\s*\"[^\"]*basics/unittest_one_fails.py\",\\s*\"fail\"");
        assertThat(Files.readString(run.resolve("testresults.txt"))).contains("FAIL  basics/unittest_one_fails.py");
        assertThat(Files.readString(results.resolve(Summary.MARKDOWN)))
                .contains("| JUnit | 5 tests, 4 passed, 1 failed, 0 skipped |")
                .contains("| RUN-TESTS\\_STANDARD | 1 | 0 | 0 | 0 | 0 | 1 |");
    }
}
