package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * The results folder of a run of the examples against the JSON Schemas in {@code docs/schemas}:
 * every JSON file the listener writes (context, each run's context_test, context_testgroup and _results, the baseline
 * comparison, the xfail template) validates against the schema of its kind.
 */
class ResultsSchemasTest {

    private static final Path EXAMPLES = Path.of("../examples/tests").toAbsolutePath().normalize();
    private static final Path SCHEMAS = Path.of("../docs/schemas").toAbsolutePath().normalize();
    private static final Map<String, String> SCHEMA_OF = Map.of(
            "context.json", "context.schema.json",
            "context_test.json", "context_test.schema.json",
            "context_testgroup.json", "context_testgroup.schema.json",
            "_results.json", "results.schema.json",
            "baseline.json", "baseline.schema.json",
            "xfail_template.json", "xfail.schema.json",
            "summary_outcomes.json", "summary_outcomes.schema.json",
            "tentacles.json", "tentacles.schema.json");
    /** Written when tentacles keep records of their actions: boards on a testbed or on a device string. */
    private static final String TENTACLES = "tentacles.json";

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    private void run(Path results, Map<String, String> configuration, TestExecutionListener... more) {
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(EXAMPLES.toFile()))
                .filters(EngineFilter.includeEngines("micropython"))
                .configurationParameter("micropython.root", EXAMPLES.toString())
                .configurationParameter("micropython.progress", "off")
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString());
        configuration.forEach(request::configurationParameter);
        List<TestExecutionListener> listeners = new ArrayList<>(List.of(new ResultsFolderListener()));
        listeners.addAll(List.of(more));
        launcher.execute(request.build(), listeners.toArray(TestExecutionListener[]::new));
    }

    @Test
    void everyJsonFileOfARunOfTheExamplesValidatesAgainstItsSchema() throws IOException {
        Path first = temp.resolve("first");
        Path xfail = Files.writeString(temp.resolve("xfail.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/no_such_test.py\": [\"*\"]}}");
        assertThat(validate(xfail, "xfail.schema.json")).as("the xfail file itself").isEmpty();
        run(first, Map.of());
        Path second = temp.resolve("second");
        run(second, Map.of("micropython.results.baseline", first.toString(),
                "micropython.results.xfail", xfail.toString(), "micropython.results.trigger", "schema test",
                ReportingConfigurationKeys.RESULTS_CAMPAIGN, "12345678901-1",
                // Refs that link: the second folder has its source and commit links, the first its nulls.
                ReportingConfigurationKeys.RESULTS_REF_TESTS, "https://github.com/micropython/micropython.git@v1.26.0",
                ReportingConfigurationKeys.RESULTS_REF_FIRMWARE, "https://github.com/micropython/micropython.git~17232"));

        Map<String, Integer> kinds = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path folder : List.of(first, second)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                    String schema = SCHEMA_OF.get(file.getFileName().toString());
                    assertThat(schema).as("a documented schema for " + file).isNotNull();
                    kinds.merge(file.getFileName().toString(), 1, Integer::sum);
                    validate(file, schema).forEach(message -> problems.add(folder.relativize(file) + ": " + message));
                }
            }
        }
        System.out.println("results folder JSON files validated against docs/schemas: " + kinds);
        assertThat(problems).isEmpty();
        assertThat(kinds).containsOnlyKeys(SCHEMA_OF.keySet().stream().filter(name -> !name.equals(TENTACLES)).toList());
        assertThat(Files.readString(second.resolve("RUN-TESTS_STANDARD@webassembly/context_test.json")))
                .contains("\"source\": \"https://github.com/micropython/micropython/blob/v1.26.0/tests/basics/");
        assertThat(Files.readString(second.resolve("context.json")))
                .contains("\"ref_firmware_link\": \"https://github.com/micropython/micropython/pull/17232\"",
                        "\"ref_tests_link\": \"https://github.com/micropython/micropython/commit/v1.26.0\"");
        assertThat(Files.readString(second.resolve("context.json"))).contains("\"campaign\": \"12345678901-1\"");
        assertThat(Files.readString(first.resolve("context.json"))).contains("\"ref_tests_link\": null", "\"campaign\": null");
        assertThat(validate(first.resolve("context.json"), "context_test.schema.json"))
                .as("the schemas are strict enough to tell one file from another").isNotEmpty();
    }

    @Test
    void octoprobesShapeOfContextJsonValidatesAgainstItsOwnSchema() throws IOException {
        Path results = temp.resolve("octoprobe");
        run(results, Map.of(ReportingConfigurationKeys.RESULTS_CONTEXT, "octoprobe"));

        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                String name = file.getFileName().toString();
                String schema = name.equals("context.json") ? "context_octoprobe.schema.json" : SCHEMA_OF.get(name);
                validate(file, schema).forEach(message -> problems.add(results.relativize(file) + ": " + message));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(validate(results.resolve("context.json"), "context.schema.json"))
                .as("one file cannot be both shapes").isNotEmpty();
    }

    @Test
    void twoRunsOfTheExamplesBenchmarksCompareTheirFiguresInValidFiles() throws IOException {
        Map<String, String> benchmarks = Map.of("micropython.groups", "RUN-PERFBENCH",
                "micropython.perfbench.average", "2", "micropython.workers", "1");
        Path first = temp.resolve("first");
        run(first, benchmarks);
        Path second = temp.resolve("second");
        Map<String, String> again = new java.util.HashMap<>(benchmarks);
        again.put("micropython.results.baseline", first.toString());
        run(second, again);

        List<String> problems = new ArrayList<>();
        for (Path folder : List.of(first, second)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                    validate(file, SCHEMA_OF.get(file.getFileName().toString()))
                            .forEach(message -> problems.add(folder.relativize(file) + ": " + message));
                }
            }
        }
        assertThat(problems).isEmpty();
        Map<?, ?> run = (Map<?, ?>) ((List<?>) JsonReader.object(Files.readString(second.resolve("baseline.json")))
                .get("runs")).get(0);
        assertThat(run.get("run")).isEqualTo("RUN-PERFBENCH@webassembly");
        List<?> compared = (List<?>) ((Map<?, ?>) run.get("perfbench")).get("benchmarks");
        assertThat(compared.stream().map(benchmark -> String.valueOf(((Map<?, ?>) benchmark).get("name"))).toList())
                .containsExactly("perf_bench/bm_sieve.py", "perf_bench/core_calls.py", "perf_bench/misc_checksum.py");
        String markdown = Files.readString(second.resolve("baseline.md"));
        System.out.println(markdown);
        assertThat(markdown).contains("diff of microsecond times (lower is better)", "diff of scores (higher is better)",
                "Beyond noise (ours: ");
        assertThat(second.resolve("summary_report.md")).content().contains("## Benchmarks", "bm\\_sieve.py");
    }

    @Test
    void anEmulatedTestbedRunWritesTheSameValidFilesWithItsTentacles() throws IOException {
        assumeQemuMicrobit();
        Path results = temp.resolve("testbed");
        run(results, Map.of("micropython.testbed", EXAMPLES.resolveSibling("testbeds/emulated.json").toString(),
                "micropython.only-variant", "MICROBIT"));
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                validate(file, SCHEMA_OF.get(file.getFileName().toString()))
                        .forEach(message -> problems.add(results.relativize(file) + ": " + message));
            }
        }
        assertThat(problems).isEmpty();
        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
        assertThat(context).containsEntry("testbed", "emulated").containsEntry("unfinished", false);
        Map<String, Object> run = JsonReader.object(Files.readString(
                results.resolve("RUN-TESTS_STANDARD@MICROBIT").resolve("context_test.json")));
        assertThat(((List<?>) run.get("tentacles")).stream().map(String::valueOf).toList())
                .as("the micro:bits that shared the files")
                .contains("mb01-MICROBIT", "mb02-MICROBIT", "mb03-MICROBIT");
        Map<String, Object> group = JsonReader.object(Files.readString(
                results.resolve("RUN-TESTS_STANDARD@MICROBIT").resolve("context_testgroup.json")));
        assertThat((String) group.get("testid")).as("Octoprobe's test id: a tentacle's short serial, then the board")
                .matches("RUN-TESTS_STANDARD@mb0[123]-MICROBIT,a");
        assertThat(results.resolve("timeline.svg")).content().contains("mb01-MICROBIT", "mb03-MICROBIT");
        assertThat(results.resolve("summary_report.md")).content().contains("emulated");
    }

    @Test
    void aBoardOnADeviceStringLeavesItsRecordInTentaclesJson() throws IOException {
        assumeQemuMicrobit();
        Path results = temp.resolve("device");
        String device = "execpty:qemu-system-arm -M microbit -device loader,file="
                + "/usr/share/firmware-microbit-micropython/firmware.hex -nographic -monitor none -serial pty";
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        run(results, Map.of("micropython.target", device, "micropython.include", "basics/int_arith",
                ReportingConfigurationKeys.CONSOLE, "run-tests"),
                new RunTestsConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8), false, false));

        assertThat(validate(results.resolve(TENTACLES), "tentacles.schema.json")).isEmpty();
        Map<String, Object> json = JsonReader.object(Files.readString(results.resolve(TENTACLES)));
        Map<?, ?> tentacle = (Map<?, ?>) ((List<?>) json.get("tentacles")).get(0);
        assertThat(tentacle.get("tentacle")).isEqualTo(device + "#1");
        assertThat(((List<?>) tentacle.get("actions")).stream().map(action -> String.valueOf(((Map<?, ?>) action)
                .get("action"))).toList()).containsExactly("hand-connected", "tests", "release");
        assertThat(((Map<?, ?>) ((List<?>) tentacle.get("actions")).get(0)).get("detail")).isEqualTo("device " + device
                + ": no lock, power or flash steps; the board runs the firmware it has");
        // What an operator sees of it: one console line, one row of the summary, the record in tentacles.json.
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("tentacles (each one's whole record of actions: "
                + results.toAbsolutePath().resolve(TENTACLES) + "):\n  " + device + "#1  hand-connected: not powered or"
                + " flashed\n");
        assertThat(results.resolve(Summary.MARKDOWN)).content().contains("## Tentacles")
                .contains(" | none (hand-connected) | no | 0 | ran as connected |");
        assertThat(validate(results.resolve(SummaryInputs.FILE), "summary_outcomes.schema.json")).isEmpty();
    }

    /** QEMU and the micro:bit firmware, or a visible skip (a failure when MPUNIT_REQUIRE_EMULATORS is set, as in CI). */
    private static void assumeQemuMicrobit() {
        boolean available = Files.isExecutable(Path.of("/usr/bin/qemu-system-arm"))
                && Files.isRegularFile(Path.of("/usr/share/firmware-microbit-micropython/firmware.hex"));
        String reason = "the emulated testbed needs: apt-get install qemu-system-arm firmware-microbit-micropython";
        String required = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && required != null && !required.isBlank()) {
            org.junit.jupiter.api.Assertions.fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available, reason);
    }

    static List<String> validate(Path file, String schemaName) throws IOException {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve(schemaName))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        return schema.validate(new ObjectMapper().readTree(file.toFile())).stream()
                .map(ValidationMessage::getMessage).toList();
    }
}
