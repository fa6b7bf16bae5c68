package dev.mpunit.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.api.Http;
import dev.mpunit.server.api.TestbedRun;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Tokens;

/**
 * The pages on a run pushed as a testbed pushes it: the results folder the examples' webassembly
 * run wrote, as tar.gz through {@code POST /api/v1/runs}. An empty server says so first; the pushed
 * run's own {@code summary_report.html} is shown as text, its markup visible, none of it rendered.
 */
class UploadedRunBrowserTest {

    @Test
    void aPushedResultsFolderIsBrowsable(@TempDir Path folder) throws Exception {
        Chromium.assumeAvailable();
        try (Database database = Database.open(Database.EMBEDDED, folder, null, null);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), database);
                Chromium browser = Chromium.start(1280, 800)) {
            String base = server.uri().toString();
            browser.open(base);
            assertThat(browser.find("p.empty").getText()).startsWith("No runs here yet");
            browser.open(base + "trends");
            assertThat(browser.find("p.empty").getText()).isEqualTo("No testbed has pushed a run yet.");

            String token = new Tokens(database).createPush("webassembly-ci", null).token();
            String context = """
                    {"testbed": "webassembly-ci", "testbed_instance": "ci-1", "time_start": "2026-12-06 17:13:08",
                     "time_end": "2026-12-06 17:13:11", "ref_firmware": "1.27.0",
                     "ref_tests": "https://github.com/micropython/micropython.git@v1.27.0", "trigger": "push",
                     "commandline": "./mpunit examples/tests", "error": null, "unfinished": false,
                     "usb_health": {"state": "warning", "reason": null, "messages": [
                       {"severity": "warning", "time": "8813.462881", "location": "1-4.2.3",
                        "message": "usb 1-4.2.3: device descriptor read/64, error -71"},
                       {"severity": "critical", "time": null, "location": null,
                        "message": "xhci_hcd 0000:00:14.0: HC died; cleaning up"}]}}
                    """;
            HttpResponse<String> pushed = new Http(server.uri()).push("/api/v1/runs?tz=UTC",
                    Http.tarGz("mpunit-examples", Map.of("context.json", context, "tentacles.json", TestbedRun.TENTACLES)), token);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            long run = Http.json(pushed).get("id").asLong();

            browser.open(base);
            assertThat(browser.state()).isEqualTo("ready");
            assertThat(browser.texts("table.runs tbody tr td:nth-child(3)")).containsExactly("webassembly-ci");
            browser.open(base + "runs/" + run);
            assertThat(browser.find("h1").getText()).startsWith("Run #" + run).contains("webassembly-ci");
            assertThat(browser.texts("table.groups tbody tr td:nth-child(1)"))
                    .containsExactlyInAnyOrder("RUN-PERFBENCH", "RUN-TESTS_STANDARD");
            assertThat(browser.find("#failures p.empty").getText()).isEqualTo("No test failed in this run.");
            // The testbed's own records: a tentacle a line by label, folded over its actions; the USB messages listed.
            assertThat(browser.texts("details.tentacle > summary")).containsExactly(
                    "0001-MICROBIT power-cycled 1× to recover", "0002-MICROBIT flashed MICROBIT",
                    "0003-MICROBIT failed " + TestbedRun.PROGRAMMER_FAILED, "0004-MICROBIT as found");
            assertThat(browser.all("details.tentacle.failed")).hasSize(1);
            browser.find("details.tentacle.failed > summary").click();
            assertThat(browser.texts("details.tentacle.failed table.actions tbody tr td:nth-child(2)"))
                    .containsExactly("lock", "failed", "release");
            assertThat(browser.find("a[href$='/files/tentacles.json']").getText()).isEqualTo("tentacles.json");
            assertThat(browser.texts("table.usb tbody tr td:nth-child(3)")).containsExactly("1-4.2.3", "host controller");
            assertThat(browser.texts("table.usb tbody tr.usb-critical td:nth-child(4)"))
                    .containsExactly("xhci_hcd 0000:00:14.0: HC died; cleaning up");

            browser.open(base + "runs/" + run + "/results?group=RUN-PERFBENCH");
            assertThat(browser.all("table.results tbody tr")).isNotEmpty().allSatisfy(row ->
                    assertThat(row.findElement(By.cssSelector("td.message .bench")).getText()).startsWith("score "));

            browser.open(base + "runs/" + run + "/files/summary_report.html");
            assertThat(browser.state()).isEqualTo("ready");
            WebElement text = browser.find("pre.file");
            assertThat(text.getText()).startsWith("<!DOCTYPE html>").contains("<table", "RUN-TESTS_STANDARD");
            assertThat(browser.all("main table, main svg, main style")).isEmpty();
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }
}
