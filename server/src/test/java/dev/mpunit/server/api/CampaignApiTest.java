package dev.mpunit.server.api;

import static dev.mpunit.server.api.Http.json;
import static dev.mpunit.server.api.Http.tarGz;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.contract.CommentBody;
import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.store.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A campaign through HTTP on both databases: two testbeds push the same examples' folder (one with the
 * campaign in its {@code context.json}, the other with {@code ?campaign=}), each with a failure of its own,
 * a third run stays on its own; the campaign is one report (runs, testbeds, a column per testbed × variant,
 * a row per test failing anywhere) and one comment; the ids and pushes it refuses, and why.
 */
class CampaignApiTest {

    static final String CAMPAIGN = "9876543210-1";
    static final String RESULTS = "RUN-TESTS_STANDARD@webassembly/_results.json";
    static final String CONTEXT_TEST = "RUN-TESTS_STANDARD@webassembly/context_test.json";

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void twoTestbedsPushedWithOneIdAreOneReportAndOneComment(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            String a = tokens.createPush("lab-a", null).token();
            String b = tokens.createPush("lab-b", null).token();
            Http http = new Http(server.uri());

            HttpResponse<String> ofA = http.push("/api/v1/runs?tz=UTC", folder("lab-a", "\"" + CAMPAIGN + "\"", "17:13:08",
                    "basics/bytes_ops.py"), a);
            HttpResponse<String> ofB = http.push("/api/v1/runs?tz=UTC&campaign=" + CAMPAIGN, folder("lab-b", "null",
                    "17:20:00", "basics/dict_ops.py"), b);
            HttpResponse<String> alone = http.push("/api/v1/runs?tz=UTC", folder("lab-a", "null", "18:00:00",
                    "basics/dict_ops.py"), a);
            assertThat(List.of(ofA, ofB, alone)).allSatisfy(push -> assertThat(push.statusCode()).as(push.body()).isEqualTo(201));
            long idA = json(ofA).get("id").asLong();
            long idB = json(ofB).get("id").asLong();
            assertThat(json(ofA).get("campaign").asString()).isEqualTo(CAMPAIGN);
            assertThat(json(ofB).get("campaign").asString()).as("from ?campaign=").isEqualTo(CAMPAIGN);
            assertThat(json(alone).get("campaign").isNull()).isTrue();

            HttpResponse<String> answer = http.get("/api/v1/campaigns/" + CAMPAIGN, (String) null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode campaign = json(answer);
            assertThat(campaign.get("campaign").asString()).isEqualTo(CAMPAIGN);
            assertThat(ids(campaign.get("runs"), "id")).containsExactly(Long.toString(idA), Long.toString(idB));
            assertThat(ids(campaign.get("testbeds"), "testbed")).containsExactly("lab-a", "lab-b");
            assertThat(campaign.get("testbeds").get(0).get("totals").get("fail").asInt()).isEqualTo(1);
            assertThat(campaign.get("totals").get("total").asInt()).isEqualTo(42);
            assertThat(campaign.get("totals").get("fail").asInt()).isEqualTo(2);
            assertThat(campaign.get("time_start").asString()).isEqualTo("2026-12-06T17:13:08Z");
            assertThat(campaign.get("unfinished").asBoolean()).isFalse();
            assertThat(campaign.get("columns").toString()).isEqualTo(
                    "[{\"testbed\":\"lab-a\",\"variant\":\"webassembly\",\"run_id\":" + idA + "},"
                    + "{\"testbed\":\"lab-b\",\"variant\":\"webassembly\",\"run_id\":" + idB + "}]");
            JsonNode rows = campaign.get("rows");
            assertThat(ids(rows, "name")).containsExactly("basics/bytes_ops.py", "basics/dict_ops.py");
            assertThat(rows.get(0).get("cells").get(0).get("verdict").asString()).isEqualTo("fail");
            assertThat(rows.get(0).get("cells").get(1).get("verdict").asString()).isEqualTo("pass");
            assertThat(rows.get(1).get("cells").get(0).get("verdict").asString()).isEqualTo("pass");
            assertThat(rows.get(1).get("cells").get(1).get("verdict").asString()).isEqualTo("fail");
            assertThat(campaign.get("failing_tests").asInt()).isEqualTo(2);
            assertThat(campaign.get("capped").asBoolean()).isFalse();

            HttpResponse<String> comment = http.get("/api/v1/campaigns/" + CAMPAIGN
                    + "/comment.md?marker=campaign&base=https://results.example.org/mpunit", (String) null);
            assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
            assertThat(comment.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/markdown"));
            assertThat(comment.body()).startsWith(CommentBody.marker("campaign") + "\n### mpunit campaign `" + CAMPAIGN
                    + "`: 2 testbeds, 2 boards, 2 failures\n")
                    .contains("| lab-a | [" + idA + "](https://results.example.org/mpunit/runs/" + idA + ") | 21 | 20 | **1** |")
                    .contains("| Test | Group | lab-a<br>webassembly | lab-b<br>webassembly |")
                    .contains("| basics/bytes\\_ops.py | RUN-TESTS\\_STANDARD | [**FAIL**](https://results.example.org/mpunit/runs/"
                            + idA + "/files/RUN-TESTS_STANDARD@webassembly/basics_bytes_ops.py.out) | pass |")
                    .endsWith("Full report: [the campaign on the results server](https://results.example.org/mpunit/campaigns/"
                            + CAMPAIGN + ")\n");

            Files.writeString(folder.resolve("comment-" + kind + ".md"), comment.body());
            assertThat(http.get("/campaigns/" + CAMPAIGN, (String) null).statusCode()).as("the page").isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void badIdsUnknownCampaignsAndContradictionsAreRefusedWithWhatToDo(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            String a = new Tokens(opened.database()).createPush("lab-a", null).token();
            Http http = new Http(server.uri());

            assertThat(error(http.get("/api/v1/campaigns/nobody-1", (String) null))).isEqualTo("404 no campaign 'nobody-1':"
                    + " no stored run was pushed with it (mpunit test --campaign, mpunit upload --campaign), or its runs were"
                    + " deleted or purged; GET /api/v1/runs lists the runs with their campaign");
            assertThat(error(http.get("/api/v1/campaigns/-x", (String) null))).startsWith("400 campaign id '-x' is none:");
            assertThat(http.get("/campaigns/%20x", (String) null).statusCode()).isEqualTo(404);

            HttpResponse<String> contradicting = http.push("/api/v1/runs?tz=UTC&campaign=other-2",
                    folder("lab-a", "\"" + CAMPAIGN + "\"", "17:13:08", "basics/bytes_ops.py"), a);
            assertThat(error(contradicting)).isEqualTo("400 the run is of campaign '" + CAMPAIGN + "' (context.json),"
                    + " ?campaign= says 'other-2': leave ?campaign= (mpunit upload --campaign) out");
            HttpResponse<String> badInFile = http.push("/api/v1/runs?tz=UTC", folder("lab-a", "\"a b\"", "17:13:08",
                    "basics/bytes_ops.py"), a);
            assertThat(error(badInFile)).startsWith("400 context.json: the campaign id 'a b' has characters other than");

            // Pushed at the end of the run without one, then again by mpunit upload --campaign: the run joins it.
            byte[] body = folder("lab-a", "null", "17:30:00", "basics/bytes_ops.py");
            long id = json(http.push("/api/v1/runs?tz=UTC", body, a)).get("id").asLong();
            HttpResponse<String> joined = http.push("/api/v1/runs?tz=UTC&campaign=" + CAMPAIGN, body, a);
            assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
            assertThat(json(joined).get("duplicate").asBoolean()).isTrue();
            assertThat(json(http.get("/api/v1/runs/" + id, (String) null)).get("campaign").asString()).isEqualTo(CAMPAIGN);
            assertThat(error(http.push("/api/v1/runs?tz=UTC&campaign=other-2", body, a))).isEqualTo("409 run already stored"
                    + " (id " + id + ") in campaign '" + CAMPAIGN + "', not 'other-2'; delete it first (DELETE /api/v1/runs/"
                    + id + " with the testbed's token) to store it in the other one");
        }
    }

    /** The examples' folder as a testbed pushes it: its testbed, campaign (JSON) and start, one test failing. */
    static byte[] folder(String testbed, String campaign, String start, String failing) throws Exception {
        String context = "{\"testbed\": \"" + testbed + "\", \"testbed_instance\": null, \"time_start\": \"2026-12-06 " + start
                + "\", \"time_end\": \"2026-12-06 " + start.substring(0, 6) + "59\", \"ref_firmware\": null, \"ref_tests\": null,"
                + " \"trigger\": \"PR #42\", \"campaign\": " + campaign + ", \"commandline\": null, \"error\": null,"
                + " \"unfinished\": false}\n";
        String results = resource(RESULTS);
        String failed = results.replaceAll("(\"" + failing.replace(".", "\\.") + "\",\\s*)\"pass\"", "$1\"fail\"")
                .replace("\"failed_tests\": []", "\"failed_tests\": [\"" + failing + "\"]");
        String contextTest = resource(CONTEXT_TEST);
        String failedToo = contextTest.replaceAll("(\"name\": \"" + failing.replace(".", "\\.") + "\",\\s*\"result\": )\"pass\"",
                "$1\"fail\"");
        assertThat(failed).as("the fixture's results name " + failing).isNotEqualTo(results);
        assertThat(failedToo).as("the fixture's context_test.json names " + failing).isNotEqualTo(contextTest);
        return tarGz("mpunit-examples", Map.of("context.json", context, RESULTS, failed, CONTEXT_TEST, failedToo,
                "RUN-TESTS_STANDARD@webassembly/" + failing.replace('/', '_') + ".out", "what " + testbed + " printed\n"));
    }

    private static String resource(String path) throws Exception {
        try (var in = CampaignApiTest.class.getResourceAsStream("/uploads/mpunit-examples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asString()));
        return values;
    }

    private static String error(HttpResponse<String> response) {
        return response.statusCode() + " " + json(response).get("error").asString();
    }
}
