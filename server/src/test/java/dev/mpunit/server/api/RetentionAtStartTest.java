package dev.mpunit.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.RunWriter;
import dev.mpunit.server.store.SampleRuns;

/** {@code mpunit serve --retention-days N} purges as it starts (and daily after), baselines kept. */
class RetentionAtStartTest {

    @TempDir
    Path folder;

    @Test
    void aServerWithARetentionPurgesTheOldRunsAsItStarts() throws Exception {
        Path data = folder.resolve("data");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Database database = Database.open(Database.EMBEDDED, data, null, null)) {
            RunWriter writer = new RunWriter(database);
            writer.store(SampleRuns.run("bed-a", now.minusDays(100)).build());
            writer.setBaseline(writer.store(SampleRuns.run("bed-a", now.minusDays(200)).build()).runId(), true);
            writer.store(SampleRuns.run("bed-a", now.minusDays(1)).build());
        }
        try (ChildServer server = new ChildServer(List.of("--data", data.toString(), "--retention-days", "30"))) {
            String purged = server.awaitLine(Pattern.compile("retention: \\d+ runs started before"));

            assertThat(purged).contains("retention: 1 runs started before").contains("(baselines kept)");
            assertThat(Http.json(new Http(server.uri()).get("/api/v1/runs", (String) null)).get("items")).hasSize(2);
        }
    }
}
