package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.mpunit.contract.CommentBody;
import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.store.Tokens;
import dev.mpunit.server.web.Chromium;

/**
 * Issue 16, item 5, end to end: a campaign of two emulated testbeds ({@code lab-a}: the webassembly port on a
 * pty, {@code lab-b}: QEMU's micro:bit) run through the real engine, pushed to the real results server (H2 and
 * PostgreSQL), and shown as one report: the API's JSON, the page in headless Chromium, and the one comment on
 * the pull request (the GitHub stand-in), created and then updated in place. {@code lab-a} writes the campaign
 * into its {@code context.json} ({@code micropython.results.campaign}); {@code lab-b} runs without it and is
 * pushed with {@code mpunit upload --campaign}, as a job that only knows the id at its end would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/campaign").toAbsolutePath();
    static final Path TESTBEDS = Path.of("src/test/resources/fixtures/campaign-testbeds").toAbsolutePath();
    /** As a GitHub Actions workflow names it: ${{ github.run_id }}-${{ github.run_attempt }}. */
    static final String CAMPAIGN = "12345678901-1";
    static final String GITHUB_TOKEN = "ghs_campaign-end-to-end";
    static final String PLATFORM = "basics/platform.py";

    @TempDir
    Path temp;

    private Path folderA;
    private Path folderB;
    private Chromium browser;

    /** Both testbeds run once; each database gets both pushes. */
    @BeforeAll
    void runBothTestbeds(@TempDir Path runs) throws Exception {
        WebAssemblyAvailable.assumeNode();
        EmulatorIncidentEndToEndTest.assumeQemuMicrobit();
        Chromium.assumeAvailable();
        folderA = run(runs, "lab-a", ReportingConfigurationKeys.RESULTS_CAMPAIGN + "=" + CAMPAIGN);
        folderB = run(runs, "lab-b");
        browser = Chromium.start(1280, 800);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void twoEmulatedTestbedsPushedWithOneCampaignAreOneReportAndOneComment(TestDatabases kind) throws Exception {
        assertThat(Files.readString(folderA.resolve("context.json"))).contains("\"campaign\": \"" + CAMPAIGN + "\"");
        assertThat(Files.readString(folderB.resolve("context.json"))).contains("\"campaign\": null");
        try (TestDatabases.Opened opened = kind.open(temp);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(temp, 0), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            String url = server.uri().toString().replaceAll("/$", "");
            assertThat(upload(List.of(folderA.toString(), "--url", url), tokens.createPush("lab-a", null).token()))
                    .as(this::printed).isZero();
            assertThat(upload(List.of(folderB.toString(), "--url", url, "--campaign", CAMPAIGN),
                    tokens.createPush("lab-b", null).token())).as(this::printed).isZero();

            Map<String, Object> campaign = JsonReader.object(get(url + "/api/v1/campaigns/" + CAMPAIGN));
            System.out.println("campaign " + CAMPAIGN + " on " + kind + ": " + campaign.get("totals") + ", columns "
                    + campaign.get("columns"));
            assertThat(campaign.get("campaign")).isEqualTo(CAMPAIGN);
            List<Map<String, Object>> testbeds = list(campaign.get("testbeds"));
            assertThat(testbeds).extracting(t -> t.get("testbed")).containsExactly("lab-a", "lab-b");
            List<Map<String, Object>> runs = list(campaign.get("runs"));
            assertThat(runs).extracting(r -> r.get("testbed")).containsExactly("lab-a", "lab-b");
            assertThat(runs).allSatisfy(r -> assertThat(r.get("campaign")).isEqualTo(CAMPAIGN));
            assertThat(list(campaign.get("columns"))).extracting(c -> c.get("testbed") + " " + c.get("variant"))
                    .containsExactly("lab-a WEBASSEMBLY", "lab-b MICROBIT");
            assertThat(map(campaign.get("totals"))).containsEntry("total", 4L).containsEntry("pass", 3L)
                    .containsEntry("fail", 1L);
            List<Map<String, Object>> rows = list(campaign.get("rows"));
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.get("name")).isEqualTo(PLATFORM);
                assertThat(list(row.get("cells"))).extracting(cell -> cell.get("verdict")).containsExactly("pass", "fail");
                assertThat(list(row.get("cells")).get(1).get("output").toString())
                        .startsWith("/api/v1/runs/" + runs.get(1).get("id") + "/files/");
            });

            // The one report, as a maintainer opens it from the pull request's comment.
            browser.open(url + "/campaigns/" + CAMPAIGN);
            assertThat(browser.state()).isEqualTo("ready");
            assertThat(browser.find("h1").getText()).isEqualTo("Campaign " + CAMPAIGN);
            assertThat(browser.texts("table.testbeds tbody th")).containsExactly("lab-a", "lab-b");
            assertThat(browser.texts("table.campaign-matrix thead tr:first-child th.testbed")).containsExactly("lab-a", "lab-b");
            assertThat(browser.texts("table.campaign-matrix thead tr:last-child th")).containsExactly("Test", "Group",
                    "WEBASSEMBLY", "MICROBIT");
            List<WebElement> matrix = browser.all("table.campaign-matrix tbody tr");
            assertThat(matrix).singleElement().satisfies(row -> assertThat(row.findElements(By.cssSelector("td")).stream()
                    .map(WebElement::getText).toList()).containsExactly("RUN-TESTS_STANDARD", "pass", "fail"));
            assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Uncaught"));

            // The last job of the matrix posts the campaign's one comment; a re-run of the workflow updates it.
            try (GitHubStandIn github = new GitHubStandIn("lab/micropython", 7, GITHUB_TOKEN)) {
                PullRequestAddress pullRequest = PullRequestAddress.of("lab/micropython", "7", github.url());
                String marker = CampaignComment.defaultMarker("hil-pr");
                List<String> out = new ArrayList<>();
                List<String> err = new ArrayList<>();
                Map<String, String> environment = Map.of("GITHUB_TOKEN", GITHUB_TOKEN);
                assertThat(comment(url, pullRequest, marker, environment, out, err)).as(err.toString()).isZero();
                assertThat(comment(url, pullRequest, marker, environment, out, err)).as(err.toString()).isZero();

                assertThat(github.wrong()).isEmpty();
                assertThat(github.comments()).singleElement().satisfies(posted -> {
                    assertThat(posted.body()).startsWith(CommentBody.marker("campaign:hil-pr") + "\n### mpunit campaign `"
                            + CAMPAIGN + "`: 2 testbeds, 2 boards, 1 failure\n");
                    assertThat(posted.body()).contains("| Test | Group | lab-a<br>WEBASSEMBLY | lab-b<br>MICROBIT |",
                            "| basics/platform.py | RUN-TESTS\\_STANDARD | pass | [**FAIL**](" + url + "/runs/" + runs.get(1).get("id")
                                    + "/files/RUN-TESTS_STANDARD@MICROBIT/basics_platform.py.out) |",
                            "(" + url + "/runs/" + runs.get(0).get("id") + ")",
                            "Full report: [the campaign on the results server](" + url + "/campaigns/" + CAMPAIGN + ")");
                    assertThat(posted.body().length()).isLessThanOrEqualTo(CommentBody.LIMIT);
                });
                assertThat(out).hasSize(2);
                assertThat(out.get(0)).startsWith("mpunit: campaign " + CAMPAIGN + " is a new comment on lab/micropython#7: ");
                assertThat(out.get(1)).startsWith("mpunit: campaign " + CAMPAIGN + " updated the comment on lab/micropython#7: ");
                System.out.println(out.get(1));
            }
        }
    }

    /** Reading closed: the campaign is read as every other page and route is, with a read token. */
    @org.junit.jupiter.api.Test
    void aServerWhoseReadingIsClosedGivesTheCampaignsCommentOnlyWithAReadToken() throws Exception {
        try (TestDatabases.Opened opened = TestDatabases.H2.open(temp); ResultsServer server = ResultsServer.start(
                ServerConfiguration.embedded(temp, 0).withReadClosed(true), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            String reader = tokens.createRead("ci").token();
            String url = server.uri().toString().replaceAll("/$", "");
            assertThat(upload(List.of(folderA.toString(), "--url", url), tokens.createPush("lab-a", null).token()))
                    .as(this::printed).isZero();
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/api/v1/campaigns/" + CAMPAIGN)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            try (GitHubStandIn github = new GitHubStandIn("lab/micropython", 7, GITHUB_TOKEN)) {
                PullRequestAddress pullRequest = PullRequestAddress.of("lab/micropython", "7", github.url());
                List<String> out = new ArrayList<>();
                List<String> err = new ArrayList<>();
                int refused = comment(url, pullRequest, "campaign", Map.of("GITHUB_TOKEN", GITHUB_TOKEN), out, err);
                assertThat(refused).isEqualTo(1);
                assertThat(err).singleElement().asString().startsWith("mpunit comment: no comment on lab/micropython#7 (the"
                        + " results server " + url + " lets only readers with a token read (HTTP 401: missing read token")
                        .endsWith("): set MPUNIT_READ_TOKEN to a read token (./mpunit serve token create --read prints one))");
                assertThat(github.requests()).as("nothing is posted without the campaign").isEmpty();

                int posted = comment(url, pullRequest, "campaign", Map.of("GITHUB_TOKEN", GITHUB_TOKEN,
                        CampaignComment.READ_TOKEN_ENV, reader), out, err);
                assertThat(posted).as(err.toString()).isZero();
                assertThat(github.comments()).singleElement().satisfies(comment -> assertThat(comment.body())
                        .startsWith(CommentBody.marker("campaign") + "\n### mpunit campaign `" + CAMPAIGN + "`: 1 testbed,"));
                assertThat(String.join("\n", out) + String.join("\n", err)).doesNotContain(reader);
            }
        }
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** One testbed's run of the tree, in this JVM; its results folder. */
    private static Path run(Path runs, String testbed, String... parameters) throws Exception {
        Path results = runs.resolve(testbed);
        var request = EngineRun.request(TREE)
                .configurationParameter("micropython.cache", runs.resolve("cache").toString())
                .configurationParameter("micropython.webassembly.mjs",
                        WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults()).micropythonMjs().toString())
                .configurationParameter(ReportingConfigurationKeys.TESTBED, TESTBEDS.resolve(testbed + ".json").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString());
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            request.configurationParameter(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        EngineRun.execute(request.build(), new ResultsFolderListener());
        assertThat(results.resolve("context.json")).exists();
        return results;
    }

    private int upload(List<String> arguments, String token) throws InterruptedException {
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ResultsUploader.Backoff backoff = new ResultsUploader.Backoff(ResultsUploader.DELAYS, wait -> { }, () -> 0.5);
        return ResultsUploader.run(arguments, Map.of("MPUNIT_UPLOAD_TOKEN", token), stream, stream, backoff);
    }

    private static int comment(String url, PullRequestAddress pullRequest, String marker, Map<String, String> environment,
            List<String> out, List<String> err) throws InterruptedException {
        List<Duration> waits = new ArrayList<>();
        return CampaignComment.run(CAMPAIGN, url, pullRequest, "GITHUB_TOKEN", marker, environment, out::add, err::add,
                new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.5));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
