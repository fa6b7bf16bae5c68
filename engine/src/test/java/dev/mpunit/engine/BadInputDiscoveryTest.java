package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Mistakes a new user makes, seen at discovery (no MicroPython runs here): each is named, with what
 * to do, and a mistake in the configuration refuses the run (an ERROR issue and no test, which
 * {@code ./mpunit} turns into exit code 2).
 */
class BadInputDiscoveryTest {

    @TempDir
    Path folder;

    private static EngineDiscoveryResults discover(Map<String, String> configuration, DiscoverySelector... selectors) {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameters(configuration)
                .selectors(selectors)
                .discover();
    }

    private static List<String> messages(EngineDiscoveryResults results, Severity severity) {
        return results.getDiscoveryIssues().stream().filter(issue -> issue.severity() == severity)
                .map(DiscoveryIssue::message).toList();
    }

    private static List<TestDescriptor> tests(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getDescendants().stream()
                .filter(descriptor -> descriptor.getType() == TestDescriptor.Type.TEST).map(TestDescriptor.class::cast)
                .toList();
    }

    private static Path fileOf(TestDescriptor test) {
        return ((FileSource) test.getSource().orElseThrow()).getFile().toPath();
    }

    private Path file(String relativePath, String text) throws IOException {
        Path file = folder.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    // Item 6: a misspelt key changed nothing without a word.
    @Test
    void aMisspeltKeyRefusesTheRunNamingTheKeyItWasMeantToBe() throws IOException {
        Path test = file("a.py", "print(1)\n");
        EngineDiscoveryResults results = discover(Map.of("micropython.timout", "5"), selectFile(test.toFile()));

        assertThat(messages(results, Severity.ERROR)).singleElement().asString()
                .contains("unknown key micropython.timout", "did you mean micropython.timeout?",
                        "docs/configuration.md");
        assertThat(tests(results)).isEmpty();
    }

    @Test
    void aKeyNearNoKnownOneIsNamedWithoutAGuessAndEveryUnknownKeyAtOnce() throws IOException {
        Path test = file("a.py", "print(1)\n");
        EngineDiscoveryResults results = discover(Map.of("micropython.colour", "blue",
                "micropython.result.dir", "x"), selectFile(test.toFile()));

        assertThat(messages(results, Severity.ERROR)).singleElement().asString()
                .contains("unknown keys micropython.colour, micropython.result.dir (did you mean micropython.results.dir?)")
                .doesNotContain("colour (did you mean");
    }

    @Test
    void theReportingModulesKeysAreKnownToo() throws IOException {
        Path test = file("a.py", "print(1)\n");
        EngineDiscoveryResults results = discover(Map.of("micropython.secrets", "WLAN_PASS",
                "micropython.results.trigger", "nightly", "micropython.results.xfail", "none.json"),
                selectFile(test.toFile()));

        assertThat(results.getDiscoveryIssues()).isEmpty();
        assertThat(tests(results)).hasSize(1);
    }

    // Item 10: a timeout of nothing timed every test out.
    @ParameterizedTest
    @ValueSource(strings = {"micropython.timeout=0", "micropython.timeout=0s", "micropython.timeout=0.0001",
            "micropython.cpython.timeout=0", "micropython.board.repl-timeout=0ms",
            "micropython.firmware.build-timeout=0m"})
    void aDurationOfZeroIsAConfigurationError(String setting) throws IOException {
        Path test = file("a.py", "print(1)\n");
        String key = setting.substring(0, setting.indexOf('='));
        EngineDiscoveryResults results = discover(Map.of(key, setting.substring(key.length() + 1)),
                selectFile(test.toFile()));

        assertThat(messages(results, Severity.ERROR)).singleElement().asString()
                .contains(setting.toLowerCase(), "is no time at all", "give a positive duration");
        assertThat(tests(results)).isEmpty();
    }

    // Item 3: a results folder that cannot be written was found out only by the listener, test by test.
    @Test
    void aResultsFolderThatIsAFileRefusesTheRun() throws IOException {
        Path test = file("a.py", "print(1)\n");
        Path regular = file("results.txt", "not a folder\n");

        for (Path results : List.of(regular, regular.resolve("run1"))) {
            EngineDiscoveryResults discovery = discover(Map.of("micropython.results.dir", results.toString()),
                    selectFile(test.toFile()));

            assertThat(messages(discovery, Severity.ERROR)).singleElement().asString()
                    .contains("micropython.results.dir=" + results, regular + " is a file, not a folder",
                            "choose a folder you can write");
            assertThat(tests(discovery)).isEmpty();
        }
    }

    @Test
    void aResultsFolderWhereTheFileSystemTakesNoFilesRefusesTheRun() throws IOException {
        Path test = file("a.py", "print(1)\n");
        EngineDiscoveryResults discovery = discover(Map.of("micropython.results.dir", "/proc/forbidden"),
                selectFile(test.toFile()));

        assertThat(messages(discovery, Severity.ERROR)).singleElement().asString()
                .contains("micropython.results.dir=/proc/forbidden", "no file can be created in /proc");
    }

    @Test
    void aResultsFolderStillToBeCreatedIsFineAndTheCheckLeavesNothingBehind() throws IOException {
        Path test = file("tests/a.py", "print(1)\n");
        Path results = folder.resolve("results/20260101-000000");
        EngineDiscoveryResults discovery = discover(Map.of("micropython.results.dir", results.toString()),
                selectFile(test.toFile()));

        assertThat(discovery.getDiscoveryIssues()).isEmpty();
        assertThat(tests(discovery)).hasSize(1);
        try (var left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("tests");
        }
    }

    // Issue 14, item 6: an address that is none was found out only at the end of the run, when it pushed.
    @Test
    void aResultsServerAddressThatIsNoneOrNothingToPushRefusesTheRun() throws IOException {
        Path test = file("a.py", "print(1)\n");
        String results = folder.resolve("results").toString();

        EngineDiscoveryResults ftp = discover(Map.of("micropython.results.dir", results,
                "micropython.results.upload", "ftp://results.example.org"), selectFile(test.toFile()));
        EngineDiscoveryResults noFolder = discover(Map.of("micropython.results.upload", "https://results.example.org"),
                selectFile(test.toFile()));
        EngineDiscoveryResults fine = discover(Map.of("micropython.results.dir", results,
                "micropython.results.upload", "https://results.example.org/mpunit"), selectFile(test.toFile()));

        assertThat(messages(ftp, Severity.ERROR)).singleElement().asString().contains(
                "micropython.results.upload=ftp://results.example.org: 'ftp://results.example.org' is not an http or https URL",
                "give the results server's address, e.g. https://results.example.org");
        assertThat(messages(noFolder, Severity.ERROR)).singleElement().asString().contains(
                "micropython.results.upload=https://results.example.org: no results folder to push: set micropython.results.dir too");
        assertThat(tests(ftp)).isEmpty();
        assertThat(tests(noFolder)).isEmpty();
        assertThat(fine.getDiscoveryIssues()).isEmpty();
        assertThat(tests(fine)).hasSize(1);
    }

    // Issue 16, item 3: a comment that could not be posted is found out before the run, not after it.
    @Test
    void aPullRequestThatIsNoneOrNoSummaryToPostRefusesTheRun() throws IOException {
        Path test = file("a.py", "print(1)\n");
        String results = folder.resolve("results").toString();

        EngineDiscoveryResults noNumber = discover(Map.of("micropython.results.dir", results,
                "micropython.results.comment.repo", "micropython/micropython"), selectFile(test.toFile()));
        EngineDiscoveryResults notANumber = discover(Map.of("micropython.results.dir", results,
                "micropython.results.comment.repo", "micropython/micropython", "micropython.results.comment.pr", "#123"),
                selectFile(test.toFile()));
        EngineDiscoveryResults notARepo = discover(Map.of("micropython.results.dir", results,
                "micropython.results.comment.repo", "micropython", "micropython.results.comment.pr", "123"),
                selectFile(test.toFile()));
        EngineDiscoveryResults noFolder = discover(Map.of("micropython.results.comment.repo", "micropython/micropython",
                "micropython.results.comment.pr", "123"), selectFile(test.toFile()));
        EngineDiscoveryResults fine = discover(Map.of("micropython.results.dir", results,
                "micropython.results.comment.repo", "micropython/micropython", "micropython.results.comment.pr", "123",
                "micropython.results.comment.api-url", "https://github.example.org/api/v3",
                "micropython.results.comment.token-env", "PR_COMMENTER", "micropython.results.comment.marker", "lab"),
                selectFile(test.toFile()));

        assertThat(messages(noNumber, Severity.ERROR)).singleElement().asString().contains(
                "micropython.results.comment.repo=micropython/micropython: which pull request? set micropython.results.comment.pr too");
        assertThat(messages(notANumber, Severity.ERROR)).singleElement().asString().contains(
                "pull request '#123' is not a pull request's number: give the number GitHub shows (#123 is 123)");
        assertThat(messages(notARepo, Severity.ERROR)).singleElement().asString().contains(
                "repository 'micropython' is not owner/name");
        assertThat(messages(noFolder, Severity.ERROR)).singleElement().asString().contains(
                "no summary to post on pull request micropython/micropython#123: set micropython.results.dir too");
        assertThat(tests(noNumber)).isEmpty();
        assertThat(tests(noFolder)).isEmpty();
        assertThat(fine.getDiscoveryIssues()).isEmpty();
        assertThat(tests(fine)).hasSize(1);
    }

    // Issue 16, item 5: a campaign id the server or its addresses could not take is refused before the run.
    @Test
    void aCampaignIdOutsideTheSafeCharactersRefusesTheRun() throws IOException {
        Path test = file("a.py", "print(1)\n");
        String results = folder.resolve("results").toString();

        EngineDiscoveryResults slash = discover(Map.of("micropython.results.dir", results,
                "micropython.results.campaign", "run/7"), selectFile(test.toFile()));
        EngineDiscoveryResults tooLong = discover(Map.of("micropython.results.dir", results,
                "micropython.results.campaign", "c".repeat(101)), selectFile(test.toFile()));
        EngineDiscoveryResults fine = discover(Map.of("micropython.results.dir", results,
                "micropython.results.campaign", "12345678901-2"), selectFile(test.toFile()));

        assertThat(messages(slash, Severity.ERROR)).singleElement().asString().isEqualTo("micropython: "
                + "micropython.results.campaign: the campaign id 'run/7' has characters other than letters, digits and"
                + " . _ - : (or starts with one of . _ - :): give e.g. ${{ github.run_id }}-${{ github.run_attempt }} or"
                + " nightly-2026-12-07");
        assertThat(messages(tooLong, Severity.ERROR)).singleElement().asString().contains(
                "micropython.results.campaign: the campaign id 'cccccccccccccccccccc…' has 101 characters: give at most 100");
        assertThat(tests(slash)).isEmpty();
        assertThat(tests(tooLong)).isEmpty();
        assertThat(fine.getDiscoveryIssues()).isEmpty();
        assertThat(tests(fine)).hasSize(1);
    }

    // Item 8: runs that test nothing said nothing.
    @Test
    void anEmptyFolderSaysItHoldsNoTest() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        EngineDiscoveryResults results = discover(Map.of(), selectDirectory(empty.toFile()));

        assertThat(messages(results, Severity.WARNING)).containsExactly(
                "micropython: " + empty + " holds no test file that runs (*.py, or *.mjs/*.js for webassembly):"
                        + " nothing to run from it",
                "micropython: no test selected, nothing runs (the messages above say why)");
        assertThat(tests(results)).isEmpty();
    }

    @Test
    void testFilesInTheSubfoldersOfAPlainFolderAreNamedAsNotRun() throws IOException {
        file("mytests/x.py", "print(1)\n");
        file("mytests/more/y.py", "print(1)\n");
        file("mytests/more/z.py", "print(1)\n");
        file("mytests/data/readme.txt", "no test\n");
        Path mytests = folder.resolve("mytests");
        EngineDiscoveryResults results = discover(Map.of(), selectDirectory(mytests.toFile()));

        assertThat(messages(results, Severity.WARNING)).singleElement().asString()
                .contains("the test files in " + mytests + "'s more/ (2 test files) are not run",
                        "a plain folder runs only the test files at its own top level");
        assertThat(tests(results)).extracting(TestDescriptor::getDisplayName).containsExactly("x.py");
    }

    @Test
    void aFolderOfATestsRootThatIsNoGroupsIsNamedAsNotRun() throws IOException {
        file("tests/basics/a.py", "print(1)\n");
        file("tests/mytests/x.py", "print(1)\n");
        file("tests/feature_check/float.py", "print(1)\n");
        Path tests = folder.resolve("tests");
        EngineDiscoveryResults results = discover(Map.of(), selectDirectory(tests.toFile()));

        assertThat(messages(results, Severity.WARNING)).singleElement().asString()
                .contains("the test files in " + tests + "'s mytests/ (1 test file) are not run",
                        "not the folder of a test group");
        assertThat(tests(results)).extracting(TestDescriptor::getDisplayName).containsExactly("basics/a.py");
    }

    @Test
    void filesLeftOutByTheFilterKeysAreCountedWhenNothingIsLeft() throws IOException {
        file("tests/basics/a.py", "print(1)\n");
        file("tests/basics/b.py", "print(1)\n");
        EngineDiscoveryResults results = discover(Map.of("micropython.include", "nothing_matches"),
                selectDirectory(folder.resolve("tests").toFile()));

        assertThat(messages(results, Severity.WARNING)).containsExactly("micropython: no test selected, nothing runs:"
                + " 2 test files left out by micropython.include, micropython.exclude or micropython.filter");
    }

    @Test
    void aRequestForOtherEnginesTestsGetsNoWord() {
        EngineDiscoveryResults results = discover(Map.of(),
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(BadInputDiscoveryTest.class));

        assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    // Item 5: paths are paths; a '%' or a space is part of a file's name, in ids too.
    @Test
    void fileNamesWithSpacesPercentAndPlusKeepTheirNamesAndTheirIdsResolveBack() throws IOException {
        List<Path> files = List.of(file("odd dir/a b.py", "print(1)\n"), file("odd dir/a%20b.py", "print(2)\n"),
                file("odd dir/a+b.py", "print(3)\n"), file("odd dir/100%.py", "print(4)\n"));
        Path root = folder.resolve("odd dir");
        EngineDiscoveryResults all = discover(Map.of(), selectDirectory(root.toFile()));

        assertThat(tests(all)).extracting(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrder("a b.py", "a%20b.py", "a+b.py", "100%.py");
        for (Path file : files) {
            TestDescriptor byFile = tests(discover(Map.of(), selectFile(file.toFile()))).get(0);
            assertThat(fileOf(byFile)).isEqualTo(file);
            // The id as text (an IDE stores it so) selects the same file again.
            UniqueId parsed = UniqueId.parse(byFile.getUniqueId().toString());
            List<TestDescriptor> byId = tests(discover(Map.of("micropython.root", root.toString()),
                    selectUniqueId(parsed)));
            assertThat(byId).singleElement().satisfies(descriptor -> {
                assertThat(descriptor.getUniqueId()).isEqualTo(byFile.getUniqueId());
                assertThat(fileOf(descriptor)).isEqualTo(file);
            });
        }
    }

    // Issue 12, item 6: an id of the wrong shape was "not an id this engine produces", without saying why.
    @Test
    void anIdWithALevelOutOfPlaceIsNamedWithTheTreesShape() throws IOException {
        Path test = file("basics/int.py", "print(1)\n");
        UniqueId noVariant = UniqueId.forEngine(MicroPythonTestEngine.ID).append("group", "RUN-TESTS_STANDARD")
                .append("file", "basics/int.py");
        EngineDiscoveryResults results = discover(Map.of("micropython.root", folder.toString()), selectUniqueId(noVariant));

        assertThat(tests(results)).isEmpty();
        assertThat(messages(results, Severity.WARNING)).contains("micropython: [engine:micropython]"
                + "/[group:RUN-TESTS_STANDARD]/[file:basics%2Fint.py] is not an id of the micropython engine's tree:"
                + " [file:basics%2Fint.py] stands where a [variant:…] segment belongs; its ids have the shape"
                + " [engine:micropython]/[group:…]/[variant:…]/[file:…]/[case:…], each level optional from the right");
        // The same file under its variant is found: the message is about the id, not the file.
        assertThat(tests(discover(Map.of("micropython.root", folder.toString()), selectUniqueId(noVariant
                .removeLastSegment().append("variant", "webassembly").append("file", "basics/int.py")))))
                .extracting(descriptor -> fileOf(descriptor)).containsExactly(test);
    }
}
