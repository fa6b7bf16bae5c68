package dev.mpunit.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.mpunit.server.store.Tokens;

/**
 * Closed reading ({@code --read token}) in the browser: a page sends the reader to the login form,
 * and once the read token is given the page's own requests to the API carry the cookie it set.
 */
class ClosedReadingBrowserTest {

    @Test
    void aPageAsksForTheReadTokenThenShowsTheRun(@TempDir Path folder) throws Exception {
        Chromium.assumeAvailable();
        try (SeededServer server = SeededServer.start(folder, true); Chromium browser = Chromium.start(1280, 800)) {
            String token = new Tokens(server.database()).createRead("maintainers").token();
            long run = server.lastRun();
            browser.driver().get(server.url("/runs/" + run));
            browser.until(ExpectedConditions.urlContains("/login"));
            browser.find("input[name=token]").sendKeys(token);
            browser.find("form[action='/login'] button, form[action='/login'] input[type=submit]").click();
            browser.until(ExpectedConditions.urlToBe(server.url("/runs/" + run)));
            browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-state]:not([data-state=loading])")));
            assertThat(browser.state()).isEqualTo("ready");
            assertThat(browser.find("h1").getText()).startsWith("Run #" + run);
            assertThat(browser.all("table.matrix tbody tr")).hasSize(2);
            assertThat(browser.driver().getPageSource()).doesNotContain(token);
        }
    }
}
