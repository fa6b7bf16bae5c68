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

    /** A board that rebooted all night: its record keeps its first actions and counts the rest; so do the USB messages. */
    @Test
    void recordsTooLongToStoreKeepTheirFirstEntriesAndCountTheOthers() throws UploadRejected {
        StringBuilder actions = new StringBuilder();
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            actions.append(i == 0 ? "" : ", ").append("{\"time\": \"2026-12-01T02:00:00Z\", \"action\": \"power cycle\", "
                    + "\"detail\": \"port 3 of hub 1-1: off, to recover the board (the recovery ladder's hard reset)\"}");
            messages.append(i == 0 ? "" : ", ").append("{\"severity\": \"warning\", \"time\": \"" + i + ".5\", "
                    + "\"location\": \"1-1.3\", \"message\": \"usb 1-1.3: device descriptor read/64, error -71\"}");
        }
        String context = CONTEXT.formatted("mpunit").replace("\"unfinished\": false", "\"unfinished\": false, "
                + "\"usb_health\": {\"state\": \"warning\", \"reason\": null, \"messages\": [" + messages + "]}");
        TarGz tar = new TarGz().file("context.json", context)
                .file("tentacles.json", "{\"tentacles\": [{\"tentacle\": \"0001-MICROBIT\", \"actions\": [" + actions
                        + "]}, {\"tentacle\": \"0002-MICROBIT\", \"actions\": [{\"time\": \"2026-12-01T02:00:00Z\", "
                        + "\"action\": \"failed\", \"detail\": \"" + "d".repeat(30_000) + "\"}]}]}")
                .file("RUN-X@y/context_test.json", "{\"results\": [{\"name\": \"a.py\", \"result\": \"pass\"}]}");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        TestbedRecords records = run.records();
        assertThat(records.tentaclesJson().length()).isLessThanOrEqualTo(FieldLengths.RECORDS);
        assertThat(records.usbHealthJson().length()).isLessThanOrEqualTo(FieldLengths.RECORDS);
        TestbedRecords.TentacleLife rebooting = records.tentacles().get(0);
        assertThat(rebooting.actions()).isNotEmpty();
        assertThat(rebooting.actions().size() + rebooting.leftOut()).isEqualTo(20_000);
        assertThat(records.tentacles().get(1).actions().get(0).detail()).hasSize(20_000).endsWith("d…");
        assertThat(records.tentacles().get(1).leftOut()).isZero();
        TestbedRecords.UsbHealth health = records.usbHealth();
        assertThat(health.messages().get(0).time()).isEqualTo("0.5");
        assertThat(health.messages().size() + health.leftOut()).isEqualTo(20_000);
        assertThat(health.leftOut()).isPositive();
        assertThat(TestbedRecords.fromJson(records.tentaclesJson(), records.usbHealthJson())).isEqualTo(records);
    }
}
