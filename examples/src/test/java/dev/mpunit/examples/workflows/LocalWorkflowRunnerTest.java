package dev.mpunit.examples.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.examples.workflows.LocalWorkflowRunner.Event;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Outcome;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Runner;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.Setup;
import dev.mpunit.examples.workflows.LocalWorkflowRunner.StepResult;

/** {@link LocalWorkflowRunner} on small workflows of shell steps: what it runs, passes on, skips and refuses. */
class LocalWorkflowRunnerTest {

    @TempDir
    Path work;

    private LocalWorkflowRunner run(String yaml, Event event, List<Runner> runners) throws Exception {
        Path file = work.resolve("workflow.yml");
        Files.writeString(file, yaml);
        Workflow workflow = Workflow.read(file);
        assertThat(workflow.problems()).isEmpty();
        Path bin = Files.createDirectories(work.resolve("bin"));
        Setup setup = new Setup(bin, Map.of(), Map.of("TOKEN", "repository's"), Map.of("blue", Map.of("TOKEN", "blue's")),
                runners, Files.createDirectories(work.resolve("runner")));
        return new LocalWorkflowRunner(workflow, setup).run(event);
    }

    private static Event push() {
        return new Event("push", Map.of("ref", "refs/heads/main"), Map.of(), "lab/repo", "abc123", "someone", "http://127.0.0.1:1", 9);
    }

    private static StepResult step(LocalWorkflowRunner runner, String name) {
        return runner.steps().stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void outputsEnvAndNeedsFlowFromStepToStepAndJobToJob() throws Exception {
        LocalWorkflowRunner runner = run("""
                on: push
                env:
                  WHO: ${{ github.actor }}
                jobs:
                  first:
                    runs-on: [self-hosted, a]
                    outputs:
                      colour: ${{ steps.pick.outputs.colour }}
                    steps:
                      - id: pick
                        name: pick
                        run: |
                          echo "colour=blue" >> "$GITHUB_OUTPUT"
                          echo "LATER=set by pick" >> "$GITHUB_ENV"
                      - name: later
                        run: echo "$LATER, $WHO, $RUNNER_SETTING, run $GITHUB_RUN_ID of $GITHUB_REPOSITORY, ${{ steps.pick.outputs.colour }}"
                  second:
                    needs: first
                    runs-on: [self-hosted, a]
                    environment: ${{ needs.first.outputs.colour }}
                    steps:
                      - name: secret
                        shell: sh
                        env:
                          TOKEN: ${{ secrets.TOKEN }}
                        run: echo "token of $TOKEN environment, first was ${{ needs.first.result }}"
                """, push(), List.of(new Runner("one", Set.of("self-hosted", "a"), Map.of("RUNNER_SETTING", "from .env"))));

        assertThat(step(runner, "later").output()).isEqualTo("set by pick, someone, from .env, run 9 of lab/repo, blue\n");
        assertThat(step(runner, "secret").output()).isEqualTo("token of blue's environment, first was success\n");
    }

    @Test
    void aMatrixRunsOnceACombinationOnTheRunnerItsLabelsName() throws Exception {
        LocalWorkflowRunner runner = run("""
                on: push
                jobs:
                  each:
                    strategy:
                      matrix:
                        bed: [red, green]
                    runs-on: [self-hosted, "${{ matrix.bed }}"]
                    steps:
                      - name: where
                        run: echo "${{ matrix.bed }} on $RUNNER_NAME"
                """, push(), List.of(new Runner("r", Set.of("self-hosted", "red"), Map.of()),
                        new Runner("g", Set.of("self-hosted", "green"), Map.of())));

        assertThat(runner.steps()).extracting(StepResult::job, StepResult::output)
                .containsExactly(tuple("each [red]", "red on r\n"),
                        tuple("each [green]", "green on g\n"));
    }

    @Test
    void aFailedStepSkipsTheRestButAlwaysAndFailureStepsAndTheBashOptionsHold() throws Exception {
        LocalWorkflowRunner runner = run("""
                on: push
                jobs:
                  job:
                    runs-on: [self-hosted]
                    steps:
                      - name: pipe
                        run: |
                          false | true
                          echo "not reached: bash -o pipefail stops at the pipeline"
                      - name: next
                        run: echo next
                      - name: always
                        if: always()
                        run: echo always
                      - name: on failure
                        if: failure()
                        run: echo failure
                      - name: an action
                        if: always()
                        uses: actions/setup-python@v5
                      - name: powershell
                        if: always()
                        shell: pwsh
                        run: Write-Output x
                      - name: unevaluable
                        if: always()
                        run: echo ${{ env.NOPE }}
                """, push(),
                List.of(new Runner("one", Set.of("self-hosted"), Map.of())));

        assertThat(runner.steps()).extracting(StepResult::step, StepResult::outcome, StepResult::why).containsExactly(
                tuple("pipe", Outcome.FAILURE, "exit code 1"),
                tuple("next", Outcome.SKIPPED, "if: success()"),
                tuple("always", Outcome.SUCCESS, null),
                tuple("on failure", Outcome.SUCCESS, null),
                tuple("an action", Outcome.NOT_RUN,
                        "the action actions/setup-python@v5 is not run by this runner"),
                tuple("powershell", Outcome.FAILURE, "shell: pwsh is not one this runner has"),
                tuple("unevaluable", Outcome.FAILURE,
                        "${{ env.NOPE }}: env.NOPE: no such env variable (there are: )"));
        assertThat(runner.jobs().get("job").get(0).outcome()).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void aJobNoRunnerCanTakeFailsSayingWhichLabels() throws Exception {
        LocalWorkflowRunner runner = run("""
                on: push
                jobs:
                  job:
                    runs-on: [self-hosted, lab]
                    steps:
                      - run: echo never
                """, push(), List.of(new Runner("one", Set.of("self-hosted"), Map.of())));

        assertThat(runner.jobs().get("job").get(0).why()).isEqualTo("no runner has the labels [self-hosted, lab]");
        assertThat(runner.steps()).isEmpty();
    }
}
