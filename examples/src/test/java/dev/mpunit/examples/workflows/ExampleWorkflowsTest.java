package dev.mpunit.examples.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.examples.Distribution;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Event;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.JobResult;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Outcome;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Runner;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Setup;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.StepResult;
import dev.mpunit.reporting.GitHubStandIn;
import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Tokens;

/**
 * The workflows of {@code examples/workflows/}, each read and checked as GitHub reads it, then run by
 * {@link LocalWorkflowRunner} for a pull request or a dispatch: the checkouts clone a MicroPython-shaped
 * fixture repository made here (a pull request changing {@code ports/nrf/} and one test), the mpunit
 * steps run the built distribution's {@code bin/mpunit} for real — on emulated testbeds (QEMU
 * micro:bits, a webassembly pty) where a testbed's tentacles would be, on the webassembly MicroPython
 * for the local build, on a QEMU micro:bit reached by a device string for the hand-connected board —
 * they push to a results server started here (the server module's {@link ResultsServer}, embedded
 * database) and comment through the reporting module's {@link GitHubStandIn}, a stand-in of GitHub's
 * API that checks every request.
 */
class ExampleWorkflowsTest {

    private static final Path WORKFLOWS = Path.of("workflows").toAbsolutePath();
    private static final String REPO = "lab/micropython";
    private static final int PR = 7;
    private static final String GITHUB_TOKEN = "ghs_workflowtest";
    private static final String MICROBIT_FIRMWARE = "/usr/share/firmware-microbit-micropython/firmware.hex";

    @TempDir
    static Path shared;

    private static Database database;
    private static ResultsServer server;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @TempDir
    Path work;

    @BeforeAll
    static void startTheResultsServer() throws Exception {
        Path data = Files.createDirectories(shared.resolve("server"));
        database = Database.open(Database.EMBEDDED, data, null, null);
        server = ResultsServer.start(ServerConfiguration.embedded(data, 0), database);
        Tokens tokens = new Tokens(database);
        for (String testbed : List.of("ch_hans_1", "au_damien_1", "local", "board")) {
            TOKENS.put(testbed, tokens.createPush(testbed, "ExampleWorkflowsTest").token());
        }
    }

    @AfterAll
    static void stopTheResultsServer() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyWorkflowIsReadAndCheckedAsGitHubReadsIt() throws IOException {
        List<Path> files = workflowFiles();
        assertThat(files).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("mpunit-testbed.yml", "mpunit-local.yml", "mpunit-board.yml", "mpunit-campaign.yml");
        for (Path file : files) {
            Workflow workflow = Workflow.read(file);
            String text = Files.readString(file);
            assertThat(workflow.problems()).as(file.toString()).isEmpty();
            assertThat(text).as(file + ": says it is to copy").startsWith("# A workflow to copy: GitHub reads workflows only from .github/workflows/");
            assertThat(workflow.triggers()).as(file.toString()).containsKeys("pull_request", "workflow_dispatch");
            assertThat(workflow.inputs()).as(file.toString()).containsKeys("tests-repo", "tests-ref", "args", "pr");
            for (Workflow.Job job : workflow.jobs().values()) {
                assertThat(job.runsOn()).as(file + " job " + job.id()).isInstanceOfSatisfying(List.class,
                        labels -> assertThat(labels.get(0)).isEqualTo("self-hosted"));
            }
            List<String> scripts = workflow.jobs().values().stream().flatMap(job -> job.steps().stream())
                    .map(Workflow.Step::run).filter(run -> run != null).toList();
            assertThat(String.join("\n", scripts)).as(file.toString()).contains("mpunit test ", "mpunit comment ")
                    .containsAnyOf("mpunit upload ", "--upload ");
            assertThat(text).as(file.toString()).contains("secrets.MPUNIT_UPLOAD_TOKEN", "secrets.MPUNIT_UPLOAD_URL",
                    "actions/upload-artifact");
        }
        Workflow campaign = Workflow.read(WORKFLOWS.resolve("mpunit-campaign.yml"));
        assertThat(campaign.env()).containsEntry("CAMPAIGN", "${{ github.run_id }}-${{ github.run_attempt }}");
        assertThat(campaign.jobs().get("test").matrix().get("testbed")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(campaign.jobs().get("comment").needs()).containsExactly("test");
        assertThat(campaign.jobs().get("test").steps().stream().map(Workflow.Step::run).filter(run -> run != null))
                .anyMatch(run -> run.contains("--campaign \"$CAMPAIGN\""));
        assertThat(campaign.jobs().get("comment").steps().get(0).run())
                .contains("mpunit comment --campaign \"$CAMPAIGN\" --server \"$MPUNIT_UPLOAD_URL\" --repo \"$FIRMWARE_REPO\" --pr \"$PR\"");
    }

    @Test
    void theCheckRefusesWhatTheRunnerCouldNotEvaluate() throws IOException {
        Path file = work.resolve("wrong.yml");
        Files.writeString(file, """
                on:
                  workflow_dispatch:
                    inputs:
                      ref: {description: a ref}
                jobs:
                  a:
                    runs-on: [self-hosted, x]
                    steps:
                      - run: echo ${{ inputs.reff }} ${{ vars.X }} ${{ hashFiles('a') }} ${{ steps.nope.outputs.y }}
                      - run: echo ${{ inputs.ref == }}
                  b:
                    needs: c
                    runs-on: [self-hosted, x]
                    steps:
                      - uses: actions/checkout@v4
                        run: echo both
                """);
        assertThat(Workflow.read(file).problems()).containsExactlyInAnyOrder(
                "job a: ${{ hashFiles('a') }}: the function hashFiles() is not one this runner evaluates",
                "job a: ${{ inputs.ref == }}: an operand is missing at the end",
                "job a: ${{ inputs.reff }}: inputs.reff is not declared",
                "job a: ${{ vars.X }}: no context named vars",
                "job a: ${{ steps.nope.outputs.y }}: steps.nope is not declared",
                "job b: step null needs exactly one of run: and uses:",
                "job b: needs c, which is no job");
    }

    @Test
    void theTestbedWorkflowOnAPullRequestRunsWhatTheChangeConcernsPushesAndComments() throws Exception {
        requireEmulators();
        Fixture fixture = fixture();
        Path inventory = inventory("ch_hans_1", "mb01", "mb02", "wa01");
        try (GitHubStandIn github = new GitHubStandIn(REPO, PR, GITHUB_TOKEN)) {
            LocalWorkflowRunner runner = run("mpunit-testbed.yml", fixture, pullRequest(fixture, github, 101),
                    Map.of("MPUNIT_UPLOAD_TOKEN", TOKENS.get("ch_hans_1")), Map.of(),
                    List.of(new Runner("hans", Set.of("self-hosted", "ch_hans_1"), Map.of("MPUNIT_TESTBED", inventory.toString(),
                            // The runner's firmware build: here a copy of Debian's micro:bit firmware, run per variant.
                            "MPUNIT_FIRMWARE_BUILD", "test -f py/runtime.c && cp " + MICROBIT_FIRMWARE
                                    + " \"$RUNNER_TEMP/firmware/{variant}.hex\""))));

            StepResult test = step(runner, "Run the tests on the testbed");
            assertThat(test.outcome()).as(test.output()).isEqualTo(Outcome.SUCCESS);
            assertThat(test.output()).contains(
                    "MICROBIT chosen (tentacle mb01-MICROBIT; port nrf): ports_nrf.yml 'ports/nrf/**' matched ports/nrf/boards/MICROBIT/mpconfigboard.h\n",
                    "WEBASSEMBLY chosen (tentacle wa01-WEBASSEMBLY; port webassembly): ports_webassembly.yml 'tests/**' matched tests/basics/tuple_unpack.py\n",
                    "changed test files, run first: basics/tuple_unpack.py");
            assertPushedAndCommented(runner, github, "ch_hans_1", "<!-- mpunit:ch_hans_1 -->");
            // Built in the firmware's checkout (its py/runtime.c) into the folder the workflow gave mpunit.
            Path firmware = runner.jobs().get("test").get(0).workspace().resolveSibling("temp").resolve("firmware");
            assertThat(firmware.resolve("MICROBIT.hex")).hasSameBinaryContentAs(Path.of(MICROBIT_FIRMWARE));
        }
    }

    @Test
    void theLocalBuildWorkflowDispatchedRunsOnWebassemblyPushesAndComments() throws Exception {
        requireEmulators();
        Fixture fixture = fixture();
        try (GitHubStandIn github = new GitHubStandIn(REPO, PR, GITHUB_TOKEN)) {
            Event event = dispatch(fixture, github, 102, Map.of("targets", "webassembly", "pr", Integer.toString(PR),
                    "args", "-i basics/ --timeout 60", "firmware-ref", "pr"));
            LocalWorkflowRunner runner = run("mpunit-local.yml", fixture, event, Map.of("MPUNIT_UPLOAD_TOKEN", TOKENS.get("local")),
                    Map.of(), List.of(new Runner("desk", Set.of("self-hosted", "mpunit-local"), Map.of())));

            assertThat(step(runner, "Build the unix port").outcome()).isEqualTo(Outcome.SKIPPED);
            StepResult test = step(runner, "Run the tests");
            assertThat(test.outcome()).as(test.output()).isEqualTo(Outcome.SUCCESS);
            assertThat(test.output()).contains("pass  basics/tuple_unpack.py", "3 tests passed");
            assertPushedAndCommented(runner, github, "local", "<!-- mpunit:local -->");

            // Run again on the branch where a test fails: the job fails, after the folder is kept, pushed,
            // and the one comment is updated in place.
            Event again = dispatch(fixture, github, 105, Map.of("targets", "webassembly", "pr", Integer.toString(PR),
                    "args", "-i basics/ --timeout 60", "firmware-ref", "broken"));
            LocalWorkflowRunner second = run("mpunit-local.yml", fixture, again, Map.of("MPUNIT_UPLOAD_TOKEN", TOKENS.get("local")),
                    Map.of(), List.of(new Runner("desk", Set.of("self-hosted", "mpunit-local"), Map.of())));
            print(second);
            StepResult failing = step(second, "Run the tests");
            assertThat(failing.outcome()).as(failing.output()).isEqualTo(Outcome.SUCCESS);
            assertThat(failing.output()).contains("FAIL  basics/broken.py", "1 tests failed: basics/broken.py");
            assertThat(step(second, "Push to the results server").outcome()).isEqualTo(Outcome.SUCCESS);
            StepResult updated = step(second, "Comment on the pull request");
            assertThat(updated.outcome()).as(updated.output()).isEqualTo(Outcome.SUCCESS);
            assertThat(updated.output()).contains("updated the comment on " + REPO + "#" + PR);
            StepResult failed = step(second, "Fail the job when a test failed");
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(failed.why()).isEqualTo("exit code 1");
            assertThat(second.jobs().get("test").get(0).outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(github.wrong()).isEmpty();
            assertThat(github.comments()).hasSize(1);
            assertThat(github.comments().get(0).body()).startsWith("<!-- mpunit:local -->").contains("broken.py");
        }
    }

    @Test
    void theBoardWorkflowDispatchedRunsOnTheDeviceGivenPushesAndComments() throws Exception {
        requireEmulators();
        Fixture fixture = fixture();
        try (GitHubStandIn github = new GitHubStandIn(REPO, PR, GITHUB_TOKEN)) {
            // A board behind a command, as run-tests.py's -t takes one: neither powered nor flashed by mpunit.
            String device = "execpty:qemu-system-arm -M microbit -device loader,file=" + MICROBIT_FIRMWARE
                    + " -nographic -monitor none -serial pty";
            Event event = dispatch(fixture, github, 103, Map.of("device", device, "pr", Integer.toString(PR), "tests-ref", "pr",
                    "firmware", "https://github.com/bbcmicrobit/micropython@v1.0.1"));
            LocalWorkflowRunner runner = run("mpunit-board.yml", fixture, event, Map.of("MPUNIT_UPLOAD_TOKEN", TOKENS.get("board")),
                    Map.of(), List.of(new Runner("bench", Set.of("self-hosted", "mpunit-board"), Map.of())));

            StepResult test = step(runner, "Run the tests on the board");
            assertThat(test.outcome()).as(test.output()).isEqualTo(Outcome.SUCCESS);
            assertThat(test.output()).contains("pass  basics/tuple_unpack.py", "3 tests passed");
            assertPushedAndCommented(runner, github, "board", "<!-- mpunit:board -->");
        }
    }

    @Test
    void theCampaignRunsEachTestbedOnItsOwnRunnerUnderOneIdThenCommentsOnce() throws Exception {
        requireEmulators();
        Fixture fixture = fixture();
        Path hans = inventory("ch_hans_1", "mb01", "mb02");
        Path damien = inventory("au_damien_1", "mb11", "wa11");
        try (GitHubStandIn github = new GitHubStandIn(REPO, PR, GITHUB_TOKEN)) {
            LocalWorkflowRunner runner = run("mpunit-campaign.yml", fixture, pullRequest(fixture, github, 104), Map.of(),
                    Map.of("ch_hans_1", Map.of("MPUNIT_UPLOAD_TOKEN", TOKENS.get("ch_hans_1")),
                            "au_damien_1", Map.of("MPUNIT_UPLOAD_TOKEN", TOKENS.get("au_damien_1"))),
                    List.of(new Runner("hans", Set.of("self-hosted", "ch_hans_1", "mpunit"), Map.of("MPUNIT_TESTBED", hans.toString())),
                            new Runner("damien", Set.of("self-hosted", "au_damien_1", "mpunit"),
                                    Map.of("MPUNIT_TESTBED", damien.toString()))));

            print(runner);
            List<StepResult> tests = runner.steps().stream().filter(s -> s.step().equals("Run the tests on the testbed")).toList();
            assertThat(tests).extracting(StepResult::job).containsExactly("test [ch_hans_1]", "test [au_damien_1]");
            if (!campaignFlagsExist()) {
                // This branch's mpunit has no --campaign yet: every step up to the first that uses it ran, and
                // that one stops on the unknown option. Once the campaign's branch is merged, this ends.
                for (StepResult test : tests) {
                    assertThat(test.output()).contains("unknown option --campaign");
                }
                List<String> ran = runner.steps().stream().map(StepResult::toString).toList();
                abort("mpunit has no --campaign on this branch: the campaign's steps ran up to the first using it, which stopped"
                        + " on the unknown option:\n" + String.join("\n", ran));
            }
            for (StepResult test : tests) {
                assertThat(test.outcome()).as(test.output()).isEqualTo(Outcome.SUCCESS);
                assertThat(test.output()).contains("MICROBIT chosen", "changed test files, run first: basics/tuple_unpack.py");
            }
            List<StepResult> pushes = runner.steps().stream().filter(s -> s.step().equals("Push to the results server")).toList();
            assertThat(pushes).hasSize(2).allSatisfy(s -> assertThat(s.outcome()).as(s.output()).isEqualTo(Outcome.SUCCESS));
            for (int i = 0; i < 2; i++) {
                String runUrl = pushes.get(i).output().lines().filter(line -> line.contains(" were pushed to ")).findFirst()
                        .orElseThrow().replaceFirst(".*: ", "");
                assertThat(get(server.uri().resolve("/api/v1/runs/" + runUrl.substring(runUrl.lastIndexOf('/') + 1))))
                        .contains("\"testbed\":\"" + List.of("ch_hans_1", "au_damien_1").get(i) + "\"");
            }
            assertThat(runner.artifacts()).containsExactly(
                    artifactLine("mpunit-results-ch_hans_1", runner.jobs().get("test").get(0)),
                    artifactLine("mpunit-results-au_damien_1", runner.jobs().get("test").get(1)));
            StepResult comment = step(runner, "Comment on the pull request");
            assertThat(comment.outcome()).as(comment.output()).isEqualTo(Outcome.SUCCESS);
            assertThat(github.wrong()).isEmpty();
            assertThat(github.comments()).hasSize(1);
            String posted = github.comments().get(0).body();
            System.out.println("the comment on " + REPO + "#" + PR + ":\n" + posted);
            // The campaign's id is the workflow run's id and attempt, as the workflow's env says.
            assertThat(posted).startsWith("<!-- mpunit:campaign").contains("104-1", "ch\\_hans\\_1", "au\\_damien\\_1",
                    server.uri() + "campaigns/104-1");
            assertThat(get(server.uri().resolve("/api/v1/campaigns/104-1"))).contains("ch_hans_1", "au_damien_1");
        }
    }

    private static void assertPushedAndCommented(LocalWorkflowRunner runner, GitHubStandIn github, String testbed, String marker)
            throws Exception {
        print(runner);
        JobResult job = runner.jobs().get("test").get(0);
        assertThat(job.outcome()).as(runner.steps().toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(step(runner, "Fail the job when a test failed").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(runner.artifacts()).containsExactly(artifactLine("mpunit-results-" + testbed, job));

        StepResult upload = step(runner, "Push to the results server");
        assertThat(upload.outcome()).as(upload.output()).isEqualTo(Outcome.SUCCESS);
        String runUrl = upload.output().lines().filter(line -> line.contains(" were pushed to ")).findFirst().orElseThrow()
                .replaceFirst(".*: ", "");
        assertThat(runUrl).startsWith(server.uri().toString() + "runs/");
        String run = get(server.uri().resolve("/api/v1/runs/" + runUrl.substring(runUrl.lastIndexOf('/') + 1)));
        assertThat(run).contains("\"testbed\":\"" + testbed + "\"");

        StepResult comment = step(runner, "Comment on the pull request");
        assertThat(comment.outcome()).as(comment.output()).isEqualTo(Outcome.SUCCESS);
        assertThat(comment.output()).contains("is a new comment on " + REPO + "#" + PR);
        assertThat(github.wrong()).isEmpty();
        assertThat(github.comments()).hasSize(1);
        String posted = github.comments().get(0).body();
        System.out.println("the comment on " + REPO + "#" + PR + ":\n" + posted);
        assertThat(posted).startsWith(marker).contains(runUrl);
    }

    /** What ran, as a runner's log shows it: each step's outcome, and what the run: steps printed. */
    private static void print(LocalWorkflowRunner runner) {
        for (StepResult step : runner.steps()) {
            System.out.println(step);
            step.output().lines().forEach(line -> System.out.println("    " + line));
        }
    }

    private static String artifactLine(String name, JobResult job) throws IOException {
        try (Stream<Path> files = Files.walk(job.workspace().resolve("results"))) {
            return name + ": results (" + files.filter(Files::isRegularFile).count() + " files)";
        }
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static StepResult step(LocalWorkflowRunner runner, String name) {
        return runner.steps().stream().filter(step -> step.step().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " ran: " + runner.steps()));
    }

    private LocalWorkflowRunner run(String file, Fixture fixture, Event event, Map<String, String> secrets,
            Map<String, Map<String, String>> environmentSecrets, List<Runner> runners) throws Exception {
        Workflow workflow = Workflow.read(WORKFLOWS.resolve(file));
        Map<String, String> allSecrets = new LinkedHashMap<>(secrets);
        allSecrets.put("GITHUB_TOKEN", GITHUB_TOKEN);
        allSecrets.put("MPUNIT_UPLOAD_URL", server.uri().toString().replaceFirst("/$", ""));
        Setup setup = new Setup(Distribution.folder().resolve("bin"), Map.of(REPO, fixture.repository()), allSecrets,
                environmentSecrets, runners, Files.createDirectories(work.resolve("runner")));
        return new LocalWorkflowRunner(workflow, setup).run(event);
    }

    private static Event pullRequest(Fixture fixture, GitHubStandIn github, long runId) {
        Map<String, Object> payload = Map.of("pull_request", Map.of("number", PR,
                "html_url", "https://github.com/" + REPO + "/pull/" + PR,
                "base", Map.of("sha", fixture.main(), "ref", "main"), "head", Map.of("sha", fixture.head(), "ref", "pr")));
        return new Event("pull_request", payload, Map.of(), REPO, fixture.head(), "contributor", github.url(), runId);
    }

    /** Run workflow, by hand, from the default branch (the workflow file's), with these inputs. */
    private static Event dispatch(Fixture fixture, GitHubStandIn github, long runId, Map<String, String> inputs) {
        return new Event("workflow_dispatch", Map.of("inputs", inputs), inputs, REPO, fixture.main(), "developer", github.url(), runId);
    }

    /**
     * A MicroPython-shaped repository: main, the pull request's branch pr changing ports/nrf and one test,
     * and after it the branch broken adding a test that fails.
     */
    record Fixture(Path repository, String main, String head) {
    }

    private Fixture fixture() throws IOException, InterruptedException {
        Path repository = Files.createDirectories(work.resolve("lab-micropython"));
        git(repository, "init", "--quiet", "--initial-branch=main");
        Path tests = Path.of("tests", "basics").toAbsolutePath();
        for (String name : List.of("list_ops.py", "dict_ops.py", "tuple_unpack.py")) {
            write(repository, "tests/basics/" + name, Files.readString(tests.resolve(name)));
        }
        write(repository, "py/runtime.c", "/* the runtime */\n");
        write(repository, "ports/unix/main.c", "/* the unix port */\n");
        write(repository, "ports/webassembly/main.c", "/* the webassembly port */\n");
        write(repository, "ports/nrf/boards/MICROBIT/mpconfigboard.h", "#define MICROPY_HW_BOARD_NAME \"micro:bit\"\n");
        // Each port's CI filter, in the shape of upstream's ports_*.yml, which --changed-since reads: as
        // upstream's, the nrf port's leaves tests/ out.
        for (String port : List.of("unix", "webassembly", "nrf")) {
            write(repository, ".github/workflows/ports_" + port + ".yml", """
                    name: %1$s port
                    on:
                      push:
                      pull_request:
                        paths:
                          - 'py/**'
                          - 'ports/%1$s/**'%2$s
                    jobs:
                      build:
                        runs-on: ubuntu-latest
                        steps:
                          - run: make -C ports/%1$s
                    """.formatted(port, port.equals("nrf") ? "" : "\n      - 'tests/**'"));
        }
        git(repository, "add", "-A");
        git(repository, "-c", "user.name=lab", "-c", "user.email=lab@example.org", "commit", "--quiet", "-m", "main");
        String main = git(repository, "rev-parse", "HEAD").trim();
        git(repository, "checkout", "--quiet", "-b", "pr");
        write(repository, "ports/nrf/boards/MICROBIT/mpconfigboard.h", "#define MICROPY_HW_BOARD_NAME \"BBC micro:bit\"\n");
        Files.writeString(repository.resolve("tests/basics/tuple_unpack.py"), "print(6 * 7)\n",
                java.nio.file.StandardOpenOption.APPEND);
        git(repository, "-c", "user.name=lab", "-c", "user.email=lab@example.org", "commit", "--quiet", "-am", "nrf: the board's name; tests: one more line");
        String head = git(repository, "rev-parse", "HEAD").trim();
        git(repository, "checkout", "--quiet", "-b", "broken");
        write(repository, "tests/basics/broken.py", "print('actual')\n");
        write(repository, "tests/basics/broken.py.exp", "expected\n");
        git(repository, "add", "-A");
        git(repository, "-c", "user.name=lab", "-c", "user.email=lab@example.org", "commit", "--quiet", "-m", "a test that fails");
        git(repository, "checkout", "--quiet", "main");
        return new Fixture(repository, main, head);
    }

    /** An emulated testbed: mbNN are QEMU micro:bits, waNN webassembly ptys, where real tentacles would be. */
    private Path inventory(String testbed, String... tentacles) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String tentacle : tentacles) {
            entries.add(tentacle.startsWith("mb")
                    ? "{\"serial\": \"emulated-" + tentacle + "\", \"board\": \"MICROBIT\", \"futs\": [\"MCU_ONLY\"], \"tags\": {\"mcu\": \"nrf\"}, \"dut\": {\"emulator\": \"qemu-microbit\"}}"
                    : "{\"serial\": \"emulated-" + tentacle + "\", \"board\": \"WEBASSEMBLY\", \"futs\": [\"MCU_ONLY\"], \"tags\": {\"mcu\": \"webassembly\"}, \"dut\": {\"emulator\": \"webassembly-pty\"}}");
        }
        Path file = work.resolve(testbed + ".json");
        Files.writeString(file, "{\"testbed\": \"" + testbed + "\", \"instance\": \"" + testbed + "\", \"tentacles\": [\n  "
                + String.join(",\n  ", entries) + "\n]}\n");
        return file;
    }

    /** Whether this build's mpunit has the campaign's options (another branch adds them). */
    private boolean campaignFlagsExist() throws Exception {
        Path mpunit = Distribution.folder().resolve("bin/mpunit");
        String test = output(new ProcessBuilder(mpunit.toString(), "test", "--help"));
        String comment = output(new ProcessBuilder(mpunit.toString(), "comment", "--help"));
        return test.contains("--campaign") && comment.contains("--campaign") && comment.contains("--server");
    }

    private static String output(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static void requireEmulators() {
        List<String> missing = new ArrayList<>();
        for (String command : List.of("node", "npm", "python3", "qemu-system-arm", "git")) {
            if (!onPath(command)) {
                missing.add(command);
            }
        }
        if (!Files.isRegularFile(Path.of(MICROBIT_FIRMWARE))) {
            missing.add(MICROBIT_FIRMWARE + " (firmware-microbit-micropython)");
        }
        String required = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!missing.isEmpty() && required != null && !required.isBlank()) {
            fail("missing " + missing + " (MPUNIT_REQUIRE_EMULATORS is set)");
        }
        assumeTrue(missing.isEmpty(), "missing " + missing + ": the workflows' mpunit steps need them");
    }

    private static boolean onPath(String command) {
        for (String folder : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }

    private static void write(Path repository, String path, String text) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        String output = output(builder);
        return output;
    }

    private static List<Path> workflowFiles() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(path -> path.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
