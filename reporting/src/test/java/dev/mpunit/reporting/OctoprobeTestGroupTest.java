package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static dev.mpunit.reporting.ResultsFolderListenerTest.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * {@code context_testgroup.json}, checked against what Octoprobe's report code does with it: it globs
 * {@code <results>/*}{@code /context_testgroup.json}, makes its test group object from every key of each
 * (a key it does not know is an error, so the keys are exactly its fields), makes an outcome object from
 * every element of {@code outcomes} the same way, takes the board variant as what follows the first
 * {@code -} of {@code tentacle_variant}, lists a group whose {@code msg_error} is not empty among the
 * groups in error, and counts {@code outcome}s by its four words.
 */
class OctoprobeTestGroupTest {

    /** Octoprobe's test group fields (its report code's ResultTestGroup). */
    private static final List<String> TEST_GROUP_FIELDS = List.of("directory_relative", "testgroup", "testid",
            "tentacle_variant", "tentacle_variant_role", "commandline", "tentacle_mcu", "tentacle_reference",
            "time_start", "time_end", "log_output", "outcomes", "msg_error", "msg_skipped");
    /** Octoprobe's outcome fields (ResultTestOutcome) and its outcome words. */
    private static final List<String> OUTCOME_FIELDS = List.of("name", "outcome", "text");
    private static final List<String> OUTCOME_WORDS = List.of("passed", "failed", "xfailed", "skipped");

    @TempDir
    Path temp;

    // Zurich in winter: the offset Octoprobe's %z writes is +0100.
    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneId.of("Europe/Zurich"));

    @Test
    void aFinishedRunsFileHoldsExactlyOctoprobesFieldsInItsWords() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node pass = fake.file("basics/list1.py");
        FakePlan.Node fail = fake.file("basics/fail.py");
        FakePlan.Node ignored = fake.file("thread/flaky.py");
        FakePlan.Node skipped = fake.file("thread/thread1.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        run(listener, pass, "pass", null);
        run(listener, fail, "fail", "line 2 differs");
        run(listener, ignored, "ignored", "flaky: output differs");
        listener.executionSkipped(id(skipped), "no threads");
        listener.testPlanExecutionFinished(plan);

        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        Map<String, Object> group = JsonReader.object(Files.readString(run.resolve("context_testgroup.json")));
        System.out.println("context_testgroup.json: " + group);
        assertThat(group.keySet()).containsExactlyElementsOf(TEST_GROUP_FIELDS);
        assertThat(group).containsEntry("directory_relative", "RUN-TESTS_STANDARD@webassembly")
                .containsEntry("testgroup", "RUN-TESTS_STANDARD")
                .containsEntry("testid", "RUN-TESTS_STANDARD@webassembly#1-webassembly,a")
                .containsEntry("tentacle_variant", "webassembly#1-webassembly")
                .containsEntry("tentacle_mcu", "node micropython.mjs")
                .containsEntry("time_start", "2026-01-02_04-04-05+0100")
                .containsEntry("time_end", "2026-01-02_04-04-05+0100")
                .containsEntry("log_output", "RUN-TESTS_STANDARD@webassembly/testresults.txt")
                .containsEntry("msg_error", "").containsEntry("msg_skipped", "");
        String tentacleVariant = (String) group.get("tentacle_variant");
        assertThat(tentacleVariant.substring(tentacleVariant.indexOf('-') + 1)).as("Octoprobe's board variant")
                .isEqualTo("webassembly");
        List<?> outcomes = (List<?>) group.get("outcomes");
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(List.copyOf(((Map<?, ?>) outcome).keySet())).isEqualTo(OUTCOME_FIELDS);
            assertThat(((Map<?, ?>) outcome).get("outcome")).isIn(OUTCOME_WORDS);
        });
        assertThat(outcomes).isEqualTo(List.of(
                Map.of("name", "basics/fail.py", "outcome", "failed", "text", "line 2 differs"),
                Map.of("name", "basics/list1.py", "outcome", "passed", "text", ""),
                Map.of("name", "thread/flaky.py", "outcome", "skipped", "text", "flaky: output differs"),
                Map.of("name", "thread/thread1.py", "outcome", "skipped", "text", "no threads")));
        assertThat(run.resolve("context_test.json")).as("the earlier name, still written").isRegularFile();
    }

    @Test
    void aRunThatGoesOnIsOneOctoprobeSaysNeverFinished() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node first = fake.file("basics/first.py");
        FakePlan.Node second = fake.file("basics/second.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);

        listener.testPlanExecutionStarted(fake.plan());
        run(listener, first, "fail", "CRASH");
        listener.executionStarted(id(second));

        Map<String, Object> group = JsonReader.object(Files.readString(
                results.resolve("RUN-TESTS_STANDARD@webassembly").resolve("context_testgroup.json")));
        assertThat(group.keySet()).containsExactlyElementsOf(TEST_GROUP_FIELDS);
        assertThat(group).containsEntry("msg_error", "Test never finished...").containsEntry("time_end", "");
        assertThat(group.get("outcomes")).isEqualTo(List.of(
                Map.of("name", "basics/first.py", "outcome", "failed", "text", "CRASH")));
    }

    /** Octoprobe's run context fields (its report code's ResultContext); it reads the two metadata keys by name. */
    private static final List<String> CONTEXT_FIELDS = List.of("testbed_name", "testbed_instance", "time_start",
            "time_end", "ref_firmware", "ref_firmware_metadata", "ref_tests", "ref_tests_metadata", "trigger",
            "commandline", "log_output", "log_directory", "error", "directories", "git_ref");

    /**
     * With {@code micropython.results.context=octoprobe}, context.json has exactly the keys of Octoprobe's run
     * context (its report code refuses any other and reads the metadata keys by name), strings where it
     * splits and compares them, and times it parses with {@code %Y-%m-%d_%H-%M-%S%z}.
     */
    @Test
    void octoprobesShapeOfContextJsonHasExactlyItsFields() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString(),
                ReportingConfigurationKeys.RESULTS_CONTEXT, "octoprobe",
                ReportingConfigurationKeys.RESULTS_TRIGGER, "nightly"));
        FakePlan.Node pass = fake.file("basics/list1.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        Map<String, Object> running = JsonReader.object(Files.readString(results.resolve("context.json")));
        run(listener, pass, "pass", null);
        listener.testPlanExecutionFinished(plan);
        Map<String, Object> ended = JsonReader.object(Files.readString(results.resolve("context.json")));

        System.out.println("context.json (octoprobe): " + ended);
        assertThat(running.keySet()).containsExactlyElementsOf(CONTEXT_FIELDS);
        assertThat(running).containsEntry("error", "Test never finished...");
        assertThat(ended.keySet()).containsExactlyElementsOf(CONTEXT_FIELDS);
        assertThat(ended).containsEntry("testbed_name", "").containsEntry("testbed_instance", "")
                .containsEntry("time_start", "2026-01-02_04-04-05+0100").containsEntry("time_end", "2026-01-02_04-04-05+0100")
                .containsEntry("trigger", "nightly").containsEntry("ref_firmware", "").containsEntry("ref_tests", "")
                .containsEntry("ref_firmware_metadata", null).containsEntry("ref_tests_metadata", null)
                .containsEntry("error", "").containsEntry("directories", Map.of()).containsEntry("git_ref", Map.of());
        assertThat(ended.get("commandline")).isInstanceOf(String.class);
        assertThat(results.resolve("RUN-TESTS_STANDARD@webassembly").resolve("context_testgroup.json")).isRegularFile();
        assertThat(results.resolve("RUN-TESTS_STANDARD@webassembly").resolve("context_test.json")).isRegularFile();
    }

    @Test
    void anUnknownShapeIsSaidAndMpunitsIsWritten() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString(),
                ReportingConfigurationKeys.RESULTS_CONTEXT, "octopus"));
        FakePlan.Node pass = fake.file("basics/list1.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        run(listener, pass, "pass", null);
        listener.testPlanExecutionFinished(plan);

        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
        assertThat(context).containsKey("testbed").containsEntry("error", "micropython.results.context=octopus is not"
                + " known: write mpunit or octoprobe (context.json was written in mpunit's shape)");
    }

    @Test
    void aTestbedTentaclesShortSerialComesBeforeTheBoardVariantAsInOctoprobesTestIds() {
        String tentacleVariant = OctoprobeTestGroup.tentacleVariant(List.of("2731-RPI_PICO2", "5f2c-RPI_PICO2"),
                "RPI_PICO2-RISCV");
        assertThat(tentacleVariant).isEqualTo("2731-RPI_PICO2-RISCV");
        assertThat(OctoprobeTestGroup.testId("RUN-TESTS_STANDARD", tentacleVariant))
                .isEqualTo("RUN-TESTS_STANDARD@2731-RPI_PICO2-RISCV,a");
        assertThat(OctoprobeTestGroup.tentacleVariant(List.of("qemu-microbit#3"), "MICROBIT"))
                .as("a worker that is no testbed tentacle: no - in its serial part")
                .isEqualTo("qemu_microbit#3-MICROBIT");
        assertThat(OctoprobeTestGroup.tentacleVariant(List.of(), "unix")).as("no file ran").isEqualTo("none-unix");
    }

    private static void run(ResultsFolderListener listener, FakePlan.Node file, String verdict, String reason) {
        ResultsFolderListenerTest.run(listener, file, entries(verdict, reason, null, null));
    }
}
