package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.reporting.ScriptedResultsServer.Answer;
import dev.mpunit.reporting.ScriptedResultsServer.Request;

/**
 * How {@code ./mpunit upload} reads the server's answers: which it retries (no connection, 5xx,
 * 429), which it takes as a refusal (every other 4xx, said as the server said it), its exit codes,
 * and that the token goes in the header and nowhere else. The server here answers as scripted: it
 * tests the client's side of the protocol; the real server is pushed to in ResultsUploadEndToEndTest.
 */
class ResultsUploaderTest {

    static final String TOKEN = "mpt_s3cr3t-token-for-the-test";

    @TempDir
    Path temp;

    private ScriptedResultsServer server;
    private final List<Duration> waits = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path folder;

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedResultsServer(0);
        folder = temp.resolve("results/20261206-020000");
        Files.createDirectories(folder.resolve("RUN-TESTS_STANDARD@webassembly"));
        Files.writeString(folder.resolve("context.json"), "{\"testbed\": \"lab\"}\n");
        Files.writeString(folder.resolve("RUN-TESTS_STANDARD@webassembly/_results.json"), "{\"results\": []}\n");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String url() {
        return server.url();
    }

    private int upload(String... arguments) throws InterruptedException {
        ResultsUploader.Backoff backoff = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.5);
        return ResultsUploader.run(List.of(arguments), Map.of("MPUNIT_UPLOAD_TOKEN", TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), backoff);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBusyServerIsTriedAgainWithGrowingWaitsUntilItStoresTheRun() throws Exception {
        server.answer(new Answer(503, "{\"error\": \"database unavailable\"}"));
        server.answer(new Answer(429, "{\"error\": \"too many uploads\"}"));
        server.answer(new Answer(502, "<html>Bad Gateway</html>"));
        server.answer(new Answer(201, "{\"id\": 42, \"duplicate\": false, \"replaced\": false}",
                Map.of("Location", "/api/v1/runs/42")));

        int exit = upload(folder.toString(), "--url", url());

        assertThat(exit).as(printed()).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "upload to " + url() + " failed (HTTP 503: database unavailable); trying again in 1 s (try 2 of 6)",
                "failed (HTTP 429: too many uploads); trying again in 2 s (try 3 of 6)",
                "failed (HTTP 502: <html>Bad Gateway</html>); trying again in 4 s (try 4 of 6)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mpunit: the results in " + folder + " were pushed to "
                + url() + ": " + url() + "/runs/42");
        assertThat(server.requests()).hasSize(4).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/runs");
            assertThat(request.query()).isEqualTo("tz=" + ZoneId.systemDefault().getId());
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        });
        assertThat(server.requests()).extracting(Request::idempotencyKey).as("every try is the same upload").containsOnly(
                server.requests().get(0).idempotencyKey()).doesNotContainNull();
        assertThat(server.requests().get(3).body()).isEqualTo(server.requests().get(0).body()).isEqualTo(FolderArchive.tarGz(folder));
    }

    // Issue 16, item 5: a folder run without a campaign joins one when it is pushed.
    @Test
    void theCampaignGoesWithThePushAndIntoTheCommandThatPushesItLater() throws Exception {
        server.answer(new Answer(503, "{\"error\": \"database unavailable\"}"));
        server.answer(new Answer(201, "{\"id\": 43, \"duplicate\": false, \"replaced\": false}"));

        assertThat(upload(folder.toString(), "--url", url(), "--campaign", "12345678901-2")).as(printed()).isZero();
        assertThat(server.requests()).hasSize(2).allSatisfy(request -> assertThat(request.query())
                .isEqualTo("tz=" + ZoneId.systemDefault().getId() + "&campaign=12345678901-2"));
        assertThat(new ResultsUploader(url(), TOKEN, "MPUNIT_UPLOAD_TOKEN", java.util.Optional.of("12345678901-2"))
                .command(folder)).isEqualTo("./mpunit upload " + folder + " --url " + url() + " --campaign 12345678901-2");

        assertThat(upload(folder.toString(), "--url", url(), "--campaign=run 7")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mpunit upload: --campaign: the campaign id 'run 7' has characters other"
                + " than letters, digits and . _ - :");
        assertThat(server.requests()).as("a bad id is not pushed").hasSize(2);
    }

    @Test
    void theServersWaitIsHonouredWhenItAsksForLonger() throws Exception {
        server.answer(new Answer(429, "{\"error\": \"slow down\"}", Map.of("Retry-After", "7")));
        server.answer(new Answer(200, "{\"id\": 42, \"duplicate\": true}"));

        assertThat(upload(folder.toString(), "--url", url())).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("were pushed to " + url() + " before: " + url() + "/runs/42");
    }

    @Test
    void theWaitsAreJitteredAroundTheirDelays() {
        ResultsUploader.Backoff low = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.0);
        ResultsUploader.Backoff high = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.999);

        assertThat(low.wait(4, java.util.Optional.empty())).isEqualTo(Duration.ofSeconds(12));
        assertThat(high.wait(4, java.util.Optional.empty())).isBetween(Duration.ofMillis(19_900), Duration.ofSeconds(20));
        assertThat(high.wait(0, java.util.Optional.of(Duration.ofHours(1)))).as("a server's wait is capped")
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRefusalIsNotRetriedAndSaysTheServersMessageAsItIs() throws Exception {
        server.answer(new Answer(403, "{\"error\": \"token is for testbed 'a', run is from 'lab'\"}"));

        int exit = upload(folder.toString(), "--url", url());

        assertThat(exit).isEqualTo(1);
        assertThat(server.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mpunit: upload to " + url()
                + " refused (HTTP 403: token is for testbed 'a', run is from 'lab'); the results stay in " + folder
                + System.lineSeparator());
    }

    @Test
    void aServerThatStaysDownExhaustsTheRetriesWithExitCodeTwoAndTheCommandForLater() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.answer(new Answer(503, "{\"error\": \"database unavailable\"}"));
        }

        int exit = upload(folder.toString(), "--url", url());

        assertThat(exit).isEqualTo(2);
        assertThat(server.requests()).hasSize(6);
        assertThat(waits).containsExactlyElementsOf(ResultsUploader.DELAYS);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("mpunit: upload to " + url()
                + " failed (HTTP 503: database unavailable; 6 tries); the results stay in " + folder
                + "; push them later with ./mpunit upload " + folder + " --url " + url() + System.lineSeparator());
    }

    @Test
    void noConnectionIsRetriedToo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        int exit = upload(folder.toString(), "--url", "http://127.0.0.1:" + closed);

        assertThat(exit).isEqualTo(2);
        assertThat(waits).hasSize(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed (cannot connect to 127.0.0.1:" + closed);
    }

    @Test
    void theTokenIsNeverPrintedEvenWhenTheServerRepeatsIt() throws Exception {
        server.answer(new Answer(401, "{\"error\": \"invalid token " + TOKEN + "\"}"));

        assertThat(upload(folder.toString(), "--url", url())).isEqualTo(1);
        assertThat(printed()).contains("invalid token ***").doesNotContain(TOKEN);
    }

    @Test
    void theServerAndTheTokenComeFromTheEnvironmentAndTheirAbsenceIsSaid() throws Exception {
        PrintStream quiet = new PrintStream(err, true, StandardCharsets.UTF_8);
        ResultsUploader.Backoff backoff = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.5);
        server.answer(new Answer(201, "{\"id\": 7}"));

        assertThat(ResultsUploader.run(List.of(folder.toString()), Map.of("MPUNIT_UPLOAD_URL", url() + "/",
                "CI_PUSH", TOKEN), quiet, quiet, backoff)).as("no token in MPUNIT_UPLOAD_TOKEN").isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no push token: set the environment variable MPUNIT_UPLOAD_TOKEN");
        assertThat(ResultsUploader.run(List.of(folder.toString(), "--token-env", "CI_PUSH"), Map.of("MPUNIT_UPLOAD_URL",
                url() + "/", "CI_PUSH", TOKEN), quiet, quiet, backoff)).isZero();
        assertThat(server.requests()).singleElement().extracting(Request::authorization).isEqualTo("Bearer " + TOKEN);
        assertThat(ResultsUploader.run(List.of(folder.toString()), Map.of("MPUNIT_UPLOAD_TOKEN", TOKEN), quiet, quiet,
                backoff)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("which results server? give --url <server> or set MPUNIT_UPLOAD_URL");
        assertThat(upload(temp.resolve("missing").toString(), "--url", url())).isEqualTo(1);
        assertThat(upload(folder.toString(), "--url", "ftp://example.org")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a folder: give a results folder",
                "'ftp://example.org' is not an http or https URL");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerBehindAPathKeepsItsPath() throws Exception {
        server.answer(new Answer(201, "{\"id\": 3}"));

        assertThat(upload(folder.toString(), "--url", url() + "/mpunit")).isZero();
        assertThat(server.requests()).singleElement().extracting(Request::path).isEqualTo("/mpunit/api/v1/runs");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(url() + "/mpunit/runs/3");
    }

    @Test
    void theCommandForLaterIsQuotedForTheShellAndNamesAnotherTokenVariable() {
        ResultsUploader uploader = new ResultsUploader("https://results.example.org", TOKEN, "CI_PUSH");

        assertThat(uploader.command(Path.of("/home/me/my results/it's"))).isEqualTo(
                "./mpunit upload '/home/me/my results/it'\\''s' --url https://results.example.org --token-env CI_PUSH");
    }
}
