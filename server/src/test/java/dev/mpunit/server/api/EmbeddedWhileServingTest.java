package dev.mpunit.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Retention;
import dev.mpunit.server.store.Tokens;

/**
 * The token and purge commands open the embedded file while {@code mpunit serve} (another process)
 * holds it: a token created then works at once, a purge takes effect, without stopping the server.
 */
class EmbeddedWhileServingTest {

    @TempDir
    Path folder;

    @Test
    void aTokenCreatedWhileTheServerRunsPushesAtOnceAndAPurgeTakesEffect() throws Exception {
        Path data = folder.resolve("data");
        try (ChildServer server = new ChildServer(List.of("--data", data.toString()))) {
            String token;
            try (Database command = Database.open(Database.EMBEDDED, data, null, null)) {
                token = new Tokens(command).createPush("bed-a", null).token();
            }
            HttpResponse<String> pushed = new Http(server.uri()).push("/api/v1/runs?testbed=bed-a",
                    Http.junitXml("RUN-TESTS", 3), token);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            try (Database command = Database.open(Database.EMBEDDED, data, null, null)) {
                assertThat(new Tokens(command).list()).singleElement().satisfies(
                        listed -> assertThat(listed.lastUsedAt()).as("the server's push is seen").isNotNull());
                assertThat(new Retention(command, java.time.Duration.ofDays(1)).purge())
                        .as("the run of 2026-12-01 (the XML's timestamp), purged while the server runs").isEqualTo(1);
            }
            assertThat(Http.json(new Http(server.uri()).get("/api/v1/runs", (String) null)).get("items")).isEmpty();
        }
    }
}
