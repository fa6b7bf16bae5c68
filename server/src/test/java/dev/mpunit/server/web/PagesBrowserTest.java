package dev.mpunit.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.store.Database;

/**
 * Every page in Debian's headless Chromium, on one server with an embedded database seeded with
 * realistic runs: what a maintainer sees (headings, rows, cells, links), that what came from a test
 * stays text, and that the charts draw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {

    private Database database;
    private ResultsServer server;
    private Chromium browser;

    @BeforeAll
    void start(@TempDir Path folder) {
        Chromium.assumeAvailable();
        database = Database.open(Database.EMBEDDED, folder.resolve("data"), null, null);
        server = ResultsServer.start(ServerConfiguration.embedded(folder.resolve("data"), 0), database);
        browser = Chromium.start(1280, 800);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private String page(String path) {
        return server.uri().resolve(path).toString();
    }

    @Test
    void aRunThatIsNotThereIsSaidSo() {
        browser.open(page("/runs/987654"));
        assertThat(browser.state()).startsWith("error: Could not load this page: 404");
        assertThat(browser.texts("header.site nav a")).containsExactly("Runs", "Flaky tests", "Trends", "Compare", "API");
    }
}
