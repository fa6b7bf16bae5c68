package dev.mpunit.server.web;

import static dev.mpunit.server.web.SeededRuns.BOARD_FAILURE;
import static dev.mpunit.server.web.SeededRuns.FLAKY_TEST;
import static dev.mpunit.server.web.SeededRuns.OTHER_TESTBED;
import static dev.mpunit.server.web.SeededRuns.PERFBENCH;
import static dev.mpunit.server.web.SeededRuns.SCRIPT;
import static dev.mpunit.server.web.SeededRuns.SCRIPT_TEST;
import static dev.mpunit.server.web.SeededRuns.STANDARD;
import static dev.mpunit.server.web.SeededRuns.TESTBED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.Verdict;

/**
 * Every page in Debian's headless Chromium, on one server whose embedded database holds
 * {@link SeededRuns}: what a maintainer sees (headings, rows, cells, links), that what came from a
 * test stays text, and that the charts draw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {

    private SeededServer server;
    private Chromium browser;

    @BeforeAll
    void start(@TempDir Path folder) throws Exception {
        Chromium.assumeAvailable();
        server = SeededServer.start(folder);
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
    }

    /** After every page: no script from a test ran, and the page's own code broke no rule of the CSP. */
    @AfterEach
    void nothingRanAndNothingWasBlocked() {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Uncaught"));
    }

    private void open(String path) {
        browser.open(server.url(path));
        assertThat(browser.state()).as("the page at %s", path).isEqualTo("ready");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---------- runs ----------

    @Test
    void theRunsPageListsEveryRunNewestFirstWithItsBar() {
        open("/");
        assertThat(browser.find("h1").getText()).isEqualTo("Runs");
        List<WebElement> rows = browser.all("table.runs tbody tr");
        assertThat(rows).hasSize(SeededRuns.all().size());
        List<String> first = cells(rows.get(0));
        assertThat(first.get(0)).isEqualTo("#" + server.unfinishedRun());
        assertThat(first.get(2)).startsWith(OTHER_TESTBED);
        assertThat(first.get(3)).isEqualTo("nightly");
        assertThat(first.get(10)).isEqualTo("unfinished");

        WebElement last = browser.find("table.runs tbody tr[data-run='" + server.lastRun() + "']");
        Map<Verdict, Long> totals = totals(SeededRuns.all().get(SeededRuns.lastNight()));
        long total = totals.values().stream().mapToLong(Long::longValue).sum();
        assertThat(cells(last).get(6)).isEqualTo(String.valueOf(totals.get(Verdict.PASS)));
        assertThat(cells(last).get(7)).isEqualTo(String.valueOf(totals.get(Verdict.FAIL)));
        // The bar's segments are as wide as their share of the run's tests.
        WebElement bar = last.findElement(By.cssSelector(".bar"));
        double barWidth = bar.getRect().getWidth();
        double passWidth = last.findElement(By.cssSelector(".bar .v-pass")).getRect().getWidth();
        double failWidth = last.findElement(By.cssSelector(".bar .v-fail")).getRect().getWidth();
        assertThat(passWidth / barWidth).isCloseTo((double) totals.get(Verdict.PASS) / total, within(0.02));
        assertThat(failWidth).isGreaterThan(0);
        assertThat(bar.getDomAttribute("title")).contains(totals.get(Verdict.FAIL) + " fail");
        assertThat(last.findElement(By.cssSelector("td a")).getDomProperty("href"))
                .isEqualTo(server.url("/runs/" + server.lastRun()));
    }

    @Test
    void theRunsFilterByTestbedKeepsTheChoiceInTheAddress() {
        open("/");
        new Select(browser.find("select[name=testbed]")).selectByVisibleText(OTHER_TESTBED);
        browser.find("form.filters button[type=submit]").click();
        browser.until(ExpectedConditions.urlContains("testbed=" + OTHER_TESTBED));
        browser.until(d -> d.findElement(By.id("main")).getDomAttribute("data-state").equals("ready"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("trigger=").doesNotContain("from=");
        List<WebElement> rows = browser.all("table.runs tbody tr");
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(cells(row).get(2)).startsWith(OTHER_TESTBED));
        assertThat(new Select(browser.find("select[name=testbed]")).getFirstSelectedOption().getText()).isEqualTo(OTHER_TESTBED);
    }

    @Test
    void theRunsFilterByPeriodAndRef() {
        // From and to are whole days (UTC): the fourth of December holds both testbeds' tenth night.
        open("/?from=2026-12-04&to=2026-12-04");
        assertThat(runIdsShown()).containsExactly("#" + server.runIds().get(SeededRuns.NIGHTS + 2), "#" + server.runIds().get(10));
        assertThat(browser.find("input[name=from]").getDomProperty("value")).isEqualTo("2026-12-04");

        String ref = SeededRuns.all().get(SeededRuns.lastNight()).run().refFirmware();
        open("/?ref=" + encoded(ref));
        assertThat(runIdsShown()).containsExactly("#" + server.unfinishedRun(), "#" + server.lastRun());
        assertThat(browser.all("table.runs tbody td.ref").stream().map(cell -> cell.getDomAttribute("title"))).containsOnly(ref);
    }

    @Test
    void theRunsPagesGoOlderNewerAndToTheOldest() {
        open("/?limit=5");
        List<String> newest = runIdsShown();
        assertThat(newest).hasSize(5);
        assertThat(browser.find("nav.pager .disabled").getText()).isEqualTo("Newest");
        clickAndWait("nav.pager a[rel=next]");
        List<String> older = runIdsShown();
        assertThat(older).hasSize(5).doesNotContainAnyElementsOf(newest);
        clickAndWait("nav.pager a[rel=prev]");
        assertThat(runIdsShown()).isEqualTo(newest);
        clickAndWait("nav.pager a[rel=last]");
        List<String> oldest = runIdsShown();
        assertThat(oldest).isNotEmpty().endsWith("#" + server.runIds().get(0));
        assertThat(browser.texts("nav.pager .disabled")).contains("Older", "Oldest");
    }

    // ---------- a campaign ----------

    // Issue 16, item 5: both testbeds' runs of one night, pushed with one campaign id, are one report.
    @Test
    void aCampaignIsOneReportOverEveryTestbedsBoardsReachedFromItsRuns() {
        long ofTestbed = server.runIds().get(SeededRuns.CAMPAIGN_NIGHT);
        long ofOther = server.runIds().get(SeededRuns.NIGHTS + SeededRuns.CAMPAIGN_NIGHT - (SeededRuns.NIGHTS - 4));
        open("/");
        assertThat(browser.find("table.runs tbody tr[data-run='" + ofOther + "'] a.campaign").getText())
                .isEqualTo("campaign " + SeededRuns.CAMPAIGN);
        open("/runs/" + ofTestbed);
        clickAndWait("dl.facts a.campaign");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(server.url("/campaigns/" + SeededRuns.CAMPAIGN));
        assertThat(browser.find("h1").getText()).isEqualTo("Campaign " + SeededRuns.CAMPAIGN);

        List<WebElement> testbeds = browser.all("table.testbeds tbody tr");
        assertThat(testbeds.stream().map(row -> cells(row).subList(0, 2)).toList()).containsExactly(
                List.of(OTHER_TESTBED, "#" + ofOther), List.of(TESTBED, "#" + ofTestbed));
        assertThat(testbeds.get(1).findElement(By.cssSelector("a.run-link")).getDomProperty("href"))
                .isEqualTo(server.url("/runs/" + ofTestbed));

        // Each testbed over its boards, then one column per board: the other testbed's one, this one's three.
        assertThat(browser.all("table.campaign-matrix thead tr:first-child th.testbed").stream()
                .map(th -> th.getText() + " ×" + th.getDomAttribute("colspan")).toList())
                .containsExactly(OTHER_TESTBED + " ×1", TESTBED + " ×3");
        assertThat(browser.texts("table.campaign-matrix thead tr:last-child th")).containsExactly("Test", "Group",
                "RPI_PICO2", "ESP32_GENERIC", "RPI_PICO2", "RPI_PICO2-RISCV");
        List<WebElement> rows = browser.all("table.campaign-matrix tbody tr");
        assertThat(rows.stream().map(row -> cells(row).subList(2, 6)).toList()).containsExactly(
                List.of("pass", "fail", "pass", "pass"),
                List.of("fail", "fail", "fail", "fail"));
        assertThat(cells(rows.get(0)).get(0)).startsWith(BOARD_FAILURE);
        assertThat(cells(rows.get(1)).get(0)).startsWith(FLAKY_TEST);
        assertThat(rows.get(0).findElement(By.cssSelector("td.cell-fail a")).getDomProperty("href"))
                .startsWith(server.url("/runs/" + ofTestbed + "/files/"));
        assertThat(rows.get(0).findElement(By.cssSelector("th a.test-name")).getDomProperty("href"))
                .isEqualTo("https://github.com/micropython/micropython/blob/master/tests/" + BOARD_FAILURE);
    }

    // ---------- a run ----------

    @Test
    void aRunShowsItsHeaderGroupsAndTheFailuresMatrix() {
        long run = server.lastRun();
        open("/runs/" + run);
        assertThat(browser.find("h1").getText()).startsWith("Run #" + run).contains(TESTBED).doesNotContain("unfinished");
        Map<String, String> facts = facts();
        assertThat(facts).containsEntry("Trigger", "nightly").containsEntry("Tests", SeededRuns.REF_TESTS)
                .containsEntry("Started", "2026-12-05 02:00 UTC");
        assertThat(facts.get("Firmware")).startsWith("https://github.com/micropython/micropython.git@v1.28.0-");

        List<WebElement> groups = browser.all("table.groups tbody tr");
        assertThat(groups.stream().map(row -> cells(row).get(0) + "@" + cells(row).get(1)))
                .containsExactlyInAnyOrder(STANDARD + "@RPI_PICO2", STANDARD + "@RPI_PICO2-RISCV", STANDARD + "@ESP32_GENERIC",
                        PERFBENCH + "@RPI_PICO2");

        List<String> variants = browser.texts("table.matrix thead th");
        assertThat(variants).startsWith("Test", "Group").contains("ESP32_GENERIC", "RPI_PICO2");
        List<WebElement> rows = browser.all("table.matrix tbody tr");
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector("th .test-name")).getText()))
                .containsExactlyInAnyOrder(BOARD_FAILURE, SCRIPT_TEST);
        WebElement uart = rows.stream().filter(row -> row.getText().contains(BOARD_FAILURE)).findFirst().orElseThrow();
        WebElement source = uart.findElement(By.cssSelector("th .test-name"));
        assertThat(source.getDomProperty("href")).startsWith("https://github.com/micropython/micropython/")
                .endsWith("/tests/" + BOARD_FAILURE);
        WebElement cell = uart.findElements(By.cssSelector("td")).get(1 + variants.indexOf("ESP32_GENERIC") - 2);
        assertThat(cell.getText()).isEqualTo("fail");
        assertThat(URI.create(cell.findElement(By.tagName("a")).getDomProperty("href")).getPath())
                .isEqualTo("/runs/" + run + "/files/" + STANDARD + "@ESP32_GENERIC/extmod_machine_uart_irq.py.out");

        // A test named <script>alert(1)</script> is that text, in the matrix as everywhere; such a
        // name is no file under tests/, so it links to no source, only to its history.
        WebElement script = rows.stream().filter(row -> !row.getText().contains(BOARD_FAILURE)).findFirst().orElseThrow();
        WebElement name = script.findElement(By.cssSelector("th .test-name"));
        assertThat(name.getText()).isEqualTo(SCRIPT_TEST);
        assertThat(name.getTagName()).isEqualTo("span");
        assertThat(script.findElement(By.linkText("history")).getDomProperty("href"))
                .isEqualTo(server.url("/tests?group=" + STANDARD + "&name=" + encoded(SCRIPT_TEST)));
        assertThat(browser.all("main script")).isEmpty();
    }

    @Test
    void aFailureCellOpensItsOutputAsText() {
        open("/runs/" + server.lastRun());
        WebElement row = browser.all("table.matrix tbody tr").stream().filter(r -> r.getText().contains(SCRIPT)).findFirst()
                .orElseThrow();
        row.findElement(By.cssSelector("a.verdict")).click();
        browser.until(ExpectedConditions.urlContains("/files/"));
        browser.until(d -> d.findElement(By.id("main")).getDomAttribute("data-state").equals("ready"));
        assertThat(browser.find("pre.file").getText()).contains(SCRIPT, "<b>bold</b> & <i>done</i>");
        assertThat(browser.all("main b, main i, main script")).isEmpty();
        assertThat(browser.find("nav.path").getText()).endsWith(SCRIPT_TEST.replace('/', '_') + ".out");
    }

    @Test
    void anUnfinishedRunSaysSoAndWhy() {
        open("/runs/" + server.unfinishedRun());
        assertThat(browser.find("h1 .badge.warn").getText()).isEqualTo("unfinished");
        assertThat(browser.find(".error-box").getText()).contains("the run was cancelled: tentacle 5f2c stopped answering");
        assertThat(browser.texts("table.groups tbody td .error-text")).containsExactly("tentacle 5f2c-RPI_PICO2 stopped answering");
    }

    @Test
    void aRunComparesWithAnEarlierOneOfItsTestbed() {
        long run = server.lastRun();
        long earlier = server.runIds().get(4);
        open("/runs/" + run);
        new Select(browser.find("select#compare-base")).selectByValue(String.valueOf(earlier));
        browser.find("form.inline button").click();
        browser.until(ExpectedConditions.urlContains("/compare"));
        browser.until(d -> d.findElement(By.id("main")).getDomAttribute("data-state").equals("ready"));
        assertThat(browser.driver().getCurrentUrl()).contains("base=" + earlier).contains("head=" + run);
    }

    // ---------- a run's results ----------

    @Test
    void theResultsFilterByVerdictAndShowMessagesAsText() {
        long run = server.lastRun();
        open("/runs/" + run + "/results?verdict=fail");
        assertThat(browser.find("h1").getText()).startsWith("Results of run #" + run);
        List<WebElement> rows = browser.all("table.results tbody tr");
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector(".verdict")).getText())).containsOnly("fail");
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector("th")).getText()))
                .containsExactlyInAnyOrder(BOARD_FAILURE, SCRIPT_TEST);
        assertThat(browser.find("input[name=verdict][value=fail]").isSelected()).isTrue();
        WebElement script = rows.stream().filter(row -> row.getText().contains(SCRIPT)).findFirst().orElseThrow();
        assertThat(script.findElement(By.cssSelector("td.message pre")).getText()).isEqualTo("output differs: " + SCRIPT);
        assertThat(script.findElement(By.linkText("output")).getDomProperty("href")).contains("/runs/" + run + "/files/");
        WebElement uart = rows.stream().filter(row -> row.getText().contains(BOARD_FAILURE)).findFirst().orElseThrow();
        assertThat(uart.findElement(By.linkText("source")).getDomProperty("href"))
                .startsWith("https://github.com/micropython/micropython/").endsWith("/tests/" + BOARD_FAILURE);
        assertThat(browser.all("main script")).isEmpty();
    }

    @Test
    void aGroupOfTheRunListsItsResults() {
        long run = server.lastRun();
        open("/runs/" + run);
        browser.driver().findElement(By.linkText(PERFBENCH)).click();
        browser.until(ExpectedConditions.urlContains("/results?"));
        browser.until(d -> d.findElement(By.id("main")).getDomAttribute("data-state").equals("ready"));
        List<WebElement> rows = browser.all("table.results tbody tr");
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector("th")).getText()))
                .containsExactly("perf_bench/bm_chaos.py", "perf_bench/bm_fannkuch.py", "perf_bench/misc_pystone.py");
        assertThat(rows).allSatisfy(row -> assertThat(row.findElement(By.cssSelector("td.message")).getText())
                .matches("score \\d+\\.\\d\\d ±0\\.9%, \\d+ µs ±0\\.8%"));
        assertThat(new Select(browser.find("select[name=group]")).getFirstSelectedOption().getText()).isEqualTo(PERFBENCH);
        assertThat(new Select(browser.find("select[name=variant]")).getFirstSelectedOption().getText()).isEqualTo("RPI_PICO2");
    }

    @Test
    void theResultsSearchTextAndSortBySlowest() {
        long run = server.lastRun();
        open("/runs/" + run + "/results?q=uart&sort=-duration");
        List<WebElement> rows = browser.all("table.results tbody tr");
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.findElement(By.cssSelector("th")).getText()).isEqualTo(BOARD_FAILURE));
        assertThat(rows.get(0).findElements(By.cssSelector("td")).get(2).getText()).isEqualTo("ESP32_GENERIC");
        assertThat(new Select(browser.find("select[name=sort]")).getFirstSelectedOption().getText()).isEqualTo("slowest first");
    }

    @Test
    void theResultsPagesGoForwardBackAndToTheLast() {
        long run = server.lastRun();
        open("/runs/" + run + "/results?limit=10");
        List<String> first = namesShown();
        assertThat(first).hasSize(10);
        assertThat(browser.find("nav.pager .count").getText()).isEqualTo(totals(SeededRuns.all().get(SeededRuns.lastNight()))
                .values().stream().mapToLong(Long::longValue).sum() + " in all");
        assertThat(browser.texts("nav.pager .disabled")).contains("First", "Previous");
        clickAndWait("nav.pager a[rel=next]");
        List<String> second = namesShown();
        assertThat(second).hasSize(10).isNotEqualTo(first);
        clickAndWait("nav.pager a[rel=prev]");
        assertThat(namesShown()).isEqualTo(first);
        clickAndWait("nav.pager a[rel=last]");
        assertThat(namesShown()).isNotEmpty().doesNotContainAnyElementsOf(first);
        assertThat(browser.texts("nav.pager .disabled")).contains("Next", "Last");
    }

    // ---------- files ----------

    @Test
    void theFilesBrowserListsFoldersAndShowsAFileAsText() {
        long run = server.lastRun();
        open("/runs/" + run + "/files/");
        List<String> names = browser.all("table.files tbody tr").stream().map(row -> cells(row).get(0)).toList();
        assertThat(names).contains(STANDARD + "@RPI_PICO2/", STANDARD + "@ESP32_GENERIC/", "context.json", "summary_report.md");
        browser.driver().findElement(By.linkText(STANDARD + "@RPI_PICO2/")).click();
        browser.until(ExpectedConditions.urlContains("RPI_PICO2/"));
        browser.until(d -> d.findElement(By.id("main")).getDomAttribute("data-state").equals("ready"));
        String output = SCRIPT_TEST.replace('/', '_') + ".out";
        assertThat(browser.all("table.files tbody tr").stream().map(row -> cells(row).get(0))).contains(output, "testresults.txt");
        browser.driver().findElement(By.linkText(output)).click();
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.file")));
        assertThat(browser.find("pre.file").getText()).isEqualTo("True\n" + SCRIPT + "\n<b>bold</b> & <i>done</i>");
        assertThat(browser.all("main b, main i, main script")).isEmpty();
    }

    // ---------- a test's history ----------

    @Test
    void aTestsHistoryShowsAVerdictStripPerVariantAndItsDurations() {
        open("/tests?group=" + STANDARD + "&name=" + encoded(FLAKY_TEST));
        assertThat(browser.find("h1").getText()).isEqualTo(FLAKY_TEST + " " + STANDARD);
        List<WebElement> rows = browser.all("table.history tbody tr");
        assertThat(rows).hasSize(4);
        WebElement esp32 = rows.stream().filter(row -> cells(row).get(0).equals("ESP32_GENERIC")).findFirst().orElseThrow();
        List<WebElement> cells = esp32.findElements(By.cssSelector(".strip .cell"));
        assertThat(cells).hasSize(SeededRuns.NIGHTS);
        assertThat(cells.stream().map(c -> c.getDomAttribute("class"))).filteredOn(c -> c.contains("v-fail")).hasSize(4);
        assertThat(cells.get(1).getDomAttribute("title")).isEqualTo("2026-11-25 02:00 fail");
        assertThat(cells.get(0).getDomProperty("href")).isEqualTo(server.url("/runs/" + server.runIds().get(0)));
        assertCharts(1);
    }

    @Test
    void aBenchmarksHistoryChartsItsScore() {
        open("/tests?group=" + PERFBENCH + "&name=" + encoded("perf_bench/bm_chaos.py"));
        assertThat(browser.texts("figure.chart figcaption")).containsExactly("Duration (s) per variant",
                "Benchmark score per variant (higher is better)");
        assertCharts(2);
    }

    @Test
    void aTestNamedLikeAScriptHasItsHistoryToo() {
        open("/tests?group=" + STANDARD + "&name=" + encoded(SCRIPT_TEST));
        assertThat(browser.find("h1").getText()).isEqualTo(SCRIPT_TEST + " " + STANDARD);
        assertThat(browser.driver().getTitle()).startsWith(SCRIPT_TEST);
        assertThat(browser.all("main script")).isEmpty();
    }

    // ---------- flaky tests ----------

    @Test
    void theFlakyListShowsTheTestThatFlipsWithItsRecentVerdicts() {
        open("/flaky");
        assertThat(browser.find("h1").getText()).isEqualTo("Flaky tests");
        // The other testbed's series (pass, pass, fail) flipped once only: not flaky at two flips.
        List<WebElement> rows = browser.all("table.flaky tbody tr");
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(cells(row)).startsWith(FLAKY_TEST, STANDARD)
                .element(3).isEqualTo(TESTBED));
        WebElement pico = rows.stream().filter(row -> cells(row).get(2).equals("RPI_PICO2") && cells(row).get(3).equals(TESTBED))
                .findFirst().orElseThrow();
        List<WebElement> strip = pico.findElements(By.cssSelector(".strip .cell"));
        assertThat(strip).hasSize(SeededRuns.NIGHTS);
        // oldest first: nights 0, 1, 2 are pass, fail, pass
        assertThat(strip.subList(0, 3).stream().map(c -> c.getDomAttribute("title"))).containsExactly("pass", "fail", "pass");
        assertThat(cells(pico).get(4)).isEqualTo("8");
        assertThat(pico.findElement(By.cssSelector("th a")).getDomProperty("href")).contains("/tests?").contains("variant=RPI_PICO2");
    }

    // ---------- trends ----------

    @Test
    void theTrendsChartPassRatioDurationAndBenchmarkScores() {
        open("/trends?testbed=" + TESTBED + "&period=all");
        assertThat(browser.texts("h2")).containsExactly("Pass ratio and duration per group × variant", "Benchmark scores");
        assertThat(browser.all("table.datasets tbody tr")).hasSize(4);
        WebElement statusLink = browser.find("table.datasets tbody tr a");
        assertThat(statusLink.getDomProperty("href")).contains("/api/v1/datasets/status?").contains("testbed=" + TESTBED);
        List<WebElement> benchmarks = browser.all("table.benchmarks tbody tr");
        assertThat(benchmarks.stream().map(row -> row.findElement(By.cssSelector("th")).getText()))
                .containsExactlyInAnyOrder("perf_bench/bm_chaos.py", "perf_bench/bm_fannkuch.py", "perf_bench/misc_pystone.py");
        WebElement chaos = benchmarks.stream().filter(row -> row.getText().contains("bm_chaos")).findFirst().orElseThrow();
        assertThat(chaos.findElement(By.cssSelector("td.worse")).getText()).startsWith("-");
        assertCharts(2 + 3);
    }

    // ---------- compare ----------

    @Test
    void twoRunsCompareByNewFailuresFixedAndBenchmarks() {
        long base = server.runIds().get(4);
        long head = server.lastRun();
        open("/compare?base=" + base + "&head=" + head);
        assertThat(browser.find("h1").getText()).isEqualTo("Compare two runs");
        assertThat(browser.texts("h2")).containsExactly("New failures (1)", "Fixed (3)", "Still failing (1)", "Added tests (0)",
                "Removed tests (0)", "Benchmarks (3)");
        assertThat(cells(browser.find("#new-failures tbody tr"))).containsExactly(SCRIPT_TEST, STANDARD, "RPI_PICO2", "pass", "fail");
        assertThat(browser.find("#new-failures tbody th").getText()).isEqualTo(SCRIPT_TEST);
        assertThat(browser.all("#fixed tbody th").stream().map(WebElement::getText)).containsOnly(FLAKY_TEST);
        assertThat(browser.find("#still-failing tbody th").getText()).isEqualTo(BOARD_FAILURE);
        assertThat(browser.all("table.compare-runs tbody tr a").stream().map(WebElement::getText)).containsExactly("#" + base, "#" + head);
        assertThat(browser.all("main script")).isEmpty();
    }

    @Test
    void aRunThatIsNotThereIsSaidSo() {
        browser.open(server.url("/runs/987654"));
        assertThat(browser.state()).startsWith("error: Could not load this page: 404");
        assertThat(browser.texts("header.site nav a")).containsExactly("Runs", "Flaky tests", "Trends", "Compare", "API");
    }

    // ---------- helpers ----------

    private void assertCharts(int count) {
        List<WebElement> canvases = browser.all("figure.chart canvas");
        assertThat(canvases).hasSize(count).allSatisfy(canvas -> {
            assertThat(canvas.getRect().getWidth()).isPositive();
            assertThat(canvas.getRect().getHeight()).isPositive();
        });
        // uPlot's legend carries one row per series besides the time.
        assertThat(browser.all("figure.chart .u-legend tr.u-series")).hasSizeGreaterThan(count);
    }

    private void clickAndWait(String css) {
        String before = browser.driver().getCurrentUrl();
        browser.find(css).click();
        browser.until(d -> !d.getCurrentUrl().equals(before)
                && d.findElement(By.id("main")).getDomAttribute("data-state").equals("ready"));
    }

    private List<String> runIdsShown() {
        return browser.all("table.runs tbody tr").stream().map(row -> cells(row).get(0)).toList();
    }

    private List<String> namesShown() {
        return browser.all("table.results tbody tr").stream()
                .map(row -> row.findElement(By.cssSelector("th")).getText() + "@" + row.findElements(By.cssSelector("td")).get(2).getText())
                .toList();
    }

    private Map<String, String> facts() {
        List<String> names = browser.texts("dl.facts dt");
        List<String> values = browser.texts("dl.facts dd");
        return java.util.stream.IntStream.range(0, names.size()).boxed()
                .collect(Collectors.toMap(names::get, values::get));
    }

    /** A row's cells as text, the row heading (th) included. */
    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    }

    private static Map<Verdict, Long> totals(ParsedRun run) {
        Map<Verdict, Long> counts = run.testRuns().stream().flatMap(t -> t.results().stream())
                .collect(Collectors.groupingBy(ParsedResult::verdict, Collectors.counting()));
        for (Verdict verdict : Verdict.values()) {
            counts.putIfAbsent(verdict, 0L);
        }
        return counts;
    }
}
