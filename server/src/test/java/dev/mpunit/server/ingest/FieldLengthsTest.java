package dev.mpunit.server.ingest;

import static dev.mpunit.server.ingest.Fixtures.upload;
import static dev.mpunit.server.ingest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the store's columns cannot hold: names are refused, free text is cut. */
class FieldLengthsTest {

    private static final String CONTEXT = """
            {"testbed": "lab", "time_start": "2026-12-01 02:00:00", "commandline": "%s", "unfinished": false}""";

    @Test
    void aTestNameTooLongToStoreIsRefused() {
        String results = "{\"args\": {\"target\": \"unix\"}, \"results\": [[\"" + "x".repeat(1001) + "\", \"pass\", \"\"]]}";

        assertThatThrownBy(() -> Uploads.parse(upload(utf8(results), Map.of("testbed", "ci")), UploadLimits.DEFAULTS))
                .isInstanceOf(UploadRejected.class).hasFieldOrPropertyWithValue("status", 400)
                .hasMessageStartingWith("a test name in RUN-TESTS@unix has 1001 characters, at most 1000 are stored: xxx");
    }

    @Test
    void aTestbedNameTooLongToStoreIsRefused() {
        assertThatThrownBy(() -> Uploads.parse(upload(utf8("{\"results\": []}"), Map.of("testbed", "t".repeat(201),
                "variant", "unix")), UploadLimits.DEFAULTS)).isInstanceOf(UploadRejected.class)
                .hasMessageStartingWith("the testbed has 201 characters, at most 200 are stored");
    }

    @Test
    void aLongCommandLineMessageAndIncidentsAreCut() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("c".repeat(30_000)))
                .file("RUN-X@y/context_test.json", "{\"results\": [{\"name\": \"a.py\", \"result\": \"fail\", \"text\": \""
                        + "m".repeat(9000) + "\", \"incidents\": [\"" + "i".repeat(5000) + "\", \"" + "j".repeat(5000)
                        + "\"]}]}");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.run().commandline()).hasSize(20_000).endsWith("c…");
        ParsedResult result = run.testRuns().get(0).results().get(0);
        assertThat(result.message()).hasSize(8000).endsWith("m…");
        assertThat(result.incidents()).containsExactly("i".repeat(5000), "… and 1 more");
    }
}
