package dev.mpunit.server.api;

import static dev.mpunit.server.api.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.store.Tokens;

class AccessControlTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void readingIsPublicByDefault(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            Http http = new Http(server.uri());
            assertThat(http.get("/api/v1/runs", (String) null).statusCode()).isEqualTo(200);
            assertThat(http.get("/login", (String) null).body()).contains("Reading is public on this server");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void closedReadingNeedsAReadTokenAsBearerOrAsTheCookieLoginSets(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder); ResultsServer server = ResultsServer.start(
                ServerConfiguration.embedded(folder, 0).withReadClosed(true), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            String reader = tokens.createRead("maintainers").token();
            String pusher = tokens.createPush("bed-a", null).token();
            Http http = new Http(server.uri());

            HttpResponse<String> anonymous = http.get("/api/v1/runs", (String) null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(json(anonymous).get("error").asString()).startsWith("missing read token: reading is closed");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(http.get("/api/v1/runs", pusher).statusCode()).as("a push token does not read").isEqualTo(401);
            assertThat(http.get("/api/v1/runs", "mpt_unknown").statusCode()).isEqualTo(401);
            assertThat(http.get("/api/v1/runs", reader).statusCode()).isEqualTo(200);

            HttpResponse<String> page = http.get("/runs/1?x=1", (String) null);
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fruns%2F1");

            HttpResponse<String> form = http.get("/login?next=/runs/1", (String) null);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("<form method=\"post\" action=\"/login\"")
                    .contains("name=\"next\" value=\"/runs/1\"");

            HttpResponse<String> refused = http.form("/login", "token=" + URLEncoder.encode(pusher, StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("not a valid read token").doesNotContain(pusher);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

            HttpResponse<String> login = http.form("/login", "next=%2Fruns%2F1&token="
                    + URLEncoder.encode(reader, StandardCharsets.UTF_8));
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location")).contains("/runs/1");
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(AccessControl.COOKIE + "=").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("Path=/");
            String pair = cookie.substring(0, cookie.indexOf(';'));
            assertThat(http.get("/api/v1/runs", Map.of("Cookie", pair)).statusCode()).isEqualTo(200);

            tokens.revoke(reader);
            assertThat(http.get("/api/v1/runs", Map.of("Cookie", pair)).statusCode()).as("revoked").isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void pushingNeedsNoReadTokenWhenReadingIsClosed(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder); ResultsServer server = ResultsServer.start(
                ServerConfiguration.embedded(folder, 0).withReadClosed(true), opened.database())) {
            String pusher = new Tokens(opened.database()).createPush("bed-a", null).token();
            HttpResponse<String> pushed = new Http(server.uri()).push("/api/v1/runs?testbed=bed-a",
                    Http.junitXml("RUN-TESTS", 3), pusher);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        }
    }

    @Test
    void afterLoginOnlyAPathOnThisServerIsFollowed() {
        assertThat(AccessControl.next("/runs/3?x=1")).isEqualTo("/runs/3?x=1");
        assertThat(AccessControl.next("//evil.example/x")).isEqualTo("/");
        assertThat(AccessControl.next("https://evil.example/")).isEqualTo("/");
        assertThat(AccessControl.next("/\\evil.example")).isEqualTo("/");
        assertThat(AccessControl.next(null)).isEqualTo("/");
    }
}
