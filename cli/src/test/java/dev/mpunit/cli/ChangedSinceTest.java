package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;

import dev.mpunit.engine.ConfigurationKeys;

/**
 * --changed-since and --changed-files on a small MicroPython-shaped checkout the test makes (a git
 * repository with its own workflow files): which variants run and why, which test files go first.
 */
class ChangedSinceTest {

    @TempDir
    Path work;

    Path checkout;
    Path testbed;

    @BeforeEach
    void checkout() throws IOException, InterruptedException {
        checkout = work.resolve("micropython");
        write("ports/rp2/boards/RPI_PICO2/mpconfigboard.h", "");
        write("ports/rp2/main.c", "int main;\n");
        write("ports/stm32/boards/PYBV11/mpconfigboard.h", "");
        write("ports/unix/variants/standard/mpconfigvariant.h", "");
        write("ports/webassembly/variants/standard/mpconfigvariant.h", "");
        write("py/obj.c", "");
        write("tests/basics/a.py", "print('a')\n");
        write("tests/basics/b.py", "print('b')\n");
        write("tests/basics/b.py.exp", "b\n");
        write("tests/import/pkg/__init__.py", "");
        write(".github/workflows/ports_rp2.yml", "on:\n  push:\n  pull_request:\n    paths:\n      - 'py/**'\n      - 'ports/rp2/**'\n");
        write(".github/workflows/ports_stm32.yml", "on:\n  pull_request:\n    paths: ['py/**', 'ports/stm32/**']\n");
        write(".github/workflows/ports_unix.yml",
                "on:\n  pull_request:\n    paths: ['py/**', 'ports/unix/**', 'tests/**', '!tests/**/*.md']\n");
        write(".github/workflows/ports_webassembly.yml", "on:\n  pull_request:\n    paths: ['py/**', 'ports/webassembly/**']\n");
        git("init", "-q", "-b", "master");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        git("branch", "base");
        testbed = Files.writeString(work.resolve("lab.json"), """
                { "testbed": "lab", "tentacles": [
                  { "serial": "e46340474b172731", "board": "RPI_PICO2", "build_variants": ["", "RISCV"], "dut": {"device": "a0"} },
                  { "serial": "desk-pyb1", "board": "PYBV11", "dut": {"device": "a1"} } ] }
                """);
    }

    private void write(String path, String text) throws IOException {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", checkout.toString(), "-c", "user.name=mpunit",
                "-c", "user.email=mpunit@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as(output).isZero();
    }

    /** A change on top of the base branch: rp2's sources and one test with its expected output. */
    private void changeRp2AndATest() throws IOException, InterruptedException {
        write("ports/rp2/main.c", "int main(void);\n");
        write("tests/basics/b.py.exp", "B\n");
        write("tests/import/pkg/__init__.py", "x = 1\n");
        git("commit", "-q", "-am", "rp2 and a test");
    }

    private static RunRequest request(String... args) {
        return CommandLineTest.request(args);
    }

    @Test
    void theVariantsOfTheWorkflowsAChangeSelectsRunAndItsTestFilesFirst() throws Exception {
        changeRp2AndATest();
        String tests = checkout.resolve("tests").toString();
        RunRequest request = request("list-tests", tests, "--testbed", testbed.toString(), "--changed-since", "base");

        assertThat(request.configuration()).containsEntry(ConfigurationKeys.ONLY_VARIANT, "RPI_PICO2,RPI_PICO2-RISCV")
                .containsEntry(ConfigurationKeys.FIRST_FILES, "basics/b.py");
        assertThat(request.selectors()).hasSize(2);
        assertThat(request.selectors().get(0)).isInstanceOfSatisfying(FileSelector.class,
                file -> assertThat(file.getPath().toString()).endsWith("tests/basics/b.py"));
        assertThat(request.selectors().get(1)).isInstanceOf(DirectorySelector.class);
        assertThat(request.changes().orElseThrow().explanation()).containsExactly(
                "3 changed files (git diff --name-only base...HEAD in " + checkout.toAbsolutePath().normalize()
                        + "), judged by 4 workflows' filters (.github/workflows/ports_*.yml):",
                "  workflows selected: ports_rp2.yml, ports_unix.yml",
                "  RPI_PICO2, RPI_PICO2-RISCV chosen (tentacle 2731-RPI_PICO2; port rp2): ports_rp2.yml 'ports/rp2/**' matched"
                        + " ports/rp2/main.c",
                "  PYBV11 not chosen (tentacle pyb1-PYBV11; port stm32): ports_stm32.yml selects none of the changed files",
                "  port unix: nothing to run on (no tentacle or target of that port is on offer), though ports_unix.yml"
                        + " 'tests/**' matched tests/basics/b.py.exp, tests/import/pkg/__init__.py",
                "  changed test files, run first: basics/b.py");
    }

    @Test
    void aListOfChangedFilesWorksWithoutGitAndLocalTargetsAreTheirPorts() throws IOException {
        Path list = Files.writeString(work.resolve("changed.txt"), "# from the pull request\nports/unix/main.c\n\n");
        RunRequest request = request(checkout.resolve("tests").toString(), "--target", "unix,webassembly",
                "--changed-files", list.toString());
        assertThat(request.configuration()).containsEntry(ConfigurationKeys.ONLY_VARIANT, "unix")
                .doesNotContainKey(ConfigurationKeys.FIRST_FILES);
        assertThat(request.changes().orElseThrow().explanation()).contains(
                "  unix chosen (--target unix; port unix): ports_unix.yml 'ports/unix/**' matched ports/unix/main.c",
                "  webassembly not chosen (--target webassembly; port webassembly): ports_webassembly.yml selects none of the"
                        + " changed files",
                "  no changed test file");
    }

    @Test
    void changedTestsAloneRunOnEveryVariantOnOffer() throws IOException {
        Path list = Files.writeString(work.resolve("changed.txt"), "tests/basics/a.py\n");
        RunRequest request = request(checkout.resolve("tests").toString(), "--target", "webassembly", "--micropython",
                checkout.toString(), "--changed-files", list.toString());
        assertThat(request.configuration()).doesNotContainKey(ConfigurationKeys.ONLY_VARIANT)
                .containsEntry(ConfigurationKeys.FIRST_FILES, "basics/a.py");
        assertThat(request.selectors()).singleElement().isInstanceOfSatisfying(FileSelector.class,
                file -> assertThat(file.getPath().toString()).endsWith("tests/basics/a.py"));
        assertThat(request.changes().orElseThrow().explanation()).contains(
                "  changed test files, run first (on every variant on offer): basics/a.py");
    }

    @Test
    void aChangeThatConcernsNothingOnOfferRunsNothingAndSaysSo() throws IOException {
        Path list = Files.writeString(work.resolve("changed.txt"), "ports/stm32/main.c\n");
        Path results = work.resolve("results");
        Run run = Run.of(checkout.resolve("tests").toString(), "--target", "unix", "--changed-files", list.toString(),
                "--results", results.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).contains(
                "  unix not chosen (--target unix; port unix): ports_unix.yml selects none of the changed files",
                "  port stm32: nothing to run on (no tentacle or target of that port is on offer), though ports_stm32.yml"
                        + " 'ports/stm32/**' matched ports/stm32/main.c",
                "nothing to run: no workflow's filter selects a variant on offer for these changes, and no test file changed");
        assertThat(results).as("nothing ran, so no results folder").doesNotExist();
    }

    @Test
    void aBadRefOrNoCheckoutIsOneLineAndExit2() {
        String tests = checkout.resolve("tests").toString();
        Run badRef = Run.of("list-tests", tests, "--changed-since", "no-such-branch");
        assertThat(badRef.exitCode()).isEqualTo(2);
        assertThat(badRef.err().lines()).singleElement().asString()
                .startsWith("mpunit: --changed-since no-such-branch: git diff --name-only no-such-branch...HEAD in ")
                .endsWith("(give a branch, tag or commit that checkout has, e.g. origin/master)");

        Run notInACheckout = Run.of("list-tests", work.toString(), "--changed-since", "base");
        assertThat(notInACheckout.err().lines()).containsExactly("mpunit: which MicroPython checkout changed? the tests given"
                + " are not in one's tests/: give --micropython <checkout>");
        assertThat(notInACheckout.exitCode()).isEqualTo(2);

        Run both = Run.of("list-tests", tests, "--changed-since", "base", "--changed-files", "-");
        assertThat(both.err().lines()).containsExactly("mpunit: --changed-since and --changed-files both say what changed: give one");
    }

    @Test
    void withoutGitTheMessageSaysWhatToGiveInstead() {
        assertThatThrownBy(() -> ChangedFiles.since("mpunit-no-such-git", checkout, "base"))
                .hasMessageStartingWith("--changed-since needs git, which cannot be started (")
                .hasMessageEndingWith("): install git, or give the changed files with --changed-files <file>");
    }
}
