package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The .mpy groups ({@code RUN-TESTS_STANDARD_VIA_MPY}, {@code …_NATIVE}) on the fake target, with a
 * fake mpy-cross (a shell script that logs how it was called and copies the test, or refuses a test
 * with {@code REFUSE} in it, in a {@code # fake:} line too): which files they run, how mpy-cross is
 * called, what a refusal, a missing mpy-cross and a target without native code give.
 */
class MpyGroupsEngineTest {

    @TempDir
    Path folder;

    private Path tests() {
        return folder.resolve("tests");
    }

    private void file(String relativePath, String expected, String... directives) throws IOException {
        FakeTargetEngineTest.fakeFile(tests(), relativePath, expected, directives);
    }

    /** A mpy-cross that writes its arguments to {@code calls.log} and copies the test as its ".mpy". */
    private Path mpyCross() throws IOException {
        Path script = folder.resolve("mpy-cross");
        Files.writeString(script, """
                #!/bin/sh
                echo "$@" >> "%s"
                out=""; prev=""
                for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; in="$a"; done
                if grep -q REFUSE "$in"; then echo "SyntaxError: refused by the fake mpy-cross" >&2; exit 1; fi
                cp "$in" "$out"
                """.formatted(folder.resolve("calls.log")));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private EngineTestKit.Builder engine(String groups) {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter(ConfigurationKeys.CACHE, folder.resolve("cache").toString())
                .configurationParameter(ConfigurationKeys.TARGET, "fake")
                .configurationParameter(ConfigurationKeys.PROGRESS, "off")
                .configurationParameter(ConfigurationKeys.GROUPS, groups)
                .configurationParameter(ConfigurationKeys.ROOT, tests().toString())
                .selectors(selectDirectory(tests().toFile()));
    }

    /** Per "group file", how it ended (finished or skipped with its reason). */
    private static Map<String, String> ends(EngineExecutionResults results) {
        return results.testEvents().stream().filter(event -> event.getType().name().matches("FINISHED|SKIPPED"))
                .collect(Collectors.toMap(MpyGroupsEngineTest::name, event -> event.getPayload(TestExecutionResult.class)
                        .map(result -> result.getStatus() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""))
                        .orElseGet(() -> "SKIPPED: " + event.getPayload(String.class).orElse(""))));
    }

    private static String name(Event event) {
        var segments = event.getTestDescriptor().getUniqueId().getSegments();
        return segments.get(1).getValue() + " " + segments.get(3).getValue();
    }

    private void upstreamLayout() throws IOException {
        file("basics/one.py", "1\n", "print 1");
    }

    @Test
    void theViaMpyGroupRunsTheStandardFilesAgainCompiledByTheGivenMpyCross() throws IOException {
        upstreamLayout();
        file("misc/sys_settrace_features.py", "t\n", "print t");

        EngineExecutionResults results = engine("RUN-TESTS_STANDARD,RUN-TESTS_STANDARD_VIA_MPY")
                .configurationParameter(ConfigurationKeys.MPY_CROSS, mpyCross().toString())
                .execute();

        assertThat(ends(results)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "RUN-TESTS_STANDARD basics/one.py", "SUCCESSFUL",
                "RUN-TESTS_STANDARD_VIA_MPY basics/one.py", "SUCCESSFUL",
                "RUN-TESTS_STANDARD misc/sys_settrace_features.py", "SUCCESSFUL",
                // run-tests.py's via_mpy_tests_to_skip: it prints its file name, which a .mpy changes.
                "RUN-TESTS_STANDARD_VIA_MPY misc/sys_settrace_features.py",
                "SKIPPED: " + skipReason(results, "RUN-TESTS_STANDARD_VIA_MPY misc/sys_settrace_features.py")));
        assertThat(skipReason(results, "RUN-TESTS_STANDARD_VIA_MPY misc/sys_settrace_features.py")).contains("mpy");
        List<String> calls = Files.readAllLines(folder.resolve("calls.log"));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).startsWith("-s basics/one.py -X emit=bytecode -o ");
    }

    private static String skipReason(EngineExecutionResults results, String name) {
        return results.testEvents().skipped().stream().filter(event -> name(event).equals(name))
                .map(event -> event.getPayload(String.class).orElse("")).findFirst().orElse("(not skipped)");
    }

    @Test
    void aTestMpyCrossRefusesFailsWithRunTestsPysWordsAndWhatMpyCrossSaid() throws IOException {
        file("basics/bad.py", "1\n", "REFUSE");

        EngineExecutionResults results = engine("RUN-TESTS_STANDARD_VIA_MPY")
                .configurationParameter(ConfigurationKeys.MPY_CROSS, mpyCross().toString())
                .execute();

        assertThat(ends(results).get("RUN-TESTS_STANDARD_VIA_MPY basics/bad.py"))
                .startsWith("FAILED").contains("mpy-cross crash").contains("refused by the fake mpy-cross");
    }

    @Test
    void withoutMpyCrossTheGroupRunsNothingAndDiscoverySaysWhichKeyToSet() throws IOException {
        upstreamLayout();

        EngineDiscoveryResults discovery = engine("RUN-TESTS_STANDARD_VIA_MPY").discover();

        assertThat(discovery.getEngineDescriptor().getDescendants()).isEmpty();
        assertThat(discovery.getDiscoveryIssues()).map(DiscoveryIssue::message).containsExactly(
                "micropython: RUN-TESTS_STANDARD_VIA_MPY is not supported yet: needs mpy-cross: set micropython.mpy-cross"
                        + " to the firmware's own mpy-cross (run-tests.py --via-mpy): it runs nothing",
                "micropython: no test selected, nothing runs (the messages above say why)");
    }

    @Test
    void theNativeGroupSkipsOnATargetThatCannotLoadNativeCode() throws IOException {
        upstreamLayout();

        EngineExecutionResults results = engine("RUN-TESTS_STANDARD_NATIVE")
                .configurationParameter(ConfigurationKeys.MPY_CROSS, mpyCross().toString())
                .execute();

        assertThat(ends(results)).containsOnlyKeys("RUN-TESTS_STANDARD_NATIVE basics/one.py");
        assertThat(ends(results).get("RUN-TESTS_STANDARD_NATIVE basics/one.py"))
                .startsWith("SKIPPED: the target cannot load native code");
        assertThat(folder.resolve("calls.log")).doesNotExist();
    }

    @Test
    void aViaMpyTestRunsAgainFromItsUniqueId() throws IOException {
        upstreamLayout();

        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter(ConfigurationKeys.CACHE, folder.resolve("cache").toString())
                .configurationParameter(ConfigurationKeys.TARGET, "fake")
                .configurationParameter(ConfigurationKeys.PROGRESS, "off")
                .configurationParameter(ConfigurationKeys.ROOT, tests().toString())
                .configurationParameter(ConfigurationKeys.MPY_CROSS, mpyCross().toString())
                .selectors(selectUniqueId("[engine:micropython]/[group:RUN-TESTS_STANDARD_VIA_MPY]/[variant:fake]"
                        + "/[file:basics%2Fone.py]"))
                .execute();

        assertThat(ends(results)).containsExactlyEntriesOf(Map.of("RUN-TESTS_STANDARD_VIA_MPY basics/one.py", "SUCCESSFUL"));
        assertThat(Files.readAllLines(folder.resolve("calls.log"))).hasSize(1);
    }
}
