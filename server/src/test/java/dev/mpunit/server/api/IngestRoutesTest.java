package dev.mpunit.server.api;

import static dev.mpunit.server.api.Http.json;
import static dev.mpunit.server.api.Http.tarGz;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.ingest.UploadLimits;
import dev.mpunit.server.store.Tokens;
import tools.jackson.databind.JsonNode;

class IngestRoutesTest {

    /** The examples' results folder names no testbed: the push says it. */
    private static final String PUSH = "/api/v1/runs?testbed=bed-a&tz=Europe/Zurich";

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aPushIsStoredAndAnsweredWithItsSummaryAndTheSamePushAgainIsADuplicate(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            Http http = new Http(server.uri());
            byte[] body = tarGz("mpunit-examples", Map.of());

            HttpResponse<String> first = http.push(PUSH, body, token);
            HttpResponse<String> again = http.push(PUSH, body, token);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            JsonNode run = json(first);
            long id = run.get("id").asLong();
            assertThat(first.headers().firstValue("Location")).contains("/api/v1/runs/" + id);
            assertThat(run.get("testbed").asString()).isEqualTo("bed-a");
            assertThat(run.get("time_start").asString()).as("17:13:08 in Zurich").isEqualTo("2026-12-06T16:13:08Z");
            assertThat(run.get("totals").get("total").asInt()).isEqualTo(21);
            assertThat(run.get("groups")).hasSize(2);
            assertThat(run.get("duplicate").asBoolean()).isFalse();
            assertThat(run.get("replaced").asBoolean()).isFalse();

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again).get("id").asLong()).isEqualTo(id);
            assertThat(json(again).get("duplicate").asBoolean()).isTrue();
            assertThat(count(opened, "runs")).isEqualTo(1);
            assertThat(count(opened, "results")).isEqualTo(21);
        }
    }

    /** A testbed run's tentacles.json and USB health are stored with it and answered with its summary. */
    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTestbedRunsTentaclesAndUsbHealthAreStoredAndAnswered(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            Http http = new Http(server.uri());

            HttpResponse<String> pushed = http.push("/api/v1/runs?tz=Europe/Zurich", tarGz("mpunit-examples",
                    Map.of("context.json", TestbedRun.CONTEXT, "tentacles.json", TestbedRun.TENTACLES)), token);
            HttpResponse<String> plain = http.push(PUSH, tarGz("mpunit-examples", Map.of()), token);

            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            long id = json(pushed).get("id").asLong();
            for (JsonNode run : List.of(json(pushed), json(http.get("/api/v1/runs/" + id, (String) null)))) {
                JsonNode tentacles = run.get("tentacles");
                assertThat(tentacles).hasSize(4);
                assertThat(tentacles.get(1).get("tentacle").asString()).as("as tentacles.json lists them")
                        .isEqualTo("0001-MICROBIT");
                assertThat(tentacles.get(1).get("left_out").asInt()).isZero();
                assertThat(tentacles.get(1).get("actions").get(4).get("detail").asString())
                        .isEqualTo("port 3 of hub 1-1: off, to recover the board (the recovery ladder's hard reset)");
                assertThat(tentacles.get(3).get("actions").get(1).get("action").asString()).isEqualTo("failed");
                assertThat(tentacles.get(3).get("actions").get(1).get("detail").asString())
                        .isEqualTo(TestbedRun.PROGRAMMER_FAILED);
                assertThat(tentacles.get(3).get("actions").get(1).get("time").asString())
                        .isEqualTo("2026-12-06T16:13:09.310Z");
                JsonNode usb = run.get("usb_health");
                assertThat(usb.get("state").asString()).isEqualTo("critical");
                assertThat(usb.get("reason").asString()).isEqualTo(TestbedRun.USB_REASON);
                assertThat(usb.get("messages")).hasSize(2);
                assertThat(usb.get("messages").get(1).get("location").isNull()).isTrue();
                assertThat(usb.get("messages").get(1).get("message").asString())
                        .isEqualTo("xhci_hcd 0000:00:14.0: HC died; cleaning up");
            }
            // The examples' own folder ran no tentacle and did not watch USB.
            assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
            JsonNode without = json(http.get("/api/v1/runs/" + json(plain).get("id").asLong(), (String) null));
            assertThat(without.get("tentacles")).isEmpty();
            assertThat(without.get("usb_health").isNull()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRunThatNamesNoTestbedIsStoredUnderTheTestbedOfTheTokenThatPushesIt(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            String token = tokens.createPush("bed-a", null).token();
            tokens.createPush("bed-b", null);
            Http http = new Http(server.uri());
            String namedB = "{\"testbed\": \"bed-b\", \"time_start\": \"2026-12-06 17:13:08\", \"time_end\": null, "
                    + "\"unfinished\": true}";

            // A run outside a testbed (./mpunit examples/tests) writes "testbed": null; the query cannot pose as the token.
            HttpResponse<String> unnamed = http.push("/api/v1/runs?token_testbed=bed-b", tarGz("mpunit-examples", Map.of()), token);
            HttpResponse<String> ofB = http.push("/api/v1/runs", tarGz("mpunit-examples", Map.of("context.json", namedB)), token);

            assertThat(unnamed.statusCode()).as(unnamed.body()).isEqualTo(201);
            assertThat(json(unnamed).get("testbed").asString()).isEqualTo("bed-a");
            assertThat(ofB.statusCode()).as(ofB.body()).isEqualTo(403);
            assertThat(json(ofB).get("error").asString()).startsWith("token is for testbed 'bed-a', run is from 'bed-b'");
            assertThat(count(opened, "runs")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aFinishedPushReplacesItsUnfinishedOneAndAnotherPushOfAFinishedRunIsRefused(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            Http http = new Http(server.uri());
            String unfinished = "{\"testbed\": null, \"time_start\": \"2026-12-06 17:13:08\", \"time_end\": null, "
                    + "\"error\": \"killed\", \"unfinished\": true}";

            HttpResponse<String> killed = http.push(PUSH, tarGz("mpunit-examples", Map.of("context.json", unfinished)), token);
            HttpResponse<String> finished = http.push(PUSH, tarGz("mpunit-examples", Map.of()), token);
            HttpResponse<String> other = http.push(PUSH, tarGz("mpunit-examples", Map.of("summary_report.md", "other")),
                    token);

            assertThat(killed.statusCode()).as(killed.body()).isEqualTo(201);
            assertThat(json(killed).get("unfinished").asBoolean()).isTrue();
            assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
            assertThat(json(finished).get("replaced").asBoolean()).isTrue();
            assertThat(json(finished).get("unfinished").asBoolean()).isFalse();
            long id = json(finished).get("id").asLong();
            assertThat(other.statusCode()).isEqualTo(409);
            assertThat(json(other).get("error").asString()).startsWith("run already stored (id " + id + "); delete it first");
            assertThat(count(opened, "runs")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aMissingWrongOrOtherTestbedsTokenIsRefusedAndNothingIsStored(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            Tokens.Created revoked = tokens.createPush("bed-a", null);
            tokens.revoke(revoked.hint());
            String otherTestbeds = tokens.createPush("bed-b", null).token();
            String reader = tokens.createRead(null).token();
            Http http = new Http(server.uri());
            String stored = tokens.createPush("bed-a", null).token();
            assertThat(http.push("/api/v1/runs?testbed=bed-a", Http.junitXml("RUN-TESTS", 5), stored).statusCode())
                    .isEqualTo(201);
            byte[] body = tarGz("mpunit-examples", Map.of());

            HttpResponse<String> missing = http.push(PUSH, body, null);
            HttpResponse<String> wrong = http.push(PUSH, body, "mpt_" + "A".repeat(43));
            HttpResponse<String> ofRevoked = http.push(PUSH, body, revoked.token());
            HttpResponse<String> ofOther = http.push(PUSH, body, otherTestbeds);
            HttpResponse<String> ofReader = http.push(PUSH, body, reader);

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(json(missing).get("error").asString()).startsWith("missing token: ");
            assertThat(missing.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).get("error").asString()).startsWith("invalid token: ").doesNotContain("AAAA");
            assertThat(ofRevoked.statusCode()).isEqualTo(401);
            assertThat(ofOther.statusCode()).isEqualTo(403);
            assertThat(json(ofOther).get("error").asString()).startsWith("token is for testbed 'bed-b', run is from 'bed-a'");
            assertThat(ofReader.statusCode()).isEqualTo(403);
            assertThat(json(ofReader).get("error").asString()).startsWith("a read token cannot push");
            assertThat(count(opened, "runs")).as("the run stored before, nothing else").isEqualTo(1);
            assertThat(count(opened, "results")).isEqualTo(5);
            assertThat(count(opened, "blobs")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void octoprobesMultipartShapeAndJunitXmlArePushedToo(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            Http http = new Http(server.uri());

            HttpResponse<String> multipart = http.pushMultipart(PUSH, tarGz("mpunit-examples", Map.of()), "nightly-42", token);
            HttpResponse<String> xml = http.push("/api/v1/runs?testbed=bed-a&trigger=pr-17", Http.junitXml("RUN-TESTS", 30),
                    token);

            assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(201);
            assertThat(xml.statusCode()).as(xml.body()).isEqualTo(201);
            assertThat(json(xml).get("format").asString()).isEqualTo("junit");
            assertThat(json(xml).get("trigger").asString()).isEqualTo("pr-17");
            assertThat(json(xml).get("totals").get("pass").asInt()).isEqualTo(30);
            assertThat(count(opened, "runs")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTestbedMarksItsRunAsBaselineAndDeletesItButNotAnotherTestbedsRun(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            String token = tokens.createPush("bed-a", null).token();
            String other = tokens.createPush("bed-b", null).token();
            Http http = new Http(server.uri());
            long id = json(http.push(PUSH, tarGz("mpunit-examples", Map.of()), token)).get("id").asLong();
            String run = "/api/v1/runs/" + id;

            assertThat(http.patch(run, "{\"baseline\": true}", other).statusCode()).isEqualTo(403);
            assertThat(http.patch(run, "{\"baseline\": true}", null).statusCode()).isEqualTo(401);
            HttpResponse<String> bad = http.patch(run, "{\"baseline\": \"yes\"}", token);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).get("error").asString()).contains("{\"baseline\": true}");
            HttpResponse<String> marked = http.patch(run, "{\"baseline\": true}", token);
            assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
            assertThat(json(marked).get("baseline").asBoolean()).isTrue();
            assertThat(json(http.get(run, (String) null)).get("baseline").asBoolean()).isTrue();

            assertThat(http.delete(run, other).statusCode()).isEqualTo(403);
            assertThat(count(opened, "runs")).isEqualTo(1);
            assertThat(http.delete(run, token).statusCode()).isEqualTo(204);
            assertThat(http.get(run, (String) null).statusCode()).isEqualTo(404);
            assertThat(http.delete(run, token).statusCode()).isEqualTo(404);
            assertThat(http.delete("/api/v1/runs/x", token).statusCode()).isEqualTo(400);
            assertThat(count(opened, "results")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aPushOf25000ResultsIsStoredWhole(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            Http http = new Http(server.uri());
            http.push("/api/v1/runs?testbed=bed-a&variant=warm-up", Http.junitXml("RUN-TESTS", 1000), token);
            byte[] body = Http.junitXml("RUN-TESTS_STANDARD", 25_000);

            long started = System.nanoTime();
            HttpResponse<String> pushed = http.push("/api/v1/runs?testbed=bed-a&variant=esp32", body, token);
            long ms = (System.nanoTime() - started) / 1_000_000;

            System.out.printf("POST /api/v1/runs on %s: 25,000 results (JUnit XML, %d KiB) parsed, stored and answered "
                    + "in %d ms%n", kind, body.length / 1024, ms);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            assertThat(json(pushed).get("totals").get("total").asInt()).isEqualTo(25_000);
            assertThat(count(opened, "results")).isEqualTo(26_000);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aPushOverTheBodyLimitIsRefused413NamingTheLimit(TestDatabases kind) throws Exception {
        UploadLimits small = new UploadLimits(64 * 1024, 100, 1024 * 1024, 512 * 1024);
        try (TestDatabases.Opened opened = kind.open(folder); ResultsServer server = ResultsServer.start(
                ServerConfiguration.embedded(folder, 0).withLimits(small), opened.database())) {
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            Http http = new Http(server.uri());
            byte[] body = Http.junitXml("RUN-TESTS", 2000);
            assertThat(body.length).isGreaterThan(64 * 1024);

            HttpResponse<String> raw = http.push("/api/v1/runs?testbed=bed-a", body, token);
            HttpResponse<String> multipart = http.pushMultipart("/api/v1/runs?testbed=bed-a", body, "x", token);

            assertThat(raw.statusCode()).as(raw.body()).isEqualTo(413);
            assertThat(json(raw).get("error").asString()).contains("limit");
            assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(413);
            assertThat(json(multipart).get("error").asString()).contains("limit");
            assertThat(count(opened, "runs")).isZero();
        }
    }

    static long count(TestDatabases.Opened opened, String table) throws SQLException {
        try (Connection connection = opened.database().connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
