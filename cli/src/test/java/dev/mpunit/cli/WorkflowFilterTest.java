package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's filter pattern rules and the on: triggers of workflow files the tests write. */
class WorkflowFilterTest {

    @TempDir
    Path checkout;

    @Test
    void aStarStaysInOneFolderTwoStarsCrossFoldersAndStarStarSlashMayBeNoFolder() {
        assertThat(WorkflowGlob.of("*.md").matches("README.md")).isTrue();
        assertThat(WorkflowGlob.of("*.md").matches("docs/README.md")).isFalse();
        assertThat(WorkflowGlob.of("**.md").matches("docs/a/README.md")).isTrue();
        assertThat(WorkflowGlob.of("ports/rp2/**").matches("ports/rp2/boards/RPI_PICO2/board.json")).isTrue();
        assertThat(WorkflowGlob.of("ports/rp2/**").matches("ports/rp2x/main.c")).isFalse();
        assertThat(WorkflowGlob.of(".github/workflows/*.yml").matches(".github/workflows/ports_rp2.yml")).isTrue();
        assertThat(WorkflowGlob.of(".github/workflows/*.yml").matches(".github/workflows/sub/x.yml")).isFalse();
        assertThat(WorkflowGlob.of("docs/**/*.md").matches("docs/a.md")).isTrue();
        assertThat(WorkflowGlob.of("docs/**/*.md").matches("docs/x/y/a.md")).isTrue();
        assertThat(WorkflowGlob.of("**/README.md").matches("README.md")).isTrue();
        assertThat(WorkflowGlob.of("**/README.md").matches("ports/unix/README.md")).isTrue();
    }

    @Test
    void questionMarkAndPlusApplyToTheCharacterBeforeSetsAndEscapesAreOneCharacter() {
        assertThat(WorkflowGlob.of("*.jsx?").matches("a.js")).isTrue();
        assertThat(WorkflowGlob.of("*.jsx?").matches("a.jsx")).isTrue();
        assertThat(WorkflowGlob.of("*.jsx?").matches("a.jsxx")).isFalse();
        assertThat(WorkflowGlob.of("ab+c").matches("abbbc")).isTrue();
        assertThat(WorkflowGlob.of("ab+c").matches("ac")).isFalse();
        assertThat(WorkflowGlob.of("v[0-9].txt").matches("v7.txt")).isTrue();
        assertThat(WorkflowGlob.of("v[0-9].txt").matches("vx.txt")).isFalse();
        assertThat(WorkflowGlob.of("a\\*b").matches("a*b")).isTrue();
        assertThat(WorkflowGlob.of("a\\*b").matches("axb")).isFalse();
        assertThat(WorkflowGlob.of("a.c").matches("abc")).as("a dot is a dot").isFalse();
        assertThatThrownBy(() -> WorkflowGlob.of("ports/[rp2")).hasMessageContaining("'ports/[rp2' cannot be read");
    }

    @Test
    void theLastPatternThatMatchesDecidesSoANegationExcludesUntilALaterPatternIncludesAgain() {
        PathFilter filter = PathFilter.of(List.of("*.md", "!README*", "README-ports.md"));
        assertThat(filter.takes("CODE.md")).map(WorkflowGlob::text).contains("*.md");
        assertThat(filter.takes("README.md")).isEmpty();
        assertThat(filter.takes("README-ports.md")).map(WorkflowGlob::text).contains("README-ports.md");
        assertThat(filter.takes("py/obj.c")).isEmpty();
    }

    @Test
    void aWorkflowRunsForItsPullRequestPathsOrAnyChangeWithoutThemAndNeverWithoutATrigger() {
        PortWorkflow rp2 = PortWorkflows.parse("ports_rp2.yml", """
                name: rp2 port
                on:
                  push:
                  pull_request:
                    paths:
                      - 'py/**'
                      - 'ports/rp2/**'
                      - '!ports/rp2/README.md'
                jobs: {}
                """);
        assertThat(rp2.port()).isEqualTo("rp2");
        assertThat(rp2.trigger()).contains("pull_request");
        assertThat(rp2.matches(List.of("docs/x.rst", "ports/rp2/main.c", "ports/rp2/README.md", "py/obj.c")))
                .containsExactly(new PortWorkflow.Match("ports/rp2/main.c", "ports/rp2/**"), new PortWorkflow.Match("py/obj.c", "py/**"));
        assertThat(rp2.matches(List.of("ports/rp2/README.md"))).isEmpty();

        PortWorkflow always = PortWorkflows.parse("ports_any.yml", "on: [push, pull_request]\njobs: {}\n");
        assertThat(always.matches(List.of("docs/x.rst"))).hasSize(1);
        assertThat(always.matches(List.of())).as("no change, no run").isEmpty();

        PortWorkflow pushOnly = PortWorkflows.parse("ports_push.yml", "on:\n  push:\n    paths: ['ports/push/**']\n");
        assertThat(pushOnly.trigger()).contains("push");
        assertThat(pushOnly.matches(List.of("ports/push/a.c"))).hasSize(1);

        PortWorkflow ignoring = PortWorkflows.parse("ports_ign.yml", "on:\n  pull_request:\n    paths-ignore: ['docs/**']\n");
        assertThat(ignoring.matches(List.of("docs/a.rst"))).isEmpty();
        assertThat(ignoring.matches(List.of("docs/a.rst", "py/obj.c"))).hasSize(1);

        PortWorkflow manual = PortWorkflows.parse("ports_manual.yml", "on: workflow_dispatch\n");
        assertThat(manual.trigger()).isEqualTo(Optional.empty());
        assertThat(manual.matches(List.of("py/obj.c"))).isEmpty();
    }

    @Test
    void onlyTheCheckoutsPortsWorkflowsAreReadAndABrokenOneIsNamed() throws IOException {
        Path workflows = Files.createDirectories(checkout.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("ports_unix.yml"), "on:\n  pull_request:\n    paths: ['ports/unix/**']\n");
        Files.writeString(workflows.resolve("docs.yml"), "on:\n  pull_request:\n");
        assertThat(PortWorkflows.read(checkout)).extracting(PortWorkflow::file).containsExactly("ports_unix.yml");

        Files.writeString(workflows.resolve("ports_bad.yml"), "on: [unclosed\n");
        assertThatThrownBy(() -> PortWorkflows.read(checkout)).hasMessageStartingWith(workflows.resolve("ports_bad.yml")
                + " cannot be read as a workflow: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> PortWorkflows.read(checkout.resolve("elsewhere")))
                .hasMessageContaining("has no .github/workflows/: give a MicroPython checkout (--micropython)");
    }
}
