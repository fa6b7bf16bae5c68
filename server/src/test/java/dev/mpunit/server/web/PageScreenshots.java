package dev.mpunit.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the screenshots of docs/server-pages.md, one per page, from the same seeded server as the
 * browser tests. Run by hand and commit the images:
 * {@code mvn -o -q -B -pl server -am test -Dtest=PageScreenshots -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmpunit.screenshots=$PWD/docs/images}. Without the property it is skipped.
 */
class PageScreenshots {

    static final String FOLDER = "mpunit.screenshots";

    @Test
    void writeOnePerPage(@TempDir Path temp) throws Exception {
        String folder = System.getProperty(FOLDER);
        assumeTrue(folder != null && !folder.isBlank(), "-D" + FOLDER + "=<docs/images folder> not given: no screenshots written");
        Path images = Path.of(folder);
        Files.createDirectories(images);
        try (SeededServer server = SeededServer.start(temp); Chromium browser = Chromium.start(1280, 800)) {
            long run = server.lastRun();
            String output = SeededRuns.STANDARD + "@ESP32_GENERIC/extmod_machine_uart_irq.py.out";
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("runs", "/");
            pages.put("run", "/runs/" + run);
            pages.put("results", "/runs/" + run + "/results?verdict=fail,skip,xfail");
            pages.put("files", "/runs/" + run + "/files/" + output);
            pages.put("test", "/tests?group=" + SeededRuns.STANDARD + "&name="
                    + URLEncoder.encode(SeededRuns.FLAKY_TEST, StandardCharsets.UTF_8));
            pages.put("flaky", "/flaky");
            pages.put("trends", "/trends?testbed=" + SeededRuns.TESTBED + "&period=all");
            pages.put("compare", "/compare?base=" + server.runIds().get(4) + "&head=" + run);
            pages.put("campaign", "/campaigns/" + SeededRuns.CAMPAIGN);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.open(server.url(page.getValue()));
                assertThat(browser.state()).as(page.getValue()).isEqualTo("ready");
                Path target = images.resolve("server-" + page.getKey() + ".png");
                Files.write(target, browser.screenshot());
                System.out.println("wrote " + target + " (" + Files.size(target) / 1024 + " KiB) from " + page.getValue());
            }
        }
    }
}
