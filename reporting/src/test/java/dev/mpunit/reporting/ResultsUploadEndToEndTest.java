package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Tokens;

/**
 * The push against the real results server (embedded database in a temporary folder), after real
 * webassembly runs of a testbed named {@code lab-e2e}: a server that is down leaves the folder as
 * it was and a message whose command, run later as printed, stores the run once; a wrong token or
 * another testbed's is refused with the server's own message and exit code 1; and the token shows
 * nowhere but in the header.
 */
class ResultsUploadEndToEndTest {

    static final Path TREE = ResultsPushEndToEndTest.TREE;
    static final Path INVENTORY = Path.of("src/test/resources/fixtures/upload-testbed/lab-e2e.json").toAbsolutePath();
    static final String TESTBED = "lab-e2e";

    @TempDir
    Path temp;

    private Database database;
    private ResultsServer server;
    private String token;
    private final List<Duration> waits = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void openTheDatabase() throws Exception {
        WebAssemblyAvailable.assumeNode();
        database = Database.open(Database.EMBEDDED, temp.resolve("data"), null, null);
        token = new Tokens(database).createPush(TESTBED, "end-to-end test").token();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aServerThatIsDownLeavesTheFolderAndTheCommandItPrintsStoresTheRunOnceLater() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Path results = temp.resolve("results");

        String log = run(results, url, token);

        String command = "./mpunit upload " + results + " --url " + url;
        assertThat(log).contains("mpunit: upload to " + url + " failed (cannot connect to 127.0.0.1:" + port)
                .contains("; the results stay in " + results + "; push them later with " + command + "\n");
        Map<String, String> before = snapshot(results);

        server = ResultsServer.start(ServerConfiguration.embedded(temp.resolve("data"), port), database);
        List<String> arguments = Arrays.asList(command.substring("./mpunit upload ".length()).split(" "));
        assertThat(upload(arguments, token)).as(printed()).isZero();
        assertThat(printed()).contains("mpunit: the results in " + results + " were pushed to " + url + ": " + url + "/runs/");
        assertThat(upload(arguments, token)).as("a second push of the same folder").isZero();
        assertThat(printed()).contains("were pushed to " + url + " before");

        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.get("testbed")).isEqualTo(TESTBED);
            assertThat(totals(run)).containsEntry("total", 2L).containsEntry("pass", 1L).containsEntry("fail", 1L);
        });
        assertThat(snapshot(results)).as("the folder as the run left it").isEqualTo(before);
        assertThat(waits).isEmpty();
        assertThat(log + printed()).doesNotContain(token);
        assertThat(before.values()).noneMatch(content -> content.contains(token));
    }

    @Test
    void theRunPushesAtItsEndAndAWrongTokenIsRefusedWithTheServersMessage() throws Exception {
        server = ResultsServer.start(ServerConfiguration.embedded(temp.resolve("data"), 0), database);
        String url = server.uri().toString().replaceAll("/$", "");
        Path results = temp.resolve("results");

        String log = run(results, url, token);

        assertThat(log).contains("mpunit: the results in " + results + " were pushed to " + url + ": " + url + "/runs/");
        assertThat(runs()).hasSize(1);

        String wrong = "mpt_" + "x".repeat(43);
        String said = serversError(url, results, wrong);
        assertThat(upload(List.of(results.toString(), "--url", url), wrong)).isEqualTo(1);
        assertThat(printed()).contains("mpunit: upload to " + url + " refused (HTTP 401: " + said + "); the results stay in "
                + results);

        String otherTestbeds = new Tokens(database).createPush("another-lab", "end-to-end test").token();
        String otherSaid = serversError(url, results, otherTestbeds);
        assertThat(upload(List.of(results.toString(), "--url", url), otherTestbeds)).isEqualTo(1);
        assertThat(printed()).contains("refused (HTTP 403: " + otherSaid + ")");

        assertThat(runs()).as("nothing more stored").hasSize(1);
        assertThat(waits).as("a refusal is not retried").isEmpty();
        assertThat(log + printed()).doesNotContain(token).doesNotContain(wrong).doesNotContain(otherTestbeds);
    }

    private String run(Path results, String url, String pushToken) throws Exception {
        return ResultsPushEndToEndTest.run(results, url, Map.of("MPUNIT_UPLOAD_TOKEN", pushToken),
                ReportingConfigurationKeys.TESTBED + "=" + INVENTORY);
    }

    private int upload(List<String> arguments, String pushToken) throws InterruptedException {
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ResultsUploader.Backoff backoff = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.5);
        return ResultsUploader.run(arguments, Map.of("MPUNIT_UPLOAD_TOKEN", pushToken), stream, stream, backoff);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** What the server answers this token for this folder, asked without the uploader. */
    private static String serversError(String url, Path folder, String pushToken) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/runs"))
                .header("Authorization", "Bearer " + pushToken).header("Content-Type", "application/gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(FolderArchive.tarGz(folder))).build(),
                HttpResponse.BodyHandlers.ofString());
        return (String) JsonReader.object(response.body()).get("error");
    }

    /** The runs the server lists (its read API), newest first. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> runs() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("api/v1/runs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) JsonReader.object(response.body()).get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> totals(Map<String, Object> run) {
        return (Map<String, Object>) run.get("totals");
    }

    /** Every file's content and time: what "untouched" means. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> snapshot = new TreeMap<>(ResultsPushEndToEndTest.contents(folder));
        for (Path file : SecretsRedactionTest.allFiles(folder)) {
            snapshot.put(folder.relativize(file) + " modified", Files.getLastModifiedTime(file).toString());
        }
        return snapshot;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
