package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.contract.ReportingConfigurationKeys;

/** {@code mpunit report}'s rebuild, on folders the real engine and listener wrote. */
class SummaryRebuildTest {

    static final List<String> SUMMARY = List.of(SummaryInputs.FILE, Summary.TIMELINE, Summary.HTML, Summary.MARKDOWN,
            Summary.XFAIL_TEMPLATE);

    @TempDir
    Path temp;

    /** The tiny tree (one pass, one fail, one skip) run on webassembly into {@code results}. */
    static void run(Path results, Map<String, String> parameters) {
        var request = EngineRun.request(ResultsFolderEndToEndTest.TINY)
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString());
        parameters.forEach(request::configurationParameter);
        EngineRun.execute(request.build(), new ResultsFolderListener());
    }

    static Map<String, byte[]> contents(Path folder, List<String> names) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String name : names) {
            contents.put(name, Files.readAllBytes(folder.resolve(name)));
        }
        return contents;
    }

    @Test
    void theRebuiltSummaryHasTheBytesTheRunWrote() throws IOException {
        WebAssemblyAvailable.assumeNode();
        Path xfail = Files.writeString(temp.resolve("xfail.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/pass_exp.py\": [\"*\"]}}");
        Path results = temp.resolve("results");
        run(results, Map.of(ReportingConfigurationKeys.RESULTS_XFAIL, xfail.toString()));
        Map<String, byte[]> written = contents(results, SUMMARY);
        for (String name : SUMMARY.subList(1, SUMMARY.size())) {
            Files.delete(results.resolve(name));
        }

        List<Path> rebuilt = SummaryRebuild.rebuild(results, Optional.empty(), Optional.empty());

        assertThat(rebuilt).containsExactlyElementsOf(SUMMARY.stream().map(results::resolve).toList());
        Map<String, byte[]> again = contents(results, SUMMARY);
        for (String name : SUMMARY) {
            assertThat(new String(again.get(name))).as(name).isEqualTo(new String(written.get(name)));
        }
        assertThat(new String(written.get(Summary.MARKDOWN))).contains("basics/pass\\_exp.py on webassembly");
    }

    @Test
    void anotherXfailFileChangesTheCountsAndABaselineIsCompared() throws IOException {
        WebAssemblyAvailable.assumeNode();
        Path results = temp.resolve("results");
        run(results, Map.of());
        Path earlier = temp.resolve("earlier");
        run(earlier, Map.of());
        String before = Files.readString(results.resolve(Summary.MARKDOWN));
        Path xfail = Files.writeString(temp.resolve("xfail.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/fail_exp.py\": [\"webassembly\"]}}");

        SummaryRebuild.rebuild(results, Optional.of(xfail), Optional.of(earlier));

        String after = Files.readString(results.resolve(Summary.MARKDOWN));
        assertThat(before).contains("| RUN-TESTS\\_STANDARD | 1 | 1 | 0 | 1 | 0 | 1 |");
        assertThat(after).contains("| RUN-TESTS\\_STANDARD | 1 | 1 | 0 | 1 | 1 | 0 |").contains("XFAIL");
        assertThat(results.resolve(Summary.XFAIL_TEMPLATE)).content().contains("basics/fail_exp.py");
        assertThat(JsonReader.object(Files.readString(results.resolve("baseline.json"))))
                .containsEntry("error", null).containsEntry("baseline", earlier.toAbsolutePath().toString());
        assertThat(results.resolve("baseline.md")).content().contains("RUN-TESTS_STANDARD@webassembly");
    }

    @Test
    void whatCannotBeRebuiltIsSaidAndNothingIsWritten() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> SummaryRebuild.rebuild(empty, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(empty.toAbsolutePath() + " is not a results folder (no summary_outcomes.json, no context.json):"
                        + " give the folder a run wrote (micropython.results.dir, ./mpunit's results/<yyyymmdd-HHMMSS>)");
        assertThatThrownBy(() -> SummaryRebuild.rebuild(temp.resolve("gone"), Optional.empty(), Optional.empty()))
                .hasMessageEndingWith("gone does not exist: give a results folder (./mpunit's results/<yyyymmdd-HHMMSS>)");
        Files.writeString(empty.resolve("context.json"), "{}");
        assertThatThrownBy(() -> SummaryRebuild.rebuild(empty, Optional.empty(), Optional.empty()))
                .hasMessageContaining("holds no summary_outcomes.json: its summary was written by an mpunit older");
        try (var files = Files.list(empty)) {
            assertThat(files).containsExactly(empty.resolve("context.json"));
        }
    }
}
