package dev.mpunit.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.store.Database;

/** The pages as HTTP answers, without a browser: one shell, the policy that keeps test output inert. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageRoutesTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Database database;
    private ResultsServer server;

    @BeforeAll
    void start(@TempDir Path folder) {
        database = Database.open(Database.EMBEDDED, folder, null, null);
        server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), database);
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/runs/1", "/runs/1/results?verdict=fail", "/runs/1/files/", "/runs/1/files/a%40b/c.py.out",
        "/tests?group=RUN-TESTS_STANDARD&name=basics%2Flist1.py", "/flaky", "/trends", "/compare?base=1&head=2"})
    void everyPageIsTheShellUnderAPolicyWithoutInlineScriptOrStyle(String path) throws Exception {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type.replace(" ", ""))
                .isEqualToIgnoringCase("text/html;charset=utf-8"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "style-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // Scripts and styles only from the server's own files: the shell has no inline code to allow.
        assertThat(page.body()).contains("<script src=\"/static/app.js\" defer></script>",
                "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").doesNotContain("style=", "<style", "onload=", "onclick=");
        assertThat(page.body().replaceAll("<script src=\"[^\"]+\" defer></script>", "")).doesNotContain("<script");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/app.js", "/static/app.css", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
        "/webjars/uplot/1.6.30/dist/uPlot.min.css"})
    void theScriptsAndStylesAreServedByTheServerItself(String path) throws Exception {
        HttpResponse<String> file = get(path);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/runs/abc", "/runs/0", "/runs/-1/results", "/runs/1e3/files/"})
    void aRunPageOfNoPossibleIdIsNotFoundSayingWhatAnIdIs(String path) throws Exception {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("a run's id is a number");
    }
}
